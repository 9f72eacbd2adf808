/**
 * Name and identifier rules of AWS Backup, as the AWS Backup API model states them, with the words
 * used in error messages. Each check records an issue on the given path and returns whether the
 * value was valid.
 */
import { ACCOUNT_ID_PATTERN } from "./aws-regions";
import { type Issues, checkPattern } from "./validation";

export interface NameRule {
  readonly pattern: RegExp;
  /** Completes "..., but must be ..." in a message. */
  readonly rule: string;
}

/** `BackupVaultName`: `^[a-zA-Z0-9\-\_]{2,50}$`. */
export const VAULT_NAME: NameRule = {
  pattern: /^[a-zA-Z0-9\-_]{2,50}$/,
  rule: "2-50 letters, digits, hyphens or underscores",
};

/** `RuleName`: 1-50 characters of `[0-9A-Za-z_.-]`. */
export const RULE_NAME: NameRule = {
  pattern: /^[0-9A-Za-z_.-]{1,50}$/,
  rule: "1-50 letters, digits, periods, hyphens or underscores",
};

/** `FrameworkName`: 1-256 characters, `[a-zA-Z][_a-zA-Z0-9]*`. */
export const FRAMEWORK_NAME: NameRule = {
  pattern: /^[A-Za-z][0-9A-Za-z_]{0,255}$/,
  rule: "1-256 letters, digits or underscores, starting with a letter",
};

/** `ReportPlanName`: 1-256 characters, `[a-zA-Z][_a-zA-Z0-9]*`. */
export const REPORT_PLAN_NAME: NameRule = FRAMEWORK_NAME;

/** `RestoreTestingPlanName` and `RestoreTestingSelectionName`: 1-50 characters of `[0-9A-Za-z_]`. */
export const RESTORE_TESTING_NAME: NameRule = {
  pattern: /^[0-9A-Za-z_]{1,50}$/,
  rule: "1-50 letters, digits or underscores",
};

/** `BackupPlanName` and `SelectionName`: 1-50 characters of `[a-zA-Z0-9\-\_\.]`. */
export const PLAN_NAME: NameRule = {
  pattern: /^[a-zA-Z0-9\-_.]{1,50}$/,
  rule: "1-50 letters, digits, periods, hyphens or underscores",
};

/** The tier tag value of resources deliberately not backed up (with a reason tag). */
export const EXEMPT_TIER = "none";

/** A tier of the organization's backup tag convention; `none` is reserved for exempt resources. */
/** The tag key whose value names a resource's backup tier, unless a stack or caller sets another. */
export const DEFAULT_TIER_TAG_KEY = "backup-tier";

export const TIER_NAME: NameRule = {
  pattern: /^[a-z][a-z0-9-]{0,31}$/,
  rule: "1-32 lowercase letters, digits or hyphens, starting with a letter",
};

/** An IAM role ARN in any partition, with an optional path. */
export const ROLE_ARN: NameRule = {
  pattern: /^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role\/[\w+=,.@\-/]{1,512}$/,
  rule: "an IAM role ARN such as arn:aws:iam::111111111111:role/backup-break-glass",
};

/** An AWS Organizations id (`o-` and 10-32 lowercase letters or digits). */
export const ORGANIZATION_ID: NameRule = {
  pattern: /^o-[a-z0-9]{10,32}$/,
  rule: 'an organization id like "o-" followed by 10-32 lowercase letters or digits',
};

/** An S3 general purpose bucket name. */
export const S3_BUCKET_NAME: NameRule = {
  pattern: /^(?!xn--)(?!.*\.\.)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  rule: "an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit",
};

export const ACCOUNT_ID: NameRule = {
  pattern: ACCOUNT_ID_PATTERN,
  rule: "an AWS account id of exactly 12 digits",
};

export function checkName(issues: Issues, value: string, name: NameRule): boolean {
  return checkPattern(issues, value, name.pattern, `must be ${name.rule}`);
}

/**
 * Derives an AWS Backup audit or restore-testing name (letters, digits, underscores) from a
 * resource-style name (which may hold hyphens).
 */
export function underscored(name: string): string {
  return name.replace(/[^0-9A-Za-z_]/g, "_");
}

/** The name of the role a tier's BackupPlan creates for AWS Backup: `<planName>-backup`. */
export function planRoleName(planName: string): string {
  return `${planName}-backup`;
}

/**
 * The name of the role a RestoreTesting component creates when given none:
 * `<planName with hyphens>-restore-test`.
 */
export function restoreTestRoleName(restoreTestingPlanName: string): string {
  return `${restoreTestingPlanName.replace(/_/g, "-")}-restore-test`;
}
