/**
 * Names of the archive tier: S3 general purpose bucket names, Glacier vault names, the names
 * derived from a bucket's name (its DR replica and its access-log bucket) and the tags that mark
 * what an archive resource is. Each check records an issue on the given path and returns whether
 * the value was valid.
 */
import { type Issues, checkPattern, show } from "./validation";

/** The tag the policy pack reads to recognize archive buckets and vaults. */
export const ARCHIVE_ROLE_TAG_KEY = "backup-role";

export const ArchiveRole = {
  /** An Object Lock bucket or a locked Glacier vault holding archives (a DR replica too). */
  Archive: "archive",
  /** The bucket that receives the server access logs of an archive bucket. */
  AccessLogs: "access-logs",
} as const;
export type ArchiveRole = (typeof ArchiveRole)[keyof typeof ArchiveRole];

export const MAX_BUCKET_NAME_LENGTH = 63;

/** Prefixes S3 reserves (Amazon S3 User Guide, "General purpose bucket naming rules"). */
export const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
/** Suffixes S3 reserves for access point aliases, Object Lambda, MRAP, directory and table buckets. */
export const RESERVED_BUCKET_SUFFIXES = [
  "-s3alias",
  "--ol-s3",
  ".mrap",
  "--x-s3",
  "--table-s3",
] as const;

const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Records one issue per S3 bucket naming rule that `name` breaks. */
export function checkBucketName(issues: Issues, name: string): boolean {
  const before = issues.count;
  const shown = show(name);
  if (name.length < 3 || name.length > MAX_BUCKET_NAME_LENGTH) {
    issues.add(`is ${shown} (${name.length} characters), but must be 3-63 characters.`);
  }
  if (!/^[a-z0-9.-]*$/.test(name)) {
    issues.add(`is ${shown}, but may contain only lowercase letters, digits, periods and hyphens.`);
  }
  if (name.length > 0 && !/^[a-z0-9](.*[a-z0-9])?$/.test(name)) {
    issues.add(`is ${shown}, but must start and end with a lowercase letter or digit.`);
  }
  if (name.includes("..")) {
    issues.add(`is ${shown}, but must not contain two adjacent periods.`);
  }
  if (IP_ADDRESS.test(name)) {
    issues.add(`is ${shown}, but must not be formatted as an IP address.`);
  }
  for (const prefix of RESERVED_BUCKET_PREFIXES) {
    if (name.startsWith(prefix)) {
      issues.add(`is ${shown}, but must not start with ${show(prefix)} (reserved by S3).`);
    }
  }
  for (const suffix of RESERVED_BUCKET_SUFFIXES) {
    if (name.endsWith(suffix)) {
      issues.add(`is ${shown}, but must not end with ${show(suffix)} (reserved by S3).`);
    }
  }
  return issues.count === before;
}

/** The name of the DR replica of an archive bucket: the source name and the DR region. */
export function replicaBucketName(name: string, region: string): string {
  return `${name}-${region}`;
}

/** The name of the bucket that receives an archive bucket's server access logs. */
export function accessLogBucketName(name: string): string {
  return `${name}-access-logs`;
}

/**
 * Records an issue on the path of a (valid) source name when a bucket name derived from it by
 * appending a suffix would be too long; appending a region or `-access-logs` to a valid name
 * breaks no other rule.
 */
export function checkDerivedBucketName(
  issues: Issues,
  sourceName: string,
  derivedName: string,
  what: string,
): boolean {
  if (derivedName.length <= MAX_BUCKET_NAME_LENGTH) return true;
  const room = MAX_BUCKET_NAME_LENGTH - (derivedName.length - sourceName.length);
  issues.add(
    `is ${show(sourceName)} (${sourceName.length} characters), but the ${what} ${show(derivedName)} ` +
      `derived from it would have ${derivedName.length} characters, more than the 63 S3 allows; ` +
      `shorten this name to at most ${room} characters.`,
  );
  return false;
}

/** Glacier `vaultName`: 1-255 characters of `[A-Za-z0-9_.-]`. */
export const GLACIER_VAULT_NAME = {
  pattern: /^[A-Za-z0-9_.-]{1,255}$/,
  rule: "1-255 letters, digits, underscores, hyphens or periods",
} as const;

export function checkGlacierVaultName(issues: Issues, name: string): boolean {
  return checkPattern(
    issues,
    name,
    GLACIER_VAULT_NAME.pattern,
    `must be ${GLACIER_VAULT_NAME.rule}`,
  );
}

/** A short identifier used in logical resource names (an archive's purpose, an uploader's name). */
export const ARCHIVE_SLUG = {
  pattern: /^[a-z][a-z0-9-]{0,31}$/,
  rule: "1-32 lowercase letters, digits or hyphens, starting with a letter",
} as const;

export function checkArchiveSlug(issues: Issues, value: string): boolean {
  return checkPattern(issues, value, ARCHIVE_SLUG.pattern, `must be ${ARCHIVE_SLUG.rule}`);
}

/** A KMS alias name for a bucket's key: KMS aliases allow no periods, bucket names do. */
export function archiveKeyAlias(bucketName: string): string {
  return `alias/archive/${bucketName.replace(/\./g, "-")}`;
}
