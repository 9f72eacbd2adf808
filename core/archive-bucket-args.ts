/**
 * The arguments of the ArchiveBucket component and their checks, pure so that the
 * stack configuration runs the same checks before anything is created.
 */
import { isAwsRegion } from "./aws-regions";
import {
  accessLogBucketName,
  checkArchiveSlug,
  checkBucketName,
  checkDerivedBucketName,
  replicaBucketName,
} from "./archive-names";
import {
  type ArchivePrefixRule,
  MAX_LIFECYCLE_DAYS,
  validatePrefixRules,
} from "./s3-lifecycle-rules";
import { type ObjectLockArgs, describeRetention, validateObjectLock } from "./s3-object-lock";
import { Issues, checkIntRange, checkPattern, show } from "./validation";
import { type DataHolderSettings } from "./data-holders";
export interface ArchiveReplicationArgs {
  /** The DR region the replica bucket and its key are built in (not the bucket's own region). */
  readonly region: string;
}

export interface ArchiveBucketArgs extends DataHolderSettings {
  /**
   * The bucket name: 3-63 lowercase letters, digits, periods or hyphens, globally unique. The
   * replica (`<name>-<region>`) and access-log (`<name>-access-logs`) bucket names derive from it.
   */
  readonly name: string;
  /**
   * What the bucket holds, as a short identifier (tag `archive-purpose`).
   * @default undefined (no tag)
   */
  readonly purpose?: string;
  /** The Object Lock default retention every new object version gets. */
  readonly objectLock: ObjectLockArgs;
  /** One lifecycle rule per key prefix; prefixes must not overlap. */
  readonly prefixes: ArchivePrefixRule[];
  /**
   * Days after which S3 aborts multipart uploads that never completed (their parts are billed).
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * Replicates every new object version, with its retention, to a bucket in the DR region.
   * @default undefined (no replication)
   */
  readonly replication?: ArchiveReplicationArgs;
  /**
   * Delivers S3 server access logs to a bucket of their own (`<name>-access-logs`).
   * @default false
   */
  readonly accessLogging?: boolean;
  /**
   * Days the access logs are kept.
   * @default 365
   */
  readonly accessLogExpirationDays?: number;
  /**
   * The backup tier tag value. `none` marks the bucket as exempt from AWS Backup, with a reason
   * naming the Object Lock (and replication) that protect it instead.
   * @default "none"
   */
  readonly backupTier?: string;
  /** The tag key whose value names the backup tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** The tag key whose value says why a resource is exempt from AWS Backup. @default "backup-exempt-reason" */
  readonly exemptReasonTagKey?: string;
  /**
   * Tags for every resource of the component.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;
export const DEFAULT_ACCESS_LOG_EXPIRATION_DAYS = 365;
export const ARCHIVE_KMS_DELETION_WINDOW_DAYS = 30;
const TIER_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Records every problem of the args; the paths are the arg names (the config keys too). */
export function validateArchiveBucketArgs(args: ArchiveBucketArgs, issues: Issues): void {
  const nameOk = checkBucketName(issues.at("name"), args.name);
  if (args.purpose !== undefined) checkArchiveSlug(issues.at("purpose"), args.purpose);
  const lockIssues = issues.at("objectLock");
  const before = issues.count;
  validateObjectLock(args.objectLock, lockIssues);
  const lockOk = issues.count === before;
  validatePrefixRules(
    args.prefixes,
    issues.at("prefixes"),
    lockOk ? { args: args.objectLock, path: "objectLock" } : undefined,
  );
  if (args.abortIncompleteMultipartUploadDays !== undefined) {
    checkIntRange(
      issues.at("abortIncompleteMultipartUploadDays"),
      args.abortIncompleteMultipartUploadDays,
      1,
      MAX_LIFECYCLE_DAYS,
      "days",
    );
  }
  if (args.replication !== undefined) {
    const region = args.replication.region;
    if (!isAwsRegion(region)) {
      issues
        .at("replication")
        .at("region")
        .add(`is ${show(region)}, but must be an AWS region name such as us-west-2.`);
    } else if (nameOk) {
      checkDerivedBucketName(
        issues.at("name"),
        args.name,
        replicaBucketName(args.name, region),
        "replica bucket name",
      );
    }
  }
  if (args.accessLogging === true && nameOk) {
    checkDerivedBucketName(
      issues.at("name"),
      args.name,
      accessLogBucketName(args.name),
      "access-log bucket name",
    );
  }
  if (args.accessLogExpirationDays !== undefined) {
    checkIntRange(
      issues.at("accessLogExpirationDays"),
      args.accessLogExpirationDays,
      1,
      MAX_LIFECYCLE_DAYS,
      "days",
    );
  }
  if (args.backupTier !== undefined) {
    checkPattern(
      issues.at("backupTier"),
      args.backupTier,
      TIER_PATTERN,
      'must be "none" or a tier name of 1-32 lowercase letters, digits or hyphens, starting with a letter',
    );
  }
}

/** The exempt reason of an archive bucket: what protects it instead of AWS Backup. */
export function archiveExemptReason(args: ArchiveBucketArgs): string {
  const lock = `Object Lock ${args.objectLock.mode} ${describeRetention(args.objectLock)}`;
  return args.replication === undefined
    ? `immutable archive: ${lock} protects it`
    : `immutable archive: ${lock} and replication to ${args.replication.region} protect it`;
}
