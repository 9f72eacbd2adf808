/**
 * AWS Backup Audit Manager: the controls a framework holds, with the parameter names AWS gives
 * them (AWS Backup Developer Guide, "Using AWS Backup Audit Manager with CloudFormation", and the
 * matching AWS Config managed rules), the report templates, and the limits that apply.
 */
import { ACCOUNT_ID, ROLE_ARN, TIER_NAME, checkName } from "./backup-names";
import { isAwsRegion } from "./aws-regions";
import type { RetentionRange } from "./vault-lock";
import { MAX_RETENTION_DAYS } from "./aws-backup-limits";
import { type Issues, checkIntRange, checkOneOf, checkUnique, show } from "./validation";

export const ControlName = {
  RecoveryPointMinimumRetention: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
  PlanMinFrequencyAndMinRetention: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
  RecoveryPointEncrypted: "BACKUP_RECOVERY_POINT_ENCRYPTED",
  ResourcesProtectedByBackupPlan: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
  RecoveryPointManualDeletionDisabled: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
  ResourcesProtectedByVaultLock: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
  LastRecoveryPointCreated: "BACKUP_LAST_RECOVERY_POINT_CREATED",
  ResourcesProtectedByCrossRegion: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
  ResourcesProtectedByCrossAccount: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
  RestoreTimeMeetsTarget: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
} as const;

export const ReportTemplate = {
  ResourceCompliance: "RESOURCE_COMPLIANCE_REPORT",
  ControlCompliance: "CONTROL_COMPLIANCE_REPORT",
  BackupJob: "BACKUP_JOB_REPORT",
  CopyJob: "COPY_JOB_REPORT",
  RestoreJob: "RESTORE_JOB_REPORT",
} as const;
export type ReportTemplate = (typeof ReportTemplate)[keyof typeof ReportTemplate];
export const REPORT_TEMPLATES: readonly ReportTemplate[] = Object.values(ReportTemplate);
/** Templates that report on frameworks and need their ARNs. */
export const FRAMEWORK_REPORT_TEMPLATES: readonly ReportTemplate[] = [
  ReportTemplate.ResourceCompliance,
  ReportTemplate.ControlCompliance,
];

export const ReportFormat = { CSV: "CSV", JSON: "JSON" } as const;
export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];
export const REPORT_FORMATS: readonly ReportFormat[] = Object.values(ReportFormat);

/** Controls per account and region across all frameworks. */
export const MAX_CONTROLS_PER_REGION = 50;
/** Roles BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED can exempt. */
export const MAX_EXEMPT_PRINCIPALS = 5;
/** `recoveryPointAgeValue`: at most 744 hours (31 days). */
export const MAX_RECOVERY_POINT_AGE_HOURS = 744;
/**
 * `maxRestoreTime` of RESTORE_TIME_FOR_RESOURCES_MEET_TARGET is in minutes (AWS's default is 720);
 * the project caps it at a year, beyond which a restore target means nothing.
 */
export const MAX_RESTORE_TIME_MINUTES = 525600;
/** `requiredFrequencyValue`: at most 24 in hours, 31 in days. */
export const MAX_FREQUENCY_HOURS = 24;
export const MAX_FREQUENCY_DAYS = 31;

export interface ControlParameter {
  readonly name: string;
  readonly value: string;
}

export interface Control {
  readonly name: string;
  readonly inputParameters?: readonly ControlParameter[];
  readonly scope?: { readonly tags: Readonly<Record<string, string>> };
}

/** The floors of one tier, checked by the tier's framework on resources carrying its tag. */
export interface TierAuditConfig {
  /** The tier name, value of the tier tag. */
  readonly tier: string;
  /** Shortest retention any recovery point of the tier must have. */
  readonly minimumRetentionDays: number;
  /** The tier's most frequent rule runs at least every this many hours. */
  readonly planFrequencyHours: number;
  /** ... and keeps its recovery points at least this many days. */
  readonly planRetentionDays: number;
  /** The newest recovery point of a resource is at most this old (the tier's RPO). */
  readonly lastRecoveryPointMaxAgeHours: number;
  /** The lock range of the vault the tier writes to. @default undefined (no lock control) */
  readonly vaultLock?: RetentionRange;
  /** Regions a copy of each recovery point must reach. @default [] */
  readonly crossRegions?: string[];
  /** Accounts a copy of each recovery point must reach. @default [] */
  readonly crossAccounts?: string[];
  /**
   * The tier's RTO objective: the latest restore of each resource (restore tests included) must
   * have taken at most this many minutes (`maxRestoreTime`). @default undefined (no control)
   */
  readonly restoreTimeTargetMinutes?: number;
}

function parameters(values: Record<string, string | number>): ControlParameter[] {
  return Object.entries(values).map(([name, value]) => ({ name, value: String(value) }));
}

/** `requiredFrequencyUnit`/`requiredFrequencyValue` for an interval in hours. */
export function frequencyParameters(hours: number): Record<string, string | number> {
  return hours <= MAX_FREQUENCY_HOURS
    ? { requiredFrequencyUnit: "hours", requiredFrequencyValue: hours }
    : { requiredFrequencyUnit: "days", requiredFrequencyValue: Math.ceil(hours / 24) };
}

/** The account-wide controls: every recovery point encrypted, no manual deletion. */
export function accountControls(exemptPrincipalArns: readonly string[]): Control[] {
  const deletion: Control =
    exemptPrincipalArns.length === 0
      ? { name: ControlName.RecoveryPointManualDeletionDisabled }
      : {
          name: ControlName.RecoveryPointManualDeletionDisabled,
          inputParameters: parameters({ principalArnList: exemptPrincipalArns.join(",") }),
        };
  return [{ name: ControlName.RecoveryPointEncrypted }, deletion];
}

