import * as assert from "node:assert/strict";
import {
  ArchiveBucket,
  type ArchiveBucketArgs,
  validateArchiveBucketArgs,
} from "../../components/archive-bucket";
import { Issues, formatIssue } from "../../core";
import { TEST_ACCOUNT, mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const COMPONENT = "hybrid-backup:index:ArchiveBucket";
const URN = `urn:pulumi:test::hybrid-backup::${COMPONENT}::archive`;
const childUrn = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${COMPONENT}$${type}::${name}`;
/** What the mock provider reports as the ARN of a resource it created. */
const mockArn = (service: string, kind: string, name: string) =>
  `arn:aws:${service}:us-east-1:${TEST_ACCOUNT}:${kind}/${name}`;

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const BUCKET_ARN = mockArn("s3", "bucket", "archive-bucket");
const KEY_ARN = mockArn("kms", "key", "archive-key");

const baseArgs: ArchiveBucketArgs = {
  name: "acme-prod-archive-logs",
  purpose: "logs-and-dumps",
  objectLock: { mode: "COMPLIANCE", years: 7, acknowledgeComplianceLockIsPermanent: true },
  prefixes: [
    {
      prefix: "logs/",
      transitions: [
        { days: 30, storageClass: "GLACIER" },
        { days: 180, storageClass: "DEEP_ARCHIVE" },
      ],
      expirationDays: 2557,
      noncurrentVersionExpirationDays: 30,
    },
    {
      prefix: "db-dumps/",
      transitions: [{ days: 0, storageClass: "GLACIER_IR" }],
      expirationDays: 2557,
      noncurrentVersionExpirationDays: 30,
    },
  ],
  tags: { owner: "platform-team" },
};

function argProblems(args: ArchiveBucketArgs): string[] {
  const issues = new Issues();
  validateArchiveBucketArgs(args, issues);
  return issues.all.map(formatIssue);
}

const expectedLifecycleRules = [
  {
    id: "logs/",
    status: "Enabled",
    filter: { prefix: "logs/" },
    transitions: [
      { days: 30, storageClass: "GLACIER" },
      { days: 180, storageClass: "DEEP_ARCHIVE" },
    ],
    expiration: { days: 2557 },
    noncurrentVersionExpiration: { noncurrentDays: 30 },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
  },
  {
    id: "db-dumps/",
    status: "Enabled",
    filter: { prefix: "db-dumps/" },
    transitions: [{ days: 0, storageClass: "GLACIER_IR" }],
    expiration: { days: 2557 },
    noncurrentVersionExpiration: { noncurrentDays: 30 },
    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
  },
];

function expectedBucketPolicy(bucketArn: string, keyArn: string): unknown {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyRequestsWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyUploadsWithEncryptionOtherThanSseKms",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
          Null: { "s3:x-amz-server-side-encryption": "false" },
        },
      },
      {
        Sid: "DenyUploadsWithAnotherKmsKey",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: {
          StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn },
          Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
        },
      },
      {
        Sid: "DenyUploadsWithCustomerProvidedKeys",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
      },
    ],
  };
}

const rootKeyPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "EnableAccountIamPolicies",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ],
};

describe("ArchiveBucket", () => {
  describe("without replication or access logs", () => {
    let bucket: ArchiveBucket;

    beforeEach(async () => {
      await useMocks({ preview: false });
      bucket = new ArchiveBucket("archive", baseArgs);
      await settled();
    });

    it("builds the bucket and its split settings as children of the component", () => {
      assert.deepStrictEqual(childrenOf(URN), [
        ["aws:kms/alias:Alias", "archive-key-alias"],
        [KEY, "archive-key"],
        [BUCKET, "archive-bucket"],
        ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle"],
        ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "archive-lock"],
        ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "archive-ownership"],
        ["aws:s3/bucketPolicy:BucketPolicy", "archive-policy"],
        ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "archive-public-access-block"],
        [
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "archive-encryption",
        ],
        ["aws:s3/bucketVersioning:BucketVersioning", "archive-versioning"],
      ]);
      assert.equal(one(BUCKET, "archive-bucket").urn, childUrn(BUCKET, "archive-bucket"));
    });

    it("creates the bucket with Object Lock, never force-destroyed, tagged as an exempt archive", () => {
      assert.deepStrictEqual(inputsOf(BUCKET, "archive-bucket"), {
        bucket: "acme-prod-archive-logs",
        objectLockEnabled: true,
        forceDestroy: false,
        tags: {
          owner: "platform-team",
          "backup-role": "archive",
          "archive-purpose": "logs-and-dumps",
          "backup-tier": "none",
          "backup-exempt-reason": "immutable archive: Object Lock COMPLIANCE 7 years protects it",
        },
      });
    });

    it("encrypts with a rotating customer-managed key and S3 Bucket Keys", () => {
      const key = inputsOf(KEY, "archive-key");
      assert.deepStrictEqual(
        { ...key, policy: JSON.parse(key.policy as string) as unknown },
        {
          description: "Encrypts the objects of the archive bucket acme-prod-archive-logs",
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: rootKeyPolicy,
          tags: { owner: "platform-team" },
        },
      );
      assert.deepStrictEqual(inputsOf("aws:kms/alias:Alias", "archive-key-alias"), {
        name: "alias/archive/acme-prod-archive-logs",
        targetKeyId: KEY_ARN,
      });
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "archive-encryption",
        ),
        {
          bucket: "archive-bucket-id",
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: KEY_ARN,
              },
              bucketKeyEnabled: true,
            },
          ],
        },
      );
    });

    it("versions the bucket and sets the default retention after versioning", () => {
      assert.deepStrictEqual(
        inputsOf("aws:s3/bucketVersioning:BucketVersioning", "archive-versioning"),
        {
          bucket: "archive-bucket-id",
          versioningConfiguration: { status: "Enabled" },
        },
      );
      const lockType = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
      assert.deepStrictEqual(inputsOf(lockType, "archive-lock"), {
        bucket: "archive-bucket-id",
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } },
      });
      assert.ok(
        one(lockType, "archive-lock").dependencies.includes(
          childUrn("aws:s3/bucketVersioning:BucketVersioning", "archive-versioning"),
        ),
      );
    });

    it("blocks public access, enforces bucket ownership and denies non-TLS and foreign encryption", () => {
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
          "archive-public-access-block",
        ),
        {
          bucket: "archive-bucket-id",
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "archive-ownership"),
        { bucket: "archive-bucket-id", rule: { objectOwnership: "BucketOwnerEnforced" } },
      );
      assert.deepStrictEqual(
        jsonInput("aws:s3/bucketPolicy:BucketPolicy", "archive-policy", "policy"),
        expectedBucketPolicy(BUCKET_ARN, KEY_ARN),
      );
    });

    it("has one lifecycle rule per prefix", () => {
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
          "archive-lifecycle",
        ),
        { bucket: "archive-bucket-id", rules: expectedLifecycleRules },
      );
    });

    it("exposes the bucket and key, and no replica or log bucket", async () => {
      assert.equal(await valueOf(bucket.bucketName), "acme-prod-archive-logs");
      assert.equal(await valueOf(bucket.bucketArn), BUCKET_ARN);
      assert.equal(await valueOf(bucket.kmsKeyArn), KEY_ARN);
      assert.equal(await valueOf(bucket.replicaBucketArn), undefined);
      assert.equal(await valueOf(bucket.accessLogBucketName), undefined);
    });

    it("protects nothing unless asked", () => {
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.protect).map((r) => r.name),
        [],
      );
    });
  });

  describe("with replication to the DR region and access logs", () => {
    const REPLICA_ARN = mockArn("s3", "bucket", "archive-replica-bucket");
    const REPLICA_KEY_ARN = mockArn("kms", "key", "archive-replica-key");
    const LOGS_ARN = mockArn("s3", "bucket", "archive-access-logs");
    let bucket: ArchiveBucket;

    beforeEach(async () => {
      await useMocks({ preview: false });
      bucket = new ArchiveBucket("archive", {
        ...baseArgs,
        replication: { region: "us-west-2" },
        accessLogging: true,
        accessLogExpirationDays: 400,
        protect: true,
      });
      await settled();
    });

    it("builds the replica with its own key, versioning, lock and policy in the DR region", () => {
      const replicaTypes = mocks.resources
        .filter((r) => r.name.startsWith("archive-replica-"))
        .map((r): [string, unknown] => [r.name, (r.inputs as { region?: unknown }).region])
        .sort((a, b) => a[0].localeCompare(b[0]));
      assert.deepStrictEqual(replicaTypes, [
        ["archive-replica-bucket", "us-west-2"],
        ["archive-replica-encryption", "us-west-2"],
        ["archive-replica-key", "us-west-2"],
        ["archive-replica-key-alias", "us-west-2"],
        ["archive-replica-lifecycle", "us-west-2"],
        ["archive-replica-lock", "us-west-2"],
        ["archive-replica-ownership", "us-west-2"],
        ["archive-replica-policy", "us-west-2"],
        ["archive-replica-public-access-block", "us-west-2"],
        ["archive-replica-versioning", "us-west-2"],
      ]);
      assert.deepStrictEqual(inputsOf(BUCKET, "archive-replica-bucket"), {
        region: "us-west-2",
        bucket: "acme-prod-archive-logs-us-west-2",
        objectLockEnabled: true,
        forceDestroy: false,
        tags: {
          owner: "platform-team",
          "backup-role": "archive",
          "archive-purpose": "logs-and-dumps",
          "backup-tier": "none",
          "backup-exempt-reason":
            "immutable archive replica of acme-prod-archive-logs: Object Lock COMPLIANCE 7 years protects it",
        },
      });
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
          "archive-replica-lock",
        ).rule,
        { defaultRetention: { mode: "COMPLIANCE", years: 7 } },
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
          "archive-replica-lifecycle",
        ).rules,
        expectedLifecycleRules,
      );
      assert.deepStrictEqual(
        jsonInput("aws:s3/bucketPolicy:BucketPolicy", "archive-replica-policy", "policy"),
        expectedBucketPolicy(REPLICA_ARN, REPLICA_KEY_ARN),
      );
      assert.equal(
        (inputsOf(BUCKET, "archive-bucket").tags as Record<string, string>)["backup-exempt-reason"],
        "immutable archive: Object Lock COMPLIANCE 7 years and replication to us-west-2 protect it",
      );
    });

    it("replicates KMS-encrypted versions, without delete markers, re-encrypted with the replica key", () => {
      const type = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
      assert.deepStrictEqual(inputsOf(type, "archive-replication"), {
        bucket: "archive-bucket-id",
        role: `arn:aws:iam::${TEST_ACCOUNT}:role/archive-replication-role`,
        rules: [
          {
            id: "archive-to-dr-region",
            status: "Enabled",
            priority: 1,
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
              bucket: REPLICA_ARN,
              encryptionConfiguration: { replicaKmsKeyId: REPLICA_KEY_ARN },
            },
          },
        ],
      });
      const dependencies = one(type, "archive-replication").dependencies;
      for (const name of ["archive-versioning", "archive-replica-versioning"]) {
        assert.ok(
          dependencies.includes(childUrn("aws:s3/bucketVersioning:BucketVersioning", name)),
          name,
        );
      }
    });

    it("lets only S3, for this bucket, assume the replication role, with S3-only key grants", () => {
      assert.deepStrictEqual(
        jsonInput("aws:iam/role:Role", "archive-replication-role", "assumeRolePolicy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowS3ToReplicateTheArchiveBucket",
              Effect: "Allow",
              Principal: { Service: "s3.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: {
                StringEquals: { "aws:SourceAccount": TEST_ACCOUNT },
                ArnLike: { "aws:SourceArn": BUCKET_ARN },
              },
            },
          ],
        },
      );
      assert.equal(
        inputsOf("aws:iam/rolePolicy:RolePolicy", "archive-replication-policy").role,
        "archive-replication-role-id",
      );
      assert.deepStrictEqual(
        jsonInput("aws:iam/rolePolicy:RolePolicy", "archive-replication-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "ReadTheReplicationConfiguration",
              Effect: "Allow",
              Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
              Resource: BUCKET_ARN,
            },
            {
              Sid: "ReadSourceVersionsWithTheirLocks",
              Effect: "Allow",
              Action: [
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging",
                "s3:GetObjectRetention",
                "s3:GetObjectLegalHold",
              ],
              Resource: `${BUCKET_ARN}/*`,
            },
            {
              Sid: "WriteReplicas",
              Effect: "Allow",
              Action: ["s3:ReplicateObject", "s3:ReplicateTags"],
              Resource: `${REPLICA_ARN}/*`,
            },
            {
              Sid: "DecryptSourceObjectsThroughS3",
              Effect: "Allow",
              Action: "kms:Decrypt",
              Resource: KEY_ARN,
              Condition: {
                StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [BUCKET_ARN, `${BUCKET_ARN}/*`] },
              },
            },
            {
              Sid: "EncryptReplicasThroughS3",
              Effect: "Allow",
              Action: ["kms:Encrypt", "kms:GenerateDataKey"],
              Resource: REPLICA_KEY_ARN,
              Condition: {
                StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" },
                StringLike: {
                  "kms:EncryptionContext:aws:s3:arn": [REPLICA_ARN, `${REPLICA_ARN}/*`],
                },
              },
            },
          ],
        },
      );
    });

    it("delivers access logs to a private SSE-S3 bucket that only S3 logging for this bucket may write", () => {
      assert.deepStrictEqual(inputsOf(BUCKET, "archive-access-logs"), {
        bucket: "acme-prod-archive-logs-access-logs",
        forceDestroy: false,
        tags: {
          owner: "platform-team",
          "backup-role": "access-logs",
          "backup-tier": "none",
          "backup-exempt-reason":
            "server access logs of acme-prod-archive-logs: kept 400 days and not restored",
        },
      });
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "archive-access-logs-encryption",
        ).rules,
        [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
          "archive-access-logs-lifecycle",
        ).rules,
        [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: 400 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
          "archive-access-logs-public-access-block",
        ),
        {
          bucket: "archive-access-logs-id",
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      );
      assert.deepStrictEqual(
        jsonInput("aws:s3/bucketPolicy:BucketPolicy", "archive-access-logs-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyRequestsWithoutTls",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [LOGS_ARN, `${LOGS_ARN}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
              Sid: "AllowServerAccessLogDeliveryFromTheArchiveBucket",
              Effect: "Allow",
              Principal: { Service: "logging.s3.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: `${LOGS_ARN}/acme-prod-archive-logs/*`,
              Condition: {
                ArnLike: { "aws:SourceArn": BUCKET_ARN },
                StringEquals: { "aws:SourceAccount": TEST_ACCOUNT },
              },
            },
          ],
        },
      );
      assert.deepStrictEqual(inputsOf("aws:s3/bucketLogging:BucketLogging", "archive-logging"), {
        bucket: "archive-bucket-id",
        targetBucket: "archive-access-logs-id",
        targetPrefix: "acme-prod-archive-logs/",
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      });
    });

    it("protects the buckets (the access-log bucket too), keys, versioning and locks, and nothing else", () => {
      assert.deepStrictEqual(
        mocks.resources
          .filter((r) => r.protect)
          .map((r) => r.name)
          .sort(),
        [
          "archive-access-logs",
          "archive-bucket",
          "archive-key",
          "archive-lock",
          "archive-replica-bucket",
          "archive-replica-key",
          "archive-replica-lock",
          "archive-replica-versioning",
          "archive-versioning",
        ],
      );
    });

    it("exposes the replica, its key, the role and the log bucket", async () => {
      assert.equal(await valueOf(bucket.replicaBucketArn), REPLICA_ARN);
      assert.equal(await valueOf(bucket.replicaKmsKeyArn), REPLICA_KEY_ARN);
      assert.equal(
        await valueOf(bucket.replicationRoleArn),
        `arn:aws:iam::${TEST_ACCOUNT}:role/archive-replication-role`,
      );
      assert.equal(await valueOf(bucket.accessLogBucketName), "acme-prod-archive-logs-access-logs");
    });
  });

  it("tags a bucket with a tier when a backup plan selects it instead", async () => {
    await useMocks({ preview: false });
    new ArchiveBucket("archive", {
      ...baseArgs,
      backupTier: "gold",
      tierTagKey: "tier",
      exemptReasonTagKey: "why",
    });
    await settled();
    const tags = inputsOf(BUCKET, "archive-bucket").tags as Record<string, string>;
    assert.equal(tags.tier, "gold");
    assert.equal(tags.why, undefined);
  });

  it("leaves ARNs and policies unknown during preview", async () => {
    await useMocks({ preview: true });
    const bucket = new ArchiveBucket("archive", {
      ...baseArgs,
      replication: { region: "us-west-2" },
    });
    await settled();
    assert.equal(await valueOf(bucket.bucketArn), UNKNOWN);
    assert.equal(await valueOf(bucket.kmsKeyArn), UNKNOWN);
    assert.equal(await valueOf(bucket.replicaBucketArn), UNKNOWN);
    assert.equal(await valueOf(bucket.bucketName), "acme-prod-archive-logs");
    assert.equal(inputsOf("aws:s3/bucketPolicy:BucketPolicy", "archive-policy").policy, UNKNOWN);
    assert.equal(
      inputsOf("aws:iam/rolePolicy:RolePolicy", "archive-replication-policy").policy,
      UNKNOWN,
    );
    assert.deepStrictEqual(
      inputsOf(
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "archive-lifecycle",
      ).rules,
      expectedLifecycleRules,
    );
  });

  it("refuses bad args with every problem at once, before creating any child", async () => {
    await useMocks({ preview: false });
    assert.throws(
      () =>
        new ArchiveBucket("archive", {
          ...baseArgs,
          name: "Acme_Archive",
          objectLock: { mode: "COMPLIANCE", years: 7 },
          replication: { region: "us-weast-2" },
        }),
      {
        message: [
          "ArchiveBucket archive has 4 problems:",
          '[name] is "Acme_Archive", but may contain only lowercase letters, digits, periods and hyphens.',
          '[name] is "Acme_Archive", but must start and end with a lowercase letter or digit.',
          '[objectLock.acknowledgeComplianceLockIsPermanent] is undefined, but must be true to use mode "COMPLIANCE": no one, the root user included, can delete a locked object version or shorten its retention until it expires.',
          '[replication.region] is "us-weast-2", but must be an AWS region name such as us-west-2.',
        ].join("\n"),
      },
    );
    await settled();
    assert.deepStrictEqual(childrenOf(URN), []);
  });

  describe("bucket names", () => {
    const nameProblems = (name: string) => argProblems({ ...baseArgs, name });

    it("follows the S3 naming rules, one message per rule broken", () => {
      assert.deepStrictEqual(nameProblems("ab"), [
        '[name] is "ab" (2 characters), but must be 3-63 characters.',
      ]);
      assert.deepStrictEqual(nameProblems("abc"), []);
      assert.deepStrictEqual(nameProblems("a".repeat(64)), [
        `[name] is "${"a".repeat(64)}" (64 characters), but must be 3-63 characters.`,
      ]);
      assert.deepStrictEqual(nameProblems("a".repeat(63)), []);
      assert.deepStrictEqual(nameProblems("-archive"), [
        '[name] is "-archive", but must start and end with a lowercase letter or digit.',
      ]);
      assert.deepStrictEqual(nameProblems("archive."), [
        '[name] is "archive.", but must start and end with a lowercase letter or digit.',
      ]);
      assert.deepStrictEqual(nameProblems("acme..archive"), [
        '[name] is "acme..archive", but must not contain two adjacent periods.',
      ]);
      assert.deepStrictEqual(nameProblems("acme.archive"), []);
      assert.deepStrictEqual(nameProblems("192.168.5.4"), [
        '[name] is "192.168.5.4", but must not be formatted as an IP address.',
      ]);
      assert.deepStrictEqual(nameProblems("192.168.5.4a"), []);
      assert.deepStrictEqual(nameProblems("xn--archive"), [
        '[name] is "xn--archive", but must not start with "xn--" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("xn-archive"), []);
      assert.deepStrictEqual(nameProblems("sthree-archive"), [
        '[name] is "sthree-archive", but must not start with "sthree-" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("amzn-s3-demo-archive"), [
        '[name] is "amzn-s3-demo-archive", but must not start with "amzn-s3-demo-" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("archive-s3alias"), [
        '[name] is "archive-s3alias", but must not end with "-s3alias" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("archive-s3alia"), []);
      assert.deepStrictEqual(nameProblems("archive--ol-s3"), [
        '[name] is "archive--ol-s3", but must not end with "--ol-s3" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("archive-ol-s3"), []);
      assert.deepStrictEqual(nameProblems("archive.mrap"), [
        '[name] is "archive.mrap", but must not end with ".mrap" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("archive--x-s3"), [
        '[name] is "archive--x-s3", but must not end with "--x-s3" (reserved by S3).',
      ]);
      assert.deepStrictEqual(nameProblems("archive--table-s3"), [
        '[name] is "archive--table-s3", but must not end with "--table-s3" (reserved by S3).',
      ]);
    });

    it("leaves room for the names derived from it", () => {
      const long = "a".repeat(54);
      assert.deepStrictEqual(
        argProblems({ ...baseArgs, name: long, replication: { region: "us-west-2" } }),
        [
          `[name] is "${long}" (54 characters), but the replica bucket name "${long}-us-west-2" derived from it would have 64 characters, more than the 63 S3 allows; shorten this name to at most 53 characters.`,
        ],
      );
      assert.deepStrictEqual(
        argProblems({ ...baseArgs, name: long.slice(1), replication: { region: "us-west-2" } }),
        [],
      );
      const forLogs = "a".repeat(52);
      assert.deepStrictEqual(argProblems({ ...baseArgs, name: forLogs, accessLogging: true }), [
        `[name] is "${forLogs}" (52 characters), but the access-log bucket name "${forLogs}-access-logs" derived from it would have 64 characters, more than the 63 S3 allows; shorten this name to at most 51 characters.`,
      ]);
      assert.deepStrictEqual(
        argProblems({ ...baseArgs, name: forLogs.slice(1), accessLogging: true }),
        [],
      );
    });
  });

  it("checks the other args' ranges and the lock against the lifecycle", () => {
    assert.deepStrictEqual(
      argProblems({
        ...baseArgs,
        purpose: "Logs",
        abortIncompleteMultipartUploadDays: 0,
        accessLogExpirationDays: 36501,
        backupTier: "Gold",
        objectLock: { mode: "GOVERNANCE", years: 8 },
      }),
      [
        '[purpose] is "Logs", but must be 1-32 lowercase letters, digits or hyphens, starting with a letter.',
        "[prefixes[0].expirationDays] is 2557 days, but must be at least 2922 days: the Object Lock default retention (objectLock.years = 8) keeps each version up to 2922 days (8 × 365 + 2 leap days), and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
        "[prefixes[1].expirationDays] is 2557 days, but must be at least 2922 days: the Object Lock default retention (objectLock.years = 8) keeps each version up to 2922 days (8 × 365 + 2 leap days), and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
        "[abortIncompleteMultipartUploadDays] is 0, but must be a whole number from 1 to 36500 days.",
        "[accessLogExpirationDays] is 36501, but must be a whole number from 1 to 36500 days.",
        '[backupTier] is "Gold", but must be "none" or a tier name of 1-32 lowercase letters, digits or hyphens, starting with a letter.',
      ],
    );
    assert.deepStrictEqual(
      argProblems({
        ...baseArgs,
        purpose: "logs",
        abortIncompleteMultipartUploadDays: 1,
        accessLogExpirationDays: 36500,
        backupTier: "gold",
        objectLock: { mode: "GOVERNANCE", years: 7 },
      }),
      [],
    );
  });
});
