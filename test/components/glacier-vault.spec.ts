import * as assert from "node:assert/strict";
import {
  GlacierVault,
  type GlacierVaultArgs,
  validateGlacierVaultArgs,
} from "../../components/glacier-vault";
import {
  glacierVaultLockPolicy,
  longestGlacierVaultArn,
  policySize,
  Issues,
  formatIssue,
} from "../../core";
import { TEST_ACCOUNT, mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const COMPONENT = "hybrid-backup:index:GlacierVault";
const URN = `urn:pulumi:test::hybrid-backup::${COMPONENT}::worm`;
const childUrn = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${COMPONENT}$${type}::${name}`;
const VAULT = "aws:glacier/vault:Vault";
const LOCK = "aws:glacier/vaultLock:VaultLock";
const VAULT_ARN = `arn:aws:glacier:us-east-1:${TEST_ACCOUNT}:vaults/acme-prod-db-dumps-worm`;
const MOCK_VAULT_ARN = `arn:aws:glacier:us-east-1:${TEST_ACCOUNT}:vault/worm-vault`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:topic/worm-retrievals`;
const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/worm-key`;
const WRITER = "arn:aws:iam::111111111111:role/archive-vault-writer";
const READER = "arn:aws:iam::111111111111:role/archive-restore";

const completed: GlacierVaultArgs = {
  name: "acme-prod-db-dumps-worm",
  retentionDays: 2557,
  completeLock: true,
  acknowledgeLockIsIrreversible: true,
  writerPrincipalArns: [WRITER],
  readerPrincipalArns: [READER],
  tags: { owner: "platform-team" },
  protect: true,
};

function argProblems(args: GlacierVaultArgs): string[] {
  const issues = new Issues();
  validateGlacierVaultArgs(args, issues);
  return issues.all.map(formatIssue);
}

describe("GlacierVault", () => {
  describe("with a completed lock", () => {
    let vault: GlacierVault;

    beforeEach(async () => {
      await useMocks({ preview: false });
      vault = new GlacierVault("worm", completed);
      await settled();
    });

    it("builds the key, topic, topic policy, vault and lock as children", () => {
      assert.deepStrictEqual(childrenOf(URN), [
        [VAULT, "worm-vault"],
        [LOCK, "worm-lock"],
        ["aws:kms/key:Key", "worm-key"],
        ["aws:sns/topic:Topic", "worm-retrievals"],
        ["aws:sns/topicPolicy:TopicPolicy", "worm-retrievals-policy"],
      ]);
    });

    it("denies deleting archives younger than the retention in the lock, and completes it", () => {
      const lock = inputsOf(LOCK, "worm-lock");
      assert.deepStrictEqual(
        { ...lock, policy: JSON.parse(lock.policy as string) as unknown },
        {
          vaultName: "acme-prod-db-dumps-worm",
          completeLock: true,
          ignoreDeletionError: true,
          policy: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "DenyDeletingArchivesYoungerThanTheRetention",
                Effect: "Deny",
                Principal: "*",
                Action: "glacier:DeleteArchive",
                Resource: VAULT_ARN,
                Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "2557" } },
              },
            ],
          },
        },
      );
      assert.ok(one(LOCK, "worm-lock").dependencies.includes(childUrn(VAULT, "worm-vault")));
    });

    it("names the vault, lets writers upload and readers retrieve, and notifies retrievals", () => {
      const vaultInputs = inputsOf(VAULT, "worm-vault");
      assert.deepStrictEqual(
        { ...vaultInputs, accessPolicy: JSON.parse(vaultInputs.accessPolicy as string) as unknown },
        {
          name: "acme-prod-db-dumps-worm",
          notification: {
            snsTopic: TOPIC_ARN,
            events: ["ArchiveRetrievalCompleted", "InventoryRetrievalCompleted"],
          },
          accessPolicy: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "AllowWritersToUploadArchives",
                Effect: "Allow",
                Principal: { AWS: [WRITER] },
                Action: [
                  "glacier:UploadArchive",
                  "glacier:InitiateMultipartUpload",
                  "glacier:UploadMultipartPart",
                  "glacier:CompleteMultipartUpload",
                  "glacier:AbortMultipartUpload",
                  "glacier:ListMultipartUploads",
                  "glacier:ListParts",
                  "glacier:DescribeVault",
                ],
                Resource: VAULT_ARN,
              },
              {
                Sid: "AllowReadersToRetrieveArchives",
                Effect: "Allow",
                Principal: { AWS: [READER] },
                Action: [
                  "glacier:InitiateJob",
                  "glacier:DescribeJob",
                  "glacier:ListJobs",
                  "glacier:GetJobOutput",
                  "glacier:DescribeVault",
                ],
                Resource: VAULT_ARN,
              },
            ],
          },
          tags: {
            owner: "platform-team",
            "backup-role": "archive",
            "backup-tier": "none",
            "backup-exempt-reason":
              "immutable archive: a completed Vault Lock denies deleting archives younger than 2557 days",
          },
        },
      );
      assert.ok(
        one(VAULT, "worm-vault").dependencies.includes(
          childUrn("aws:sns/topicPolicy:TopicPolicy", "worm-retrievals-policy"),
        ),
      );
    });

    it("encrypts the topic with a rotating key Glacier may use, and lets only the account and Glacier publish", () => {
      const key = inputsOf("aws:kms/key:Key", "worm-key");
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.deletionWindowInDays, 30);
      assert.deepStrictEqual(JSON.parse(key.policy as string), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EnableAccountIamPolicies",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "AllowGlacierToPublishToTheEncryptedTopic",
            Effect: "Allow",
            Principal: { Service: "glacier.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } },
          },
        ],
      });
      assert.deepStrictEqual(inputsOf("aws:sns/topic:Topic", "worm-retrievals"), {
        kmsMasterKeyId: KEY_ARN,
        tags: { owner: "platform-team" },
      });
      assert.deepStrictEqual(
        jsonInput("aws:sns/topicPolicy:TopicPolicy", "worm-retrievals-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowTheOwningAccountToPublish",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
              Action: "SNS:Publish",
              Resource: TOPIC_ARN,
            },
            {
              Sid: "AllowGlacierToPublishForThisAccount",
              Effect: "Allow",
              Principal: { Service: "glacier.amazonaws.com" },
              Action: "SNS:Publish",
              Resource: TOPIC_ARN,
              Condition: { StringEquals: { "aws:SourceAccount": TEST_ACCOUNT } },
            },
            {
              Sid: "DenyPublishingWithoutTls",
              Effect: "Deny",
              Principal: "*",
              Action: "SNS:Publish",
              Resource: TOPIC_ARN,
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        },
      );
    });

    it("protects and retains the vault, its lock and its key only", async () => {
      for (const pick of [
        (r: { protect: boolean }) => r.protect,
        (r: { retainOnDelete: boolean }) => r.retainOnDelete,
      ]) {
        assert.deepStrictEqual(
          mocks.resources
            .filter(pick)
            .map((r) => r.name)
            .sort(),
          ["worm-key", "worm-lock", "worm-vault"],
        );
      }
      assert.equal(await valueOf(vault.vaultArn), MOCK_VAULT_ARN);
      assert.equal(await valueOf(vault.retrievalTopicArn), TOPIC_ARN);
      assert.equal(await valueOf(vault.lockCompleted), true);
    });
  });

  it("leaves the lock in progress (abortable) without completeLock, and no access policy without principals", async () => {
    await useMocks({ preview: false });
    const vault = new GlacierVault("worm", { name: "staging-worm", retentionDays: 30 });
    await settled();
    const lock = inputsOf(LOCK, "worm-lock");
    assert.equal(lock.completeLock, false);
    assert.equal(lock.ignoreDeletionError, false);
    const vaultInputs = inputsOf(VAULT, "worm-vault");
    assert.equal("accessPolicy" in vaultInputs, false);
    assert.deepStrictEqual(vaultInputs.tags, {
      "backup-role": "archive",
      "backup-tier": "none",
      "backup-exempt-reason":
        "archive vault: a Vault Lock in progress denies deleting archives younger than 30 days until it expires",
    });
    assert.equal(await valueOf(vault.lockCompleted), false);
    assert.deepStrictEqual(
      mocks.resources.filter((r) => r.protect).map((r) => r.name),
      [],
    );
  });

  it("knows the lock and access policies during preview, so policies can check them, not the ARNs", async () => {
    await useMocks({ preview: true });
    const vault = new GlacierVault("worm", completed);
    await settled();
    assert.equal(await valueOf(vault.vaultArn), UNKNOWN);
    assert.equal(await valueOf(vault.retrievalTopicArn), UNKNOWN);
    assert.deepStrictEqual(
      jsonInput(LOCK, "worm-lock", "policy"),
      glacierVaultLockPolicy(VAULT_ARN, 2557),
    );
    assert.equal(
      (jsonInput(VAULT, "worm-vault", "accessPolicy") as { Statement: unknown[] }).Statement.length,
      2,
    );
    assert.equal(
      inputsOf("aws:sns/topicPolicy:TopicPolicy", "worm-retrievals-policy").policy,
      UNKNOWN,
    );
    assert.equal(inputsOf(LOCK, "worm-lock").completeLock, true);
    assert.equal(await valueOf(vault.vaultName), "acme-prod-db-dumps-worm");
  });

  it("refuses to complete a lock without the acknowledgement", async () => {
    await useMocks({ preview: false });
    const message =
      "[acknowledgeLockIsIrreversible] is undefined, but must be true when completeLock is true: a completed Vault Lock can never be changed or removed, and archives younger than retentionDays can never be deleted.";
    assert.throws(
      () => new GlacierVault("worm", { name: "worm", retentionDays: 365, completeLock: true }),
      { message: `GlacierVault worm has 1 problem:\n${message}` },
    );
    assert.deepStrictEqual(
      argProblems({
        name: "worm",
        retentionDays: 365,
        completeLock: true,
        acknowledgeLockIsIrreversible: false,
      }),
      [message.replace("is undefined", "is false")],
    );
    assert.deepStrictEqual(
      argProblems({ name: "worm", retentionDays: 365, completeLock: false }),
      [],
    );
    assert.deepStrictEqual(
      argProblems({
        name: "worm",
        retentionDays: 365,
        completeLock: true,
        acknowledgeLockIsIrreversible: true,
      }),
      [],
    );
  });

  it("checks the vault name, the retention and the principal ARNs", () => {
    assert.deepStrictEqual(
      argProblems({
        name: "db dumps",
        retentionDays: 0,
        writerPrincipalArns: ["arn:aws:iam::111111111111:group/writers"],
        readerPrincipalArns: ["111111111111"],
      }),
      [
        '[name] is "db dumps", but must be 1-255 letters, digits, underscores, hyphens or periods.',
        "[retentionDays] is 0, but must be a whole number from 1 to 36500 days.",
        '[writerPrincipalArns[0]] is "arn:aws:iam::111111111111:group/writers", but must be an IAM principal ARN (an account root, a role or a user) such as arn:aws:iam::111111111111:role/archive-reader.',
        '[readerPrincipalArns[0]] is "111111111111", but must be an IAM principal ARN (an account root, a role or a user) such as arn:aws:iam::111111111111:role/archive-reader.',
      ],
    );
    assert.deepStrictEqual(argProblems({ name: "", retentionDays: 36501 }), [
      '[name] is "", but must be 1-255 letters, digits, underscores, hyphens or periods.',
      "[retentionDays] is 36501, but must be a whole number from 1 to 36500 days.",
    ]);
    assert.deepStrictEqual(argProblems({ name: "x".repeat(256), retentionDays: 1 }).length, 1);
    assert.deepStrictEqual(
      argProblems({
        name: `Db_Dumps.${"x".repeat(246)}`,
        retentionDays: 36500,
        writerPrincipalArns: ["arn:aws:iam::111111111111:root"],
        readerPrincipalArns: ["arn:aws-us-gov:iam::111111111111:user/auditor"],
      }),
      [],
    );
  });

  it("keeps the vault access policy within 20 KB wherever the stack deploys", () => {
    const roles = (count: number) =>
      Array.from(
        { length: count },
        (_, i) => `arn:aws:iam::111111111111:role/archive-reader-${String(i).padStart(3, "0")}`,
      );
    // Each reader adds 52 bytes; one writer and one reader, with the longest vault ARN, make 814.
    assert.deepStrictEqual(
      argProblems({
        name: "worm",
        retentionDays: 30,
        readerPrincipalArns: roles(379),
        writerPrincipalArns: [WRITER],
      }),
      [],
    );
    assert.deepStrictEqual(
      argProblems({
        name: "worm",
        retentionDays: 30,
        readerPrincipalArns: roles(380),
        writerPrincipalArns: [WRITER],
      }),
      [
        "[readerPrincipalArns] lists 380 principals, which with the 1 of writerPrincipalArns make the vault access policy up to 20522 bytes long, but Glacier accepts at most 20480 bytes; name fewer principals (an account root ARN admits every principal its account's IAM policies allow).",
      ],
    );
    assert.deepStrictEqual(
      argProblems({ name: "worm", retentionDays: 30, writerPrincipalArns: roles(390) }).length,
      1,
    );
  });

  it("has a lock policy far below 20 KB even with the longest name, partition and region", () => {
    const longest = "x".repeat(255);
    assert.equal(
      longestGlacierVaultArn(longest),
      `arn:aws-us-gov:glacier:cn-northwest-1:999999999999:vaults/${longest}`,
    );
    assert.equal(policySize(glacierVaultLockPolicy(longestGlacierVaultArn(longest), 36500)), 553);
  });
});