/** The controls of one tier, scoped to resources (and plans, recovery points) with its tag. */
export function tierControls(tier: TierAuditConfig, tierTagKey: string): Control[] {
  const scope = { tags: { [tierTagKey]: tier.tier } };
  const controls: Control[] = [
    { name: ControlName.ResourcesProtectedByBackupPlan, scope },
    {
      name: ControlName.PlanMinFrequencyAndMinRetention,
      inputParameters: parameters({
        ...frequencyParameters(tier.planFrequencyHours),
        requiredRetentionDays: tier.planRetentionDays,
      }),
      scope,
    },
    {
      name: ControlName.RecoveryPointMinimumRetention,
      inputParameters: parameters({ requiredRetentionDays: tier.minimumRetentionDays }),
      scope,
    },
    {
      name: ControlName.LastRecoveryPointCreated,
      inputParameters: parameters({
        recoveryPointAgeUnit: "hours",
        recoveryPointAgeValue: tier.lastRecoveryPointMaxAgeHours,
      }),
      scope,
    },
  ];
  if (tier.vaultLock !== undefined) {
    controls.push({
      name: ControlName.ResourcesProtectedByVaultLock,
      inputParameters: parameters({
        minRetentionDays: tier.vaultLock.minRetentionDays,
        maxRetentionDays: tier.vaultLock.maxRetentionDays ?? MAX_RETENTION_DAYS,
      }),
      scope,
    });
  }
  if ((tier.crossRegions ?? []).length > 0) {
    controls.push({
      name: ControlName.ResourcesProtectedByCrossRegion,
      inputParameters: parameters({ crossRegionList: (tier.crossRegions ?? []).join(",") }),
      scope,
    });
  }
  if ((tier.crossAccounts ?? []).length > 0) {
    controls.push({
      name: ControlName.ResourcesProtectedByCrossAccount,
      inputParameters: parameters({ crossAccountList: (tier.crossAccounts ?? []).join(",") }),
      scope,
    });
  }
  if (tier.restoreTimeTargetMinutes !== undefined) {
    controls.push({
      name: ControlName.RestoreTimeMeetsTarget,
      inputParameters: parameters({ maxRestoreTime: tier.restoreTimeTargetMinutes }),
      scope,
    });
  }
  return controls;
}

/** How many controls a set of tiers adds up to, with the account-wide ones. */
export function countControls(tiers: readonly TierAuditConfig[], tierTagKey: string): number {
  return (
    accountControls([]).length +
    tiers.reduce((sum, tier) => sum + tierControls(tier, tierTagKey).length, 0)
  );
}

/** Records every problem of one tier's audit floors under `issues`. */
export function validateTierAudit(tier: TierAuditConfig, issues: Issues): void {
  checkName(issues.at("tier"), tier.tier, TIER_NAME);
  checkIntRange(
    issues.at("minimumRetentionDays"),
    tier.minimumRetentionDays,
    1,
    MAX_RETENTION_DAYS,
    "days",
  );
  checkIntRange(
    issues.at("planFrequencyHours"),
    tier.planFrequencyHours,
    1,
    MAX_FREQUENCY_DAYS * 24,
    "hours",
  );
  checkIntRange(
    issues.at("planRetentionDays"),
    tier.planRetentionDays,
    1,
    MAX_RETENTION_DAYS,
    "days",
  );
  checkIntRange(
    issues.at("lastRecoveryPointMaxAgeHours"),
    tier.lastRecoveryPointMaxAgeHours,
    1,
    MAX_RECOVERY_POINT_AGE_HOURS,
    "hours",
  );
  (tier.crossRegions ?? []).forEach((region, index) => {
    if (!isAwsRegion(region)) {
      issues
        .at("crossRegions")
        .at(index)
        .add(`is ${show(region)}, but must be an AWS region name.`);
    }
  });
  checkUnique(issues.at("crossRegions"), tier.crossRegions ?? [], "region");
  (tier.crossAccounts ?? []).forEach((id, index) =>
    checkName(issues.at("crossAccounts").at(index), id, ACCOUNT_ID),
  );
  checkUnique(issues.at("crossAccounts"), tier.crossAccounts ?? [], "account id");
  if (tier.restoreTimeTargetMinutes !== undefined) {
    checkIntRange(
      issues.at("restoreTimeTargetMinutes"),
      tier.restoreTimeTargetMinutes,
      1,
      MAX_RESTORE_TIME_MINUTES,
      "minutes",
    );
  }
}

/** Records the problems of the exempt principals of the manual-deletion control. */
export function validateExemptPrincipals(arns: readonly string[], issues: Issues): void {
  if (arns.length > MAX_EXEMPT_PRINCIPALS) {
    issues.add(
      `has ${arns.length} role ARNs, but ${ControlName.RecoveryPointManualDeletionDisabled} exempts at most ${MAX_EXEMPT_PRINCIPALS}.`,
    );
  }
  arns.forEach((arn, index) => checkName(issues.at(index), arn, ROLE_ARN));
  checkUnique(issues, arns, "role ARN");
}

/** Records the problems of a list of report templates or formats under `issues`. */
export function validateReports(
  templates: readonly string[],
  formats: readonly string[],
  issues: Issues,
): void {
  templates.forEach((template, index) =>
    checkOneOf(issues.at("reports").at(index), template, REPORT_TEMPLATES as readonly string[]),
  );
  checkUnique(issues.at("reports"), templates, "report template");
  if (formats.length === 0) {
    issues.at("formats").add('is empty, but must list "CSV", "JSON" or both.');
  }
  formats.forEach((format, index) =>
    checkOneOf(issues.at("formats").at(index), format, REPORT_FORMATS as readonly string[]),
  );
  checkUnique(issues.at("formats"), formats, "format");
}
