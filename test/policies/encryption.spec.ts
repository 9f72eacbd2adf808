import * as assert from "node:assert/strict";
import {
  backupVaultCmk,
  directconnectMacsec,
  kmsKeyNoPublicPrincipal,
  kmsKeyRotation,
  s3BackupBucketKms,
  s3BackupBucketPublicAccessBlock,
  s3BackupBucketTlsOnly,
  snsTopicKms,
  storageEncryptedWithCmk,
} from "../../policies/encryption";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  runStackPolicy,
  secret,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/0b1c2d3e-aaaa-bbbb-cccc-111122223333";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const NEED_CMK = "a customer-managed KMS key";

describe("policies/encryption", () => {
  describe("backup-vault-cmk", () => {
    const vault = (kmsKeyArn: unknown): ResourceFixture => ({
      type: "aws:backup/vault:Vault",
      name: "main",
      props: { name: "main", kmsKeyArn },
    });

    it("passes a vault with a customer-managed key (and one from the allow-list)", async () => {
      assert.deepEqual((await runResourcePolicy(backupVaultCmk, vault(KEY_ARN))).messages, []);
      const listed = await runResourcePolicy(backupVaultCmk, vault(KEY_ARN), {
        config: { allowedKmsKeys: ["arn:aws:kms:us-east-1:111111111111:key/*"] },
      });
      assert.deepEqual(listed.messages, []);
    });

    it("fails a vault without a key, with the AWS-managed key, or with a key off the list", async () => {
      const none = await runResourcePolicy(backupVaultCmk, vault(undefined));
      assert.deepEqual(none.messages, [`[kmsKeyArn] is not set, but must be ${NEED_CMK}.`]);
      const managed = await runResourcePolicy(
        backupVaultCmk,
        vault("arn:aws:kms:us-east-1:111111111111:alias/aws/backup"),
      );
      assert.deepEqual(managed.messages, [
        `[kmsKeyArn] is "arn:aws:kms:us-east-1:111111111111:alias/aws/backup", but must be ${NEED_CMK}, not an AWS-managed key.`,
      ]);
      const other = await runResourcePolicy(backupVaultCmk, vault(KEY_ARN), {
        config: { allowedKmsKeys: ["alias/backup"] },
      });
      assert.deepEqual(other.messages, [
        `[kmsKeyArn] is "${KEY_ARN}", but must be one of the allowed keys "alias/backup".`,
      ]);
    });

    it("says when the key is unknown during preview", async () => {
      const outcome = await runResourcePolicy(backupVaultCmk, vault(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupVaultCmk.name,
          `could not check that [kmsKeyArn] names ${NEED_CMK}, because it is unknown during preview.`,
        ),
      ]);
    });
  });

  describe("sns-topic-kms", () => {
    const topic = (kmsMasterKeyId: unknown): ResourceFixture => ({
      type: "aws:sns/topic:Topic",
      name: "backup-events",
      props: { kmsMasterKeyId },
    });

    it("passes a topic with a customer-managed key", async () => {
      assert.deepEqual(
        (await runResourcePolicy(snsTopicKms, topic("alias/backup-events"))).messages,
        [],
      );
    });

    it("fails a topic without a key or with alias/aws/sns", async () => {
      assert.deepEqual((await runResourcePolicy(snsTopicKms, topic(undefined))).messages, [
        `[kmsMasterKeyId] is not set, but must be ${NEED_CMK}.`,
      ]);
      assert.deepEqual((await runResourcePolicy(snsTopicKms, topic("alias/aws/sns"))).messages, [
        `[kmsMasterKeyId] is "alias/aws/sns", but must be ${NEED_CMK}, not an AWS-managed key.`,
      ]);
    });

    it("says when the key is unknown during preview", async () => {
      const outcome = await runResourcePolicy(snsTopicKms, topic(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          snsTopicKms.name,
          `could not check that [kmsMasterKeyId] names ${NEED_CMK}, because it is unknown during preview.`,
        ),
      ]);
    });
  });

  describe("storage-encrypted-with-cmk", () => {
    const stores: [string, Record<string, unknown>, string, string][] = [
      ["aws:ebs/volume:Volume", { encrypted: true, kmsKeyId: KEY_ARN }, "encrypted", "kmsKeyId"],
      [
        "aws:rds/instance:Instance",
        { storageEncrypted: true, kmsKeyId: KEY_ARN },
        "storageEncrypted",
        "kmsKeyId",
      ],
      [
        "aws:rds/cluster:Cluster",
        { storageEncrypted: true, kmsKeyId: KEY_ARN },
        "storageEncrypted",
        "kmsKeyId",
      ],
      [
        "aws:efs/fileSystem:FileSystem",
        { encrypted: true, kmsKeyId: KEY_ARN },
        "encrypted",
        "kmsKeyId",
      ],
      [
        "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
        { kmsEncrypted: true, kmsKey: KEY_ARN, preserveExistingData: true },
        "kmsEncrypted",
        "kmsKey",
      ],
    ];

    for (const [type, good, flagKey, keyKey] of stores) {
      it(`passes an encrypted ${type} and fails each missing part`, async () => {
        const ok = await runResourcePolicy(storageEncryptedWithCmk, {
          type,
          name: "store",
          props: good,
        });
        assert.deepEqual(ok.messages, []);
        const off = await runResourcePolicy(storageEncryptedWithCmk, {
          type,
          name: "store",
          props: { ...good, [flagKey]: false },
        });
        assert.deepEqual(off.messages, [`[${flagKey}] is false, but must be true.`]);
        const noKey = await runResourcePolicy(storageEncryptedWithCmk, {
          type,
          name: "store",
          props: { ...good, [keyKey]: undefined },
        });
        assert.deepEqual(noKey.messages, [`[${keyKey}] is not set, but must be ${NEED_CMK}.`]);
        const unknown = await runResourcePolicy(storageEncryptedWithCmk, {
          type,
          name: "store",
          props: { ...good, [keyKey]: UNKNOWN },
        });
        assert.deepEqual(unknown.advisories, [
          previewAdvisory(
            storageEncryptedWithCmk.name,
            `could not check that [${keyKey}] names ${NEED_CMK}, because it is unknown during preview.`,
          ),
        ]);
      });
    }

    it("checks DynamoDB server-side encryption with its key", async () => {
      const table = (sse: unknown): ResourceFixture => ({
        type: "aws:dynamodb/table:Table",
        name: "t",
        props: { serverSideEncryption: sse },
      });
      assert.deepEqual(
        (
          await runResourcePolicy(
            storageEncryptedWithCmk,
            table({ enabled: true, kmsKeyArn: KEY_ARN }),
          )
        ).messages,
        [],
      );
      assert.deepEqual(
        (await runResourcePolicy(storageEncryptedWithCmk, table(undefined))).messages,
        [
          "[serverSideEncryption.enabled] is not set, but must be true.",
          `[serverSideEncryption.kmsKeyArn] is not set, but must be ${NEED_CMK}.`,
        ],
      );
      const unknown = await runResourcePolicy(storageEncryptedWithCmk, table(UNKNOWN));
      assert.deepEqual(unknown.advisories, [
        previewAdvisory(
          storageEncryptedWithCmk.name,
          "could not check that [serverSideEncryption.enabled] is true, because [serverSideEncryption] is unknown during preview.",
          `could not check that [serverSideEncryption.kmsKeyArn] names ${NEED_CMK}, because [serverSideEncryption] is unknown during preview.`,
        ),
      ]);
    });

    it("fails the AWS-managed key and keys off the allow-list", async () => {
      const managed = await runResourcePolicy(storageEncryptedWithCmk, {
        type: "aws:ebs/volume:Volume",
        name: "v",
        props: { encrypted: true, kmsKeyId: "alias/aws/ebs" },
      });
      assert.deepEqual(managed.messages, [
        `[kmsKeyId] is "alias/aws/ebs", but must be ${NEED_CMK}, not an AWS-managed key.`,
      ]);
      const offList = await runResourcePolicy(
        storageEncryptedWithCmk,
        {
          type: "aws:efs/fileSystem:FileSystem",
          name: "fs",
          props: { encrypted: true, kmsKeyId: KEY_ARN },
        },
        { config: { allowedKmsKeys: ["arn:aws:kms:*:222222222222:key/*", "alias/backup"] } },
      );
      assert.deepEqual(offList.messages, [
        `[kmsKeyId] is "${KEY_ARN}", but must be one of the allowed keys "arn:aws:kms:*:222222222222:key/*" or "alias/backup".`,
      ]);
    });
  });

  describe("kms-key-rotation", () => {
    const key = (props: Record<string, unknown>): ResourceFixture => ({
      type: "aws:kms/key:Key",
      name: "backup",
      props,
    });

    it("passes a rotating key and skips keys that cannot rotate", async () => {
      assert.deepEqual(
        (await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: true }))).messages,
        [],
      );
      const asymmetric = await runResourcePolicy(
        kmsKeyRotation,
        key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
      );
      assert.equal(
        asymmetric.notApplicable,
        "Only symmetric encryption keys rotate automatically.",
      );
      const hsm = await runResourcePolicy(kmsKeyRotation, key({ customKeyStoreId: "cks-1" }));
      assert.equal(hsm.notApplicable, "Keys in a custom key store do not rotate automatically.");
    });

    it("fails a symmetric key without rotation", async () => {
      assert.deepEqual((await runResourcePolicy(kmsKeyRotation, key({}))).messages, [
        "[enableKeyRotation] is not set, but must be true.",
      ]);
      assert.deepEqual(
        (
          await runResourcePolicy(
            kmsKeyRotation,
            key({ enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT" }),
          )
        ).messages,
        ["[enableKeyRotation] is false, but must be true."],
      );
    });

    it("says when rotation or the key spec is unknown during preview", async () => {
      const outcome = await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: UNKNOWN }));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          kmsKeyRotation.name,
          "could not check that [enableKeyRotation] is true, because it is unknown during preview.",
        ),
      ]);
      const spec = await runResourcePolicy(kmsKeyRotation, key({ customerMasterKeySpec: UNKNOWN }));
      assert.deepEqual(spec.advisories, [
        previewAdvisory(
          kmsKeyRotation.name,
          "could not check that [customerMasterKeySpec] makes the key one that rotates, because it is unknown during preview.",
        ),
      ]);
    });
  });

  describe("kms-key-no-public-principal", () => {
    const key = (policy: unknown): ResourceFixture => ({
      type: "aws:kms/key:Key",
      name: "backup",
      props: { policy },
    });
    const document = (statements: unknown[]) =>
      JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const root = {
      Sid: "Root",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: "kms:*",
      Resource: "*",
    };

    it("passes named principals, a conditioned '*', and the default policy", async () => {
      const conditioned = {
        Effect: "Allow",
        Principal: "*",
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
      };
      assert.deepEqual(
        (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(document([root, conditioned]))))
          .messages,
        [],
      );
      assert.deepEqual(
        (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(undefined))).messages,
        [],
      );
      assert.deepEqual(
        (await runResourcePolicy(kmsKeyNoPublicPrincipal, key(secret(document([root]))))).messages,
        [],
      );
    });

    it("fails '*' or {AWS: '*'} without a condition", async () => {
      const outcome = await runResourcePolicy(
        kmsKeyNoPublicPrincipal,
        key(
          document([
            root,
            {
              Sid: "Open",
              Effect: "Allow",
              Principal: { AWS: ["*"] },
              Action: "kms:*",
              Resource: "*",
            },
            { Effect: "Allow", Principal: "*", Action: "kms:Encrypt" },
          ]),
        ),
      );
      assert.deepEqual(outcome.messages, [
        '[policy] statement 1 ("Open") allows every principal ("*") without a Condition, but must name principals or add a Condition.',
        '[policy] statement 2 allows every principal ("*") without a Condition, but must name principals or add a Condition.',
      ]);
      const broken = await runResourcePolicy(kmsKeyNoPublicPrincipal, key("{"));
      assert.deepEqual(broken.messages, [
        "[policy] is not valid JSON, but must be a key policy document.",
      ]);
    });

    it("says when the policy is unknown during preview", async () => {
      const outcome = await runResourcePolicy(kmsKeyNoPublicPrincipal, key(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          kmsKeyNoPublicPrincipal.name,
          'could not check that [policy] allows "*" only under a condition, because it is unknown during preview.',
        ),
      ]);
    });
  });

  describe("backup buckets", () => {
    const bucket = (props: Record<string, unknown> = {}): ResourceFixture => ({
      type: BUCKET_V2,
      name: "archive",
      props: { bucket: "org-archive", tags: { "backup-role": "archive" }, ...props },
    });
    const bucketUrn = urnOf(BUCKET_V2, "archive");

    describe("s3-backup-bucket-kms", () => {
      const SSE =
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
      const sse = (rule: Record<string, unknown>): ResourceFixture => ({
        type: SSE,
        name: "archive-sse",
        props: {
          bucket: "org-archive",
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: KEY_ARN,
              },
              bucketKeyEnabled: true,
              ...rule,
            },
          ],
        },
      });

      it("passes aws:kms with a customer key and bucket key, split or inline", async () => {
        const split = await runStackPolicy(s3BackupBucketKms, [bucket(), sse({})]);
        assert.deepEqual(split.violations, []);
        assert.deepEqual(split.advisories, []);
        const inline = await runStackPolicy(s3BackupBucketKms, [
          bucket({
            serverSideEncryptionConfigurations: [
              {
                rules: [
                  {
                    applyServerSideEncryptionByDefaults: [
                      { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
                    ],
                    bucketKeyEnabled: true,
                  },
                ],
              },
            ],
          }),
        ]);
        assert.deepEqual(inline.violations, []);
      });

      it("fails SSE-S3, a missing key, a missing bucket key, and no encryption at all", async () => {
        const s3 = await runStackPolicy(s3BackupBucketKms, [
          bucket(),
          sse({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }),
        ]);
        assert.deepEqual(s3.messages, [
          `${SSE} "archive-sse" [rules[0].applyServerSideEncryptionByDefault.sseAlgorithm] is "AES256", but must be "aws:kms" or "aws:kms:dsse".`,
          `${SSE} "archive-sse" [rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId] is not set, but must be ${NEED_CMK}.`,
        ]);
        const noBucketKey = await runStackPolicy(s3BackupBucketKms, [
          bucket(),
          sse({ bucketKeyEnabled: false }),
        ]);
        assert.deepEqual(noBucketKey.messages, [
          `${SSE} "archive-sse" [rules[0].bucketKeyEnabled] is false, but must be true.`,
        ]);
        const none = await runStackPolicy(s3BackupBucketKms, [bucket()]);
        assert.deepEqual(none.violations, [
          {
            message: `${BUCKET_V2} "archive" has no default encryption (neither serverSideEncryptionConfiguration nor a aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration), but must encrypt with aws:kms and a customer-managed key.`,
            urn: bucketUrn,
          },
        ]);
      });

      it("says when the rules are unknown during preview", async () => {
        const outcome = await runStackPolicy(s3BackupBucketKms, [
          bucket(),
          { ...sse({}), props: { bucket: "org-archive", rules: UNKNOWN } },
        ]);
        assert.deepEqual(outcome.violations, []);
        assert.deepEqual(outcome.advisories, [
          previewAdvisory(
            s3BackupBucketKms.name,
            `could not check that ${SSE} "archive-sse" [rules] encrypt with aws:kms, because it is unknown during preview.`,
          ),
        ]);
      });
    });

    describe("s3-backup-bucket-tls-only", () => {
      const tlsDeny = {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::org-archive", "arn:aws:s3:::org-archive/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      };
      const policy = (statements: unknown[] | string): ResourceFixture => ({
        type: "aws:s3/bucketPolicy:BucketPolicy",
        name: "archive-policy",
        props: {
          bucket: "org-archive",
          policy:
            typeof statements === "string" ? statements : JSON.stringify({ Statement: statements }),
        },
      });
      const missing = `${BUCKET_V2} "archive" has no bucket policy statement that would deny s3:* to every principal when aws:SecureTransport is "false".`;

      it("passes a bucket policy denying requests without TLS (separate or inline, object form too)", async () => {
        assert.deepEqual(
          (await runStackPolicy(s3BackupBucketTlsOnly, [bucket(), policy([tlsDeny])])).violations,
          [],
        );
        const inline = await runStackPolicy(s3BackupBucketTlsOnly, [
          bucket({ policy: JSON.stringify({ Statement: [tlsDeny] }) }),
        ]);
        assert.deepEqual(inline.violations, []);
        const object = await runStackPolicy(s3BackupBucketTlsOnly, [
          bucket(),
          { ...policy([]), props: { bucket: "org-archive", policy: { Statement: [tlsDeny] } } },
        ]);
        assert.deepEqual(object.violations, []);
      });

      it("fails a bucket with no such statement, a partial one, or none at all", async () => {
        const partial = await runStackPolicy(s3BackupBucketTlsOnly, [
          bucket(),
          policy([{ ...tlsDeny, Action: "s3:GetObject" }]),
        ]);
        assert.deepEqual(partial.violations, [{ message: missing, urn: bucketUrn }]);
        const allowTls = await runStackPolicy(s3BackupBucketTlsOnly, [
          bucket(),
          policy([{ ...tlsDeny, Condition: { Bool: { "aws:SecureTransport": "true" } } }]),
        ]);
        assert.deepEqual(allowTls.messages, [missing]);
        const none = await runStackPolicy(s3BackupBucketTlsOnly, [bucket()]);
        assert.deepEqual(none.messages, [missing]);
      });

      it("says when the policy is unknown during preview", async () => {
        const outcome = await runStackPolicy(s3BackupBucketTlsOnly, [bucket(), policy(UNKNOWN)]);
        assert.deepEqual(outcome.violations, []);
        assert.deepEqual(outcome.advisories, [
          previewAdvisory(
            s3BackupBucketTlsOnly.name,
            'could not check that aws:s3/bucketPolicy:BucketPolicy "archive-policy" [policy] has a statement that would deny s3:* to every principal when aws:SecureTransport is "false", because it is unknown during preview.',
          ),
        ]);
      });
    });

    describe("s3-backup-bucket-public-access-block", () => {
      const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
      const block = (flags: Record<string, unknown> = {}): ResourceFixture => ({
        type: PAB,
        name: "archive-pab",
        props: {
          bucket: "org-archive",
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
          ...flags,
        },
      });

      it("passes a block with all four flags on", async () => {
        const outcome = await runStackPolicy(s3BackupBucketPublicAccessBlock, [bucket(), block()]);
        assert.deepEqual(outcome.violations, []);
      });

      it("fails each flag that is off, and a missing block", async () => {
        for (const flag of [
          "blockPublicAcls",
          "blockPublicPolicy",
          "ignorePublicAcls",
          "restrictPublicBuckets",
        ]) {
          const outcome = await runStackPolicy(s3BackupBucketPublicAccessBlock, [
            bucket(),
            block({ [flag]: false }),
          ]);
          assert.deepEqual(outcome.violations, [
            {
              message: `${PAB} "archive-pab" [${flag}] is false, but must be true.`,
              urn: urnOf(PAB, "archive-pab"),
            },
          ]);
        }
        const none = await runStackPolicy(s3BackupBucketPublicAccessBlock, [bucket()]);
        assert.deepEqual(none.violations, [
          {
            message: `${BUCKET_V2} "archive" has no ${PAB}, but must have one with all four flags true.`,
            urn: bucketUrn,
          },
        ]);
      });

      it("says when a flag is unknown during preview", async () => {
        const outcome = await runStackPolicy(s3BackupBucketPublicAccessBlock, [
          bucket(),
          block({ ignorePublicAcls: UNKNOWN }),
        ]);
        assert.deepEqual(outcome.advisories, [
          previewAdvisory(
            s3BackupBucketPublicAccessBlock.name,
            `could not check that ${PAB} "archive-pab" [ignorePublicAcls] is true, because it is unknown during preview.`,
          ),
        ]);
      });
    });
  });

  describe("directconnect-macsec", () => {
    const connection = (props: Record<string, unknown>, name = "dx-primary"): ResourceFixture => ({
      type: "aws:directconnect/connection:Connection",
      name,
      props: {
        bandwidth: "10Gbps",
        location: "EqDC2",
        requestMacsec: true,
        encryptionMode: "must_encrypt",
        ...props,
      },
    });

    it("passes MACsec must_encrypt, and exempt connections (tag or config)", async () => {
      assert.deepEqual((await runResourcePolicy(directconnectMacsec, connection({}))).messages, []);
      const tagged = await runResourcePolicy(
        directconnectMacsec,
        connection({
          requestMacsec: false,
          encryptionMode: undefined,
          tags: { "macsec-exempt-reason": "hosted 1G; IPsec VPN over DX" },
        }),
      );
      assert.deepEqual(tagged.messages, []);
      const listed = await runResourcePolicy(
        directconnectMacsec,
        connection({ requestMacsec: false }, "dx-hosted"),
        {
          config: { exemptConnectionNames: ["dx-hosted"] },
        },
      );
      assert.deepEqual(listed.messages, []);
    });

    it("fails should_encrypt, no MACsec request, and a blank exemption", async () => {
      const should = await runResourcePolicy(
        directconnectMacsec,
        connection({ encryptionMode: "should_encrypt" }),
      );
      assert.deepEqual(should.messages, [
        '[encryptionMode] is "should_encrypt", but must be "must_encrypt".',
      ]);
      const blank = await runResourcePolicy(
        directconnectMacsec,
        connection({
          requestMacsec: undefined,
          encryptionMode: undefined,
          tags: { "macsec-exempt-reason": "" },
        }),
      );
      assert.deepEqual(blank.messages, [
        '[encryptionMode] is not set, but must be "must_encrypt".',
        "[requestMacsec] is not set, but must be true.",
      ]);
    });

    it("says when the exemption or the mode is unknown during preview", async () => {
      const exemption = await runResourcePolicy(
        directconnectMacsec,
        connection({ encryptionMode: "no_encrypt", tags: { "macsec-exempt-reason": UNKNOWN } }),
      );
      assert.deepEqual(exemption.messages, []);
      assert.deepEqual(exemption.advisories, [
        previewAdvisory(
          directconnectMacsec.name,
          'could not check that [tags["macsec-exempt-reason"]] exempts the connection from MACsec, because it is unknown during preview.',
        ),
      ]);
      const mode = await runResourcePolicy(
        directconnectMacsec,
        connection({ encryptionMode: UNKNOWN }),
      );
      assert.deepEqual(mode.advisories, [
        previewAdvisory(
          directconnectMacsec.name,
          'could not check that [encryptionMode] is "must_encrypt", because it is unknown during preview.',
        ),
      ]);
    });
  });
});
