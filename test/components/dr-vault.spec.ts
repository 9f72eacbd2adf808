import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { BACKUP_VAULT_TYPE } from "../../components/backup-vault";
import {
  DR_VAULT_TYPE,
  DrVault,
  type DrVaultArgs,
  validateDrVaultArgs,
} from "../../components/dr-vault";
import { Issues, formatIssues, type VaultLockConfig } from "../../core";
import { TEST_ACCOUNT, mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const DR_ACCOUNT = "222222222222";
const DEPLOYER = `arn:aws:iam::${DR_ACCOUNT}:role/backup-dr-deployer`;
const BREAK_GLASS = `arn:aws:iam::${DR_ACCOUNT}:role/backup-dr-break-glass`;
const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${DR_VAULT_TYPE}::main`;
const VAULT_URN = `urn:pulumi:test::hybrid-backup::${DR_VAULT_TYPE}$${BACKUP_VAULT_TYPE}::main`;
const IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity";

const COMPLIANCE_LOCK: VaultLockConfig = {
  mode: "compliance",
  minRetentionDays: 30,
  maxRetentionDays: 3650,
  changeableForDays: 3,
  acknowledgeComplianceLockIsPermanent: true,
};

const crossAccount: DrVaultArgs = {
  name: "prod-dr",
  region: "us-west-2",
  accountId: DR_ACCOUNT,
  roleArn: DEPLOYER,
  sourceAccountId: TEST_ACCOUNT,
  sourceRegion: "us-east-1",
  lock: COMPLIANCE_LOCK,
  breakGlassRoleArns: [BREAK_GLASS],
  tags: { environment: "prod" },
};

const crossRegion: DrVaultArgs = {
  name: "staging-dr",
  region: "eu-west-1",
  sourceAccountId: TEST_ACCOUNT,
  sourceRegion: "us-east-1",
  lock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 365 },
  breakGlassRoleArns: [`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`],
};

function issuesOf(args: DrVaultArgs, providerGiven = false): string {
  const issues = new Issues();
  validateDrVaultArgs(args, issues, { providerGiven });
  return formatIssues(issues.all);
}

/** The recorded resources whose parent is the BackupVault inside the DrVault. */
function vaultChildren() {
  return mocks.resources.filter((r) => r.parent === VAULT_URN);
}

/**
 * Answers getCallerIdentity as AWS would: with the account of the role a provider assumes, or the
 * test account for the default provider.
 */
function answerIdentityByProvider(): void {
  mocks.onCall(IDENTITY, (args) => {
    const urn = args.provider?.split("::").slice(0, -1).join("::");
    const roles = urn === undefined ? undefined : mocks.get(urn)?.inputs.assumeRoles;
    const account =
      typeof roles === "string" ? /iam::([0-9]{12}):role/.exec(roles)?.[1] : undefined;
    const accountId = account ?? mocks.accountId;
    return {
      accountId,
      arn: `arn:aws:iam::${accountId}:user/preview`,
      userId: "AIDA",
      id: accountId,
    };
  });
}

function restoreIdentity(): void {
  mocks.onCall(IDENTITY, () => ({
    accountId: mocks.accountId,
    arn: `arn:aws:iam::${mocks.accountId}:user/preview`,
    userId: "AIDAPREVIEW",
    id: mocks.accountId,
  }));
}

const DENY_DELETION = (roles: string[]) => ({
  Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
  Effect: "Deny",
  Principal: "*",
  Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
  Resource: "*",
  Condition: { ArnNotLike: { "aws:PrincipalArn": roles } },
});
const DENY_POLICY_CHANGES = (managers: string[]) => ({
  Sid: "DenyAccessPolicyChangesExceptBreakGlassAndDeployers",
  Effect: "Deny",
  Principal: "*",
  Action: ["backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy"],
  Resource: "*",
  Condition: { ArnNotLike: { "aws:PrincipalArn": managers } },
});

describe("DrVault", () => {
  describe("resources", () => {
    before(answerIdentityByProvider);
    after(restoreIdentity);
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("makes a provider that assumes the DR role, and deploys the vault with it in the DR region", async () => {
      new DrVault("main", crossAccount);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        [BACKUP_VAULT_TYPE, "main"],
        ["pulumi:providers:aws", "main-provider"],
      ]);
      const provider = one("pulumi:providers:aws", "main-provider");
      const inputs = inputsOf("pulumi:providers:aws", "main-provider");
      assert.equal(inputs.region, "us-west-2");
      assert.deepStrictEqual(JSON.parse(inputs.allowedAccountIds as string), [DR_ACCOUNT]);
      assert.deepStrictEqual(JSON.parse(inputs.assumeRoles as string), [
        { roleArn: DEPLOYER, sessionName: "hybrid-backup-dr" },
      ]);
      assert.deepStrictEqual(
        vaultChildren()
          .map((r) => r.name)
          .sort(),
        [
          "main-key",
          "main-key-alias",
          "main-lock",
          "main-notifications",
          "main-policy",
          "main-topic",
          "main-topic-key",
          "main-topic-key-alias",
          "main-topic-policy",
          "main-vault",
        ],
      );
      for (const child of vaultChildren()) {
        assert.equal(child.provider, `${provider.urn}::main-provider-id`, child.name);
        assert.equal(inputsOf(child.type, child.name).region, "us-west-2", child.name);
      }
    });

    it("lets only the workload account copy in, and denies deletion to all but the break-glass roles", async () => {
      new DrVault("main", crossAccount);
      await settled();
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            DENY_DELETION([BREAK_GLASS]),
            DENY_POLICY_CHANGES([BREAK_GLASS, DEPLOYER]),
            {
              Sid: "AllowCopyIntoThisVaultFromSourceAccounts",
              Effect: "Allow",
              Principal: { AWS: [`arn:aws:iam::${TEST_ACCOUNT}:root`] },
              Action: "backup:CopyIntoBackupVault",
              Resource: "*",
            },
          ],
        },
      );
    });

    it("admits a whole organization by aws:PrincipalOrgID, or given accounts only while in it", async () => {
      new DrVault("org", { ...crossAccount, allowCopyFrom: { organizationId: "o-a1b2c3d4e5" } });
      new DrVault("both", {
        ...crossAccount,
        allowCopyFrom: { organizationId: "o-a1b2c3d4e5", accounts: [TEST_ACCOUNT, "444444444444"] },
      });
      await settled();
      const copyStatement = (name: string) =>
        (
          jsonInput("aws:backup/vaultPolicy:VaultPolicy", name, "policy") as {
            Statement: unknown[];
          }
        ).Statement[2];
      assert.deepStrictEqual(copyStatement("org-policy"), {
        Sid: "AllowCopyIntoThisVaultFromTheOrganization",
        Effect: "Allow",
        Principal: "*",
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      });
      assert.deepStrictEqual(copyStatement("both-policy"), {
        Sid: "AllowCopyIntoThisVaultFromSourceAccounts",
        Effect: "Allow",
        Principal: {
          AWS: [`arn:aws:iam::${TEST_ACCOUNT}:root`, "arn:aws:iam::444444444444:root"],
        },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      });
    });

    it("encrypts the copies with a customer managed key of the DR account, used through AWS Backup in the DR region", async () => {
      new DrVault("main", crossAccount);
      await settled();
      const key = inputsOf("aws:kms/key:Key", "main-key");
      assert.equal(key.enableKeyRotation, true);
      assert.deepStrictEqual(jsonInput("aws:kms/key:Key", "main-key", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EnableAccountIamPolicies",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${DR_ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "AllowAwsBackupForPrincipalsOfTheAccount",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: {
              StringEquals: {
                "kms:ViaService": "backup.us-west-2.amazonaws.com",
                "kms:CallerAccount": DR_ACCOUNT,
              },
            },
          },
        ],
      });
      assert.deepStrictEqual(inputsOf("aws:backup/vault:Vault", "main-vault"), {
        name: "prod-dr",
        kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/main-key",
        forceDestroy: false,
        region: "us-west-2",
        tags: { environment: "prod" },
      });
      assert.deepStrictEqual(
        inputsOf("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"),
        {
          backupVaultName: "prod-dr",
          minRetentionDays: 30,
          maxRetentionDays: 3650,
          changeableForDays: 3,
          region: "us-west-2",
        },
      );
    });

    it("copies to another region of the same account with the region input, without a provider", async () => {
      new DrVault("main", crossRegion);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [[BACKUP_VAULT_TYPE, "main"]]);
      assert.equal(vaultChildren().length, 10);
      for (const child of vaultChildren()) {
        assert.equal(child.provider, undefined, child.name);
        assert.equal(inputsOf(child.type, child.name).region, "eu-west-1", child.name);
      }
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            DENY_DELETION([`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`]),
            DENY_POLICY_CHANGES([`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`]),
          ],
        },
      );
      const keyPolicy = jsonInput("aws:kms/key:Key", "main-key", "policy") as {
        Statement: Array<{ Principal: unknown }>;
      };
      assert.deepStrictEqual(keyPolicy.Statement[0]?.Principal, {
        AWS: `arn:aws:iam::${TEST_ACCOUNT}:root`,
      });
    });

    it("deploys with a provider passed in the options instead of making one", async () => {
      const provider = new aws.Provider("dr-account", { region: "us-west-2" });
      const withoutRole: DrVaultArgs = { ...crossAccount, roleArn: undefined };
      new DrVault("main", withoutRole, { provider });
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [[BACKUP_VAULT_TYPE, "main"]]);
      const ref = `${one("pulumi:providers:aws", "dr-account").urn}::dr-account-id`;
      for (const child of vaultChildren()) assert.equal(child.provider, ref, child.name);
    });

    it("protects the keys, the vault, the lock and the vault policy when asked, and nothing else", async () => {
      new DrVault("main", { ...crossAccount, protect: true });
      await settled();
      const protectedNames = vaultChildren()
        .filter((r) => r.protect)
        .map((r) => r.name)
        .sort();
      assert.deepStrictEqual(protectedNames, [
        "main-key",
        "main-lock",
        "main-policy",
        "main-topic-key",
        "main-vault",
      ]);
    });

    it("exposes the vault, its account, region and lock range", async () => {
      const vault = new DrVault("main", crossAccount);
      await settled();
      assert.equal(await valueOf(vault.vaultName), "prod-dr");
      assert.equal(
        await valueOf(vault.vaultArn),
        "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr",
      );
      assert.equal(await valueOf(vault.accountId), DR_ACCOUNT);
      assert.equal(await valueOf(vault.region), "us-west-2");
      assert.deepStrictEqual(await valueOf(vault.lockRange), {
        minRetentionDays: 30,
        maxRetentionDays: 3650,
      });
    });

    it("refuses bad arguments before creating any child", async () => {
      const provider = new aws.Provider("dr-account", { region: "us-west-2" });
      assert.throws(
        () => new DrVault("main", crossAccount, { provider }),
        (error: Error) =>
          error.message ===
          "DrVault main has 1 problem:\n[roleArn] is set, but the resource options also pass a provider: give one of them, not both.",
      );
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), []);
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("knows the vault ARN copy actions need, and keeps what the provider computes unknown", async () => {
      const vault = new DrVault("main", crossRegion);
      await settled();
      assert.equal(
        await valueOf(vault.vaultArn),
        "arn:aws:backup:eu-west-1:111111111111:backup-vault:staging-dr",
      );
      assert.equal(await valueOf(vault.keyArn), UNKNOWN);
      assert.equal(inputsOf("aws:backup/vault:Vault", "main-vault").kmsKeyArn, UNKNOWN);
      assert.deepStrictEqual(
        jsonInput("aws:backup/vaultPolicy:VaultPolicy", "main-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            DENY_DELETION([`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`]),
            DENY_POLICY_CHANGES([`arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`]),
          ],
        },
      );
    });
  });

  describe("validation", () => {
    it("accepts a cross-account and a cross-region DR vault", () => {
      assert.equal(issuesOf(crossAccount), "");
      assert.equal(issuesOf(crossRegion), "");
    });

    it("refuses a DR vault in the workload's own account and region", () => {
      assert.equal(
        issuesOf({ ...crossRegion, region: "us-east-1" }),
        '[region] is "us-east-1", the workload\'s own region, and the DR account is the workload account (111111111111): a copy there survives neither the loss of the region nor the loss of the account. Choose another region, another account, or both.',
      );
    });

    it("accepts the workload's region in another account", () => {
      assert.equal(issuesOf({ ...crossAccount, region: "us-east-1" }), "");
    });

    it("refuses a region AWS does not have, and one of another partition", () => {
      assert.equal(
        issuesOf({ ...crossRegion, region: "us-west-9" }),
        '[region] is "us-west-9", but must be an AWS region name such as us-west-2.',
      );
      assert.equal(
        issuesOf({ ...crossAccount, region: "cn-north-1" }),
        [
          '[region] is "cn-north-1" in the aws-cn partition, but the workload region us-east-1 is in the aws partition: AWS Backup copies only within one partition.',
          "[roleArn] is in the aws partition, but the DR region cn-north-1 is in the aws-cn partition.",
        ].join("\n"),
      );
    });

    it("refuses account ids that are not 12 digits", () => {
      assert.equal(
        issuesOf({ ...crossAccount, accountId: "22222222222" }),
        '[accountId] is "22222222222", but must be an AWS account id of exactly 12 digits.',
      );
      assert.equal(
        issuesOf({ ...crossRegion, sourceAccountId: "1111" }),
        '[sourceAccountId] is "1111", but must be an AWS account id of exactly 12 digits.',
      );
      assert.equal(
        issuesOf({ ...crossRegion, sourceRegion: "mars-1" }),
        '[sourceRegion] is "mars-1", but must be an AWS region name such as us-east-1.',
      );
    });

    it("needs a role of the DR account, or a provider, to reach another account", () => {
      const withoutRole: DrVaultArgs = { ...crossAccount, roleArn: undefined };
      assert.equal(
        issuesOf(withoutRole),
        "[roleArn] is missing, but the DR account 222222222222 differs from the workload account 111111111111: give the ARN of a role in 222222222222 that the stack assumes to deploy the DR vault, or pass a provider for that account in the resource options.",
      );
      assert.equal(issuesOf(withoutRole, true), "");
      assert.equal(
        issuesOf({ ...withoutRole, accountId: undefined }, true),
        "[accountId] is missing, but the resource options pass a provider: name the account it deploys into, which the vault's ARN and access policy depend on.",
      );
      assert.equal(
        issuesOf({ ...crossAccount, roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/deployer` }),
        "[roleArn] is a role of account 111111111111, but must be a role in the DR account 222222222222: the stack assumes it to deploy the DR vault there.",
      );
      assert.equal(
        issuesOf({ ...crossAccount, roleArn: "arn:aws:iam::222222222222:user/deployer" }),
        '[roleArn] is "arn:aws:iam::222222222222:user/deployer", but must be an IAM role ARN such as arn:aws:iam::111111111111:role/backup-break-glass.',
      );
      assert.equal(
        issuesOf(crossAccount, true),
        "[roleArn] is set, but the resource options also pass a provider: give one of them, not both.",
      );
    });

    it("refuses break-glass roles of another account than the DR vault's", () => {
      assert.equal(
        issuesOf({
          ...crossAccount,
          breakGlassRoleArns: [BREAK_GLASS, `arn:aws:iam::${TEST_ACCOUNT}:role/backup-break-glass`],
        }),
        "[breakGlassRoleArns[1]] is a role of account 111111111111, but the vault is in account 222222222222: a break-glass role must belong to the vault's account, or a foreign account could delete its recovery points.",
      );
    });

    it("refuses a copy source list that leaves out the workload, and bad ids", () => {
      assert.equal(
        issuesOf({ ...crossAccount, allowCopyFrom: { accounts: ["444444444444"] } }),
        '[allowCopyFrom.accounts] is ["444444444444"], which leaves out the workload account 111111111111: the DR vault would refuse the workload\'s own copies. Add it.',
      );
      assert.equal(
        issuesOf({
          ...crossAccount,
          allowCopyFrom: {
            organizationId: "o-short",
            accounts: [TEST_ACCOUNT, "4444", TEST_ACCOUNT],
          },
        }),
        [
          '[allowCopyFrom.organizationId] is "o-short", but must be an organization id like "o-" followed by 10-32 lowercase letters or digits.',
          '[allowCopyFrom.accounts[1]] is "4444", but must be an AWS account id of exactly 12 digits.',
          '[allowCopyFrom.accounts[2]] repeats the account id "111111111111" already used at index 0.',
        ].join("\n"),
      );
      assert.equal(issuesOf({ ...crossRegion, allowCopyFrom: { accounts: ["444444444444"] } }), "");
    });

    it("refuses AWS managed source keys for another account, which AWS Backup cannot copy", () => {
      const message = (key: string) =>
        `[sourceKmsKeyArn] is "${key}", an AWS managed key, but AWS Backup cannot copy recovery points encrypted with an AWS managed key to another account (222222222222): an AWS managed key's policy cannot be changed to share it. Encrypt the source with a customer managed key shared with the DR account.`;
      assert.equal(
        issuesOf({ ...crossAccount, sourceKmsKeyArn: "alias/aws/backup" }),
        message("alias/aws/backup"),
      );
      const aliasArn = "arn:aws:kms:us-east-1:111111111111:alias/aws/backup";
      assert.equal(issuesOf({ ...crossAccount, sourceKmsKeyArn: aliasArn }), message(aliasArn));
      assert.equal(issuesOf({ ...crossRegion, sourceKmsKeyArn: "alias/aws/backup" }), "");
      assert.equal(
        issuesOf({
          ...crossAccount,
          sourceKmsKeyArn:
            "arn:aws:kms:us-east-1:111111111111:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
        }),
        "",
      );
    });

    it("refuses a bad session name and the vault's own bad settings, all at once", () => {
      assert.equal(
        issuesOf({
          ...crossAccount,
          name: "prod dr",
          sessionName: "x",
          lock: { ...COMPLIANCE_LOCK, acknowledgeComplianceLockIsPermanent: undefined },
          breakGlassRoleArns: [],
        }),
        [
          '[sessionName] is "x", but must be 2-64 letters, digits or +=,.@_-.',
          '[name] is "prod dr", but must be 2-50 letters, digits, hyphens or underscores.',
          "[lock.acknowledgeComplianceLockIsPermanent] is undefined, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.",
          "[breakGlassRoleArns] is empty, but must name at least one IAM role: the vault policy denies deleting recovery points and changing the policy itself to every other principal, so without one nobody could ever change it again.",
        ].join("\n"),
      );
    });
  });
});
