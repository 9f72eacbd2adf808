/**
 * An S3 bucket for archives kept for years, immutably and cheaply: Object Lock default retention,
 * SSE-KMS with its own key, lifecycle rules per key prefix down the Glacier classes, optionally a
 * replica in the DR region and server access logs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ARCHIVE_ROLE_TAG_KEY,
  ArchiveRole,
  accessLogBucketName,
  archiveKeyAlias,
  replicaBucketName,
  accessLogBucketPolicy,
  archiveBucketPolicy,
  archiveKeyPolicy,
  replicationRolePolicy,
  replicationTrustPolicy,
  lifecycleRules,
  describeRetention,
  Issues,
  ValidationError,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import {
  ArchiveBucketArgs,
  DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
  DEFAULT_ACCESS_LOG_EXPIRATION_DAYS,
  ARCHIVE_KMS_DELETION_WINDOW_DAYS,
  validateArchiveBucketArgs,
  archiveExemptReason,
} from "../core/archive-bucket-args";

export * from "../core/archive-bucket-args";

/**
 * An S3 archive bucket: Object Lock default retention, SSE-KMS with its own key, lifecycle rules per
 * key prefix, optionally a replica in the DR region and server access logs.
 */
export class ArchiveBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  public readonly bucketArn: pulumi.Output<string>;
  /** ARN of the customer-managed key that encrypts the bucket's objects. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** ARN of the DR replica bucket; undefined without replication. */
  public readonly replicaBucketArn: pulumi.Output<string | undefined>;
  /** ARN of the DR replica's key; undefined without replication. */
  public readonly replicaKmsKeyArn: pulumi.Output<string | undefined>;
  /** ARN of the role S3 replicates with; undefined without replication. */
  public readonly replicationRoleArn: pulumi.Output<string | undefined>;
  /** Name of the access-log bucket; undefined without access logging. */
  public readonly accessLogBucketName: pulumi.Output<string | undefined>;

  constructor(name: string, args: ArchiveBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hybrid-backup:index:ArchiveBucket", name, {}, opts);

    const issues = new Issues();
    validateArchiveBucketArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`ArchiveBucket ${name}`, issues.all).message,
        this,
      );
    }

    const keep: DataHolderSettings = { protect: args.protect, retainOnDelete: args.retainOnDelete };
    const tierKey = args.tierTagKey ?? DEFAULT_TIER_TAG_KEY;
    const reasonKey = args.exemptReasonTagKey ?? "backup-exempt-reason";
    const tier = args.backupTier ?? "none";
    const baseTags: Record<string, string> = { ...(args.tags ?? {}) };
    const tierTags = (reason: string): Record<string, string> =>
      tier === "none" ? { [tierKey]: "none", [reasonKey]: reason } : { [tierKey]: tier };
    const archiveTags: Record<string, string> = {
      ...baseTags,
      [ARCHIVE_ROLE_TAG_KEY]: ArchiveRole.Archive,
      ...(args.purpose === undefined ? {} : { "archive-purpose": args.purpose }),
    };

    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent);
    const region = aws.getRegionOutput({}, parent);
    const keyPolicy = pulumi.jsonStringify(
      pulumi
        .all([partition.partition, identity.accountId])
        .apply(([p, account]) => archiveKeyPolicy(p, account)),
    );

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the objects of the archive bucket ${args.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: ARCHIVE_KMS_DELETION_WINDOW_DAYS,
        policy: keyPolicy,
        tags: baseTags,
      },
      dataHolderOptions(this, keep),
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: archiveKeyAlias(args.name), targetKeyId: key.arn },
      parent,
    );

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        bucket: args.name,
        objectLockEnabled: true,
        forceDestroy: false,
        tags: { ...archiveTags, ...tierTags(archiveExemptReason(args)) },
      },
      dataHolderOptions(this, keep),
    );
    const secured = this.secureBucket(name, bucket, key, undefined, keep);
    this.lockAndLifecycle(name, bucket, secured.versioning, args, undefined, keep);

    let replicaBucketArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    let replicaKeyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    let replicationRoleArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.replication !== undefined) {
      const drRegion = args.replication.region;
      const replicaName = replicaBucketName(args.name, drRegion);
      const replicaKey = new aws.kms.Key(
        `${name}-replica-key`,
        {
          region: drRegion,
          description: `Encrypts the objects of the archive replica bucket ${replicaName}`,
          enableKeyRotation: true,
          deletionWindowInDays: ARCHIVE_KMS_DELETION_WINDOW_DAYS,
          policy: keyPolicy,
          tags: baseTags,
        },
        dataHolderOptions(this, keep),
      );
      new aws.kms.Alias(
        `${name}-replica-key-alias`,
        { region: drRegion, name: archiveKeyAlias(replicaName), targetKeyId: replicaKey.arn },
        parent,
      );
      const replica = new aws.s3.Bucket(
        `${name}-replica-bucket`,
        {
          region: drRegion,
          bucket: replicaName,
          objectLockEnabled: true,
          forceDestroy: false,
          tags: {
            ...archiveTags,
            ...tierTags(
              `immutable archive replica of ${args.name}: Object Lock ${args.objectLock.mode} ${describeRetention(args.objectLock)} protects it`,
            ),
          },
        },
        dataHolderOptions(this, keep),
      );
      const replicaSecured = this.secureBucket(
        `${name}-replica`,
        replica,
        replicaKey,
        drRegion,
        keep,
      );
      this.lockAndLifecycle(
        `${name}-replica`,
        replica,
        replicaSecured.versioning,
        args,
        drRegion,
        keep,
      );

      const role = new aws.iam.Role(
        `${name}-replication-role`,
        {
          description: `S3 replication of ${args.name} to ${replicaName}`,
          assumeRolePolicy: pulumi.jsonStringify(
            pulumi
              .all([identity.accountId, bucket.arn])
              .apply(([account, arn]) => replicationTrustPolicy(account, arn)),
          ),
          tags: baseTags,
        },
        parent,
      );
      const rolePolicy = new aws.iam.RolePolicy(
        `${name}-replication-policy`,
        {
          role: role.id,
          policy: pulumi.jsonStringify(
            pulumi
              .all([
                bucket.arn,
                key.arn,
                region.region,
                replica.arn,
                replicaKey.arn,
                partition.dnsSuffix,
              ])
              .apply(([sourceArn, sourceKey, sourceRegion, replicaArn, replicaKeyArnValue, dns]) =>
                replicationRolePolicy({
                  sourceBucketArn: sourceArn,
                  sourceKeyArn: sourceKey,
                  sourceRegion,
                  replicaBucketArn: replicaArn,
                  replicaKeyArn: replicaKeyArnValue,
                  replicaRegion: drRegion,
                  dnsSuffix: dns,
                }),
              ),
          ),
        },
        parent,
      );
      new aws.s3.BucketReplicationConfig(
        `${name}-replication`,
        {
          bucket: bucket.id,
          role: role.arn,
          rules: [
            {
              id: "archive-to-dr-region",
              status: "Enabled",
              priority: 1,
              filter: {},
              // Deleting in the source must not reach the DR copy.
              deleteMarkerReplication: { status: "Disabled" },
              sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
              destination: {
                bucket: replica.arn,
                encryptionConfiguration: { replicaKmsKeyId: replicaKey.arn },
              },
            },
          ],
        },
        { parent: this, dependsOn: [secured.versioning, replicaSecured.versioning, rolePolicy] },
      );
      replicaBucketArn = replica.arn;
      replicaKeyArn = replicaKey.arn;
      replicationRoleArn = role.arn;
    }

    let logBucketName: pulumi.Output<string | undefined> = pulumi.output(undefined);
    if (args.accessLogging === true) {
      logBucketName = this.accessLogs(
        name,
        args,
        bucket,
        identity.accountId,
        baseTags,
        tierKey,
        reasonKey,
      );
    }

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = key.arn;
    this.replicaBucketArn = replicaBucketArn;
    this.replicaKmsKeyArn = replicaKeyArn;
    this.replicationRoleArn = replicationRoleArn;
    this.accessLogBucketName = logBucketName;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      kmsKeyArn: this.kmsKeyArn,
      replicaBucketArn: this.replicaBucketArn,
      replicaKmsKeyArn: this.replicaKmsKeyArn,
      replicationRoleArn: this.replicationRoleArn,
      accessLogBucketName: this.accessLogBucketName,
    });
  }

  /** Versioning, SSE-KMS, public access block, ownership and the bucket policy of one bucket. */
  private secureBucket(
    prefix: string,
    bucket: aws.s3.Bucket,
    key: aws.kms.Key,
    region: string | undefined,
    keep: DataHolderSettings,
  ): { versioning: aws.s3.BucketVersioning } {
    const where = region === undefined ? {} : { region };
    const versioning = new aws.s3.BucketVersioning(
      `${prefix}-versioning`,
      { ...where, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      // Object Lock forbids suspending versioning, so deleting this resource could only fail.
      dataHolderOptions(this, keep),
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${prefix}-encryption`,
      {
        ...where,
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: key.arn,
            },
            bucketKeyEnabled: true,
          },
        ],
      },
      { parent: this },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${prefix}-public-access-block`,
      {
        ...where,
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${prefix}-ownership`,
      { ...where, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: this },
    );
    new aws.s3.BucketPolicy(
      `${prefix}-policy`,
      {
        ...where,
        bucket: bucket.id,
        policy: pulumi.jsonStringify(
          pulumi
            .all([bucket.arn, key.arn])
            .apply(([arn, keyArn]) => archiveBucketPolicy(arn, keyArn)),
        ),
      },
      { parent: this, dependsOn: [publicAccessBlock] },
    );
    return { versioning };
  }

  /** The Object Lock default retention and the lifecycle rules of one bucket. */
  private lockAndLifecycle(
    prefix: string,
    bucket: aws.s3.Bucket,
    versioning: aws.s3.BucketVersioning,
    args: ArchiveBucketArgs,
    region: string | undefined,
    keep: DataHolderSettings,
  ): void {
    const where = region === undefined ? {} : { region };
    const lock = args.objectLock;
    new aws.s3.BucketObjectLockConfiguration(
      `${prefix}-lock`,
      {
        ...where,
        bucket: bucket.id,
        objectLockEnabled: "Enabled",
        rule: {
          defaultRetention: {
            mode: lock.mode,
            ...(lock.days === undefined ? {} : { days: lock.days }),
            ...(lock.years === undefined ? {} : { years: lock.years }),
          },
        },
      },
      dataHolderOptions(this, keep, { dependsOn: [versioning] }),
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${prefix}-lifecycle`,
      {
        ...where,
        bucket: bucket.id,
        rules: lifecycleRules(
          args.prefixes,
          args.abortIncompleteMultipartUploadDays ?? DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
        ),
      },
      { parent: this, dependsOn: [versioning] },
    );
  }

  /**
   * The access-log bucket. Server access logging delivers only to a bucket in the same region and
   * account, encrypted with SSE-S3 (SSE-KMS is not supported for log delivery) and without an
   * Object Lock default retention, so this bucket differs from the archive on exactly those points.
   */
  private accessLogs(
    name: string,
    args: ArchiveBucketArgs,
    source: aws.s3.Bucket,
    accountId: pulumi.Output<string>,
    baseTags: Record<string, string>,
    tierKey: string,
    reasonKey: string,
  ): pulumi.Output<string> {
    const days = args.accessLogExpirationDays ?? DEFAULT_ACCESS_LOG_EXPIRATION_DAYS;
    const targetPrefix = `${args.name}/`;
    const logs = new aws.s3.Bucket(
      `${name}-access-logs`,
      {
        bucket: accessLogBucketName(args.name),
        forceDestroy: false,
        tags: {
          ...baseTags,
          [ARCHIVE_ROLE_TAG_KEY]: ArchiveRole.AccessLogs,
          [tierKey]: "none",
          [reasonKey]: `server access logs of ${args.name}: kept ${days} days and not restored`,
        },
      },
      // The logs are the record of who read or changed the archive: kept like the archive.
      dataHolderOptions(this, args),
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-access-logs-encryption`,
      {
        bucket: logs.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      { parent: this },
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-access-logs-public-access-block`,
      {
        bucket: logs.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-access-logs-ownership`,
      { bucket: logs.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { parent: this },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-access-logs-lifecycle`,
      {
        bucket: logs.id,
        rules: [
          {
            id: "expire-access-logs",
            status: "Enabled",
            filter: {},
            expiration: { days },
            abortIncompleteMultipartUpload: {
              daysAfterInitiation: DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
            },
          },
        ],
      },
      { parent: this },
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-access-logs-policy`,
      {
        bucket: logs.id,
        policy: pulumi.jsonStringify(
          pulumi.all([logs.arn, source.arn, accountId]).apply(([logArn, sourceArn, account]) =>
            accessLogBucketPolicy({
              logBucketArn: logArn,
              sourceBucketArn: sourceArn,
              accountId: account,
              targetPrefix,
            }),
          ),
        ),
      },
      { parent: this, dependsOn: [publicAccessBlock] },
    );
    new aws.s3.BucketLogging(
      `${name}-logging`,
      {
        bucket: source.id,
        targetBucket: logs.id,
        targetPrefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      },
      { parent: this, dependsOn: [policy] },
    );
    return logs.bucket;
  }
}
