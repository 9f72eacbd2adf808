/**
 * Backup tiers and their rules: AWS Backup's limits on schedules, windows, lifecycles, continuous
 * backup, copies and Windows VSS, the project's floors, and what a rule's schedule means for the
 * audit controls (its worst-case interval, from the schedule package). Pure functions of plain
 * values.
 */
import { RULE_NAME, checkName } from "./backup-names";
import { MAX_RETENTION_DAYS, MIN_COLD_STORAGE_DAYS } from "./aws-backup-limits";
import { type RetentionRange, checkRetentionInLock } from "./vault-lock";
import {
  DEFAULT_REFERENCE_YEAR,
  type Schedule,
  ScheduleService,
  checkSchedule,
  checkTimeZone,
  worstCaseGapMinutes,
} from "@hybrid-backup/aws-schedule";
import { type Issues, checkIntRange, checkOneOf, checkUnique } from "./validation";

/** Resource types a tier can protect, as the config names them. */
export const BackupResourceType = {
  Aurora: "Aurora",
  DocumentDB: "DocumentDB",
  DynamoDB: "DynamoDB",
  EBS: "EBS",
  EC2: "EC2",
  EFS: "EFS",
  FSx: "FSx",
  Neptune: "Neptune",
  RDS: "RDS",
  S3: "S3",
  SAPHANA: "SAPHANA",
  StorageGateway: "StorageGateway",
} as const;
export type BackupResourceType = (typeof BackupResourceType)[keyof typeof BackupResourceType];
export const BACKUP_RESOURCE_TYPES: readonly BackupResourceType[] =
  Object.values(BackupResourceType);

/**
 * The name AWS Backup uses for each type (selections by type, audit scopes, restore testing): the
 * config's name, except for two.
 */
export const AWS_RESOURCE_TYPE_NAMES: Readonly<Record<BackupResourceType, string>> = {
  ...BackupResourceType,
  SAPHANA: "SAP HANA on Amazon EC2",
  StorageGateway: "Storage Gateway",
};

/**
 * ARN patterns that select every resource of a type in a backup selection; the selection's tag
 * conditions then narrow them down. Aurora, DocumentDB and Neptune clusters share one pattern.
 */
export function resourceArnPatterns(type: BackupResourceType, partition: string): string[] {
  switch (type) {
    case "Aurora":
    case "DocumentDB":
    case "Neptune":
      return [`arn:${partition}:rds:*:*:cluster:*`];
    case "RDS":
      return [`arn:${partition}:rds:*:*:db:*`];
    case "DynamoDB":
      return [`arn:${partition}:dynamodb:*:*:table/*`];
    case "EBS":
      return [`arn:${partition}:ec2:*:*:volume/*`];
    case "EC2":
    case "SAPHANA":
      return [`arn:${partition}:ec2:*:*:instance/*`];
    case "EFS":
      return [`arn:${partition}:elasticfilesystem:*:*:file-system/*`];
    case "FSx":
      return [`arn:${partition}:fsx:*:*:file-system/*`];
    case "S3":
      return [`arn:${partition}:s3:::*`];
    case "StorageGateway":
      return [`arn:${partition}:storagegateway:*:*:gateway/*`];
  }
}

/** Types with continuous backup (point-in-time restore). */
export const CONTINUOUS_BACKUP_TYPES: readonly BackupResourceType[] = [
  "RDS",
  "Aurora",
  "S3",
  "SAPHANA",
];
/** Continuous backups keep recovery points for 1 to 35 days. */
export const MAX_CONTINUOUS_RETENTION_DAYS = 35;

/** AWS Backup's minimum start window, and its default. */
export const MIN_START_WINDOW_MINUTES = 60;
/** AWS Backup's default completion window. */
export const DEFAULT_COMPLETION_WINDOW_MINUTES = 180;
/** The project's floor: a job gets at least an hour to complete after its start window closes. */
export const COMPLETION_MARGIN_MINUTES = 60;
/** The project's upper bounds for the windows (a week to start, 30 days to complete). */
export const MAX_START_WINDOW_MINUTES = 10080;
export const MAX_COMPLETION_WINDOW_MINUTES = 43200;
export const DEFAULT_TIMEZONE = "Etc/UTC";

export interface LifecycleConfig {
  /** Days after creation when the recovery point is deleted. */
  readonly deleteAfter: number;
  /** Days after creation when it moves to cold storage; 0 or omitted: never. @default 0 */
  readonly coldStorageAfter?: number;
}

/** A copy to the tier's logically air-gapped vault; such vaults keep recovery points warm. */
export interface AirGappedCopyConfig {
  /** Days after creation when the copy is deleted. */
  readonly deleteAfter: number;
}

/** A rule of a tier, as the stack config and the BackupPlan component take it. */
export interface TierRuleConfig {
  /** `ruleName`: 1-50 letters, digits, periods, hyphens or underscores. */
  readonly name: string;
  /** A 6-field `cron(...)` expression that runs at most hourly. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default "Etc/UTC" */
  readonly timezone?: string;
  /** Minutes a job may wait to start. @default 60 */
  readonly startWindow?: number;
  /** Minutes a job may run. @default 180 */
  readonly completionWindow?: number;
  /** When each recovery point moves to cold storage and when it is deleted. */
  readonly lifecycle: LifecycleConfig;
  /** Continuous backup (point-in-time restore) for RDS, Aurora, S3, SAP HANA. @default false */
  readonly continuous?: boolean;
  /** Copy of each recovery point to the DR vault, with its own lifecycle. @default undefined */
  readonly copy?: LifecycleConfig;
  /**
   * Copy of each recovery point to the tier's logically air-gapped vault, kept `deleteAfter` days
   * (air-gapped vaults keep recovery points warm). @default undefined
   */
  readonly airGappedCopy?: AirGappedCopyConfig;
}

/** What a rule is judged against beyond its own values. */
export interface RuleContext {
  /** The types the tier protects. */
  readonly resourceTypes: readonly string[];
  /** The lock of the vault the rule writes to. */
  readonly targetLock?: RetentionRange;
  /** The lock of the vault copies go to. */
  readonly copyLock?: RetentionRange;
  /**
   * Whether a copy destination exists: false records an issue for every `copy`; undefined leaves
   * that check to whoever configures the destination.
   */
  readonly hasCopyDestination?: boolean;
}

/**
 * Records the problems of a plan rule's schedule and time zone: an AWS cron expression (AWS Backup
 * plan rules take no `rate()`) that runs at most hourly, in an IANA time zone. Returns the parsed
 * schedule when both are valid.
 */
export function validateSchedule(
  issues: Issues,
  schedule: string,
  timezone: string = DEFAULT_TIMEZONE,
  service: ScheduleService = ScheduleService.BackupRule,
  timezoneIssues: Issues = issues,
): Schedule | undefined {
  const parsed = checkSchedule(issues, schedule, service);
  const zoneOk = checkTimeZone(timezoneIssues, timezone);
  return zoneOk ? parsed : undefined;
}

/**
 * The worst-case gap, in whole hours (rounded up), between two runs of a valid rule schedule in
 * its time zone over the reference year; Infinity when it stops or starts within it.
 */
export function ruleIntervalHours(rule: Pick<TierRuleConfig, "schedule" | "timezone">): number {
  const minutes = worstCaseGapMinutes(
    rule.schedule,
    rule.timezone ?? DEFAULT_TIMEZONE,
    DEFAULT_REFERENCE_YEAR,
  );
  return Math.ceil(minutes / 60);
}

/**
 * Records an issue unless a recovery point moved to cold storage after `coldStorageAfter` days
 * (0: never) stays there the 90 days AWS Backup requires before `deleteAfter`. `issues` names the
 * deletion setting; `coldKey` is how the cold storage setting is called where the message is read.
 */
export function checkColdStorageStay(
  issues: Issues,
  deleteAfter: number,
  coldStorageAfter: number,
  coldKey = "coldStorageAfter",
): boolean {
  if (coldStorageAfter <= 0 || deleteAfter >= coldStorageAfter + MIN_COLD_STORAGE_DAYS) return true;
  issues.add(
    `is ${deleteAfter} days, but AWS needs at least ${coldKey} + ${MIN_COLD_STORAGE_DAYS} = ${coldStorageAfter + MIN_COLD_STORAGE_DAYS} days.`,
  );
  return false;
}

function validateLifecycle(
  issues: Issues,
  lifecycle: LifecycleConfig,
  lock: RetentionRange | undefined,
  whose: string,
): void {
  const deleteOk = checkIntRange(
    issues.at("deleteAfter"),
    lifecycle.deleteAfter,
    1,
    MAX_RETENTION_DAYS,
    "days",
  );
  const cold = lifecycle.coldStorageAfter ?? 0;
  const coldOk = checkIntRange(issues.at("coldStorageAfter"), cold, 0, MAX_RETENTION_DAYS, "days");
  if (deleteOk && coldOk) {
    checkColdStorageStay(issues.at("deleteAfter"), lifecycle.deleteAfter, cold);
  }
  if (deleteOk && lock !== undefined) {
    checkRetentionInLock(issues.at("deleteAfter"), lifecycle.deleteAfter, lock, whose);
  }
}

/** Records every problem of one rule under `issues` (the path of the rule). */
export function validateRule(rule: TierRuleConfig, issues: Issues, context: RuleContext): void {
  checkName(issues.at("name"), rule.name, RULE_NAME);
  validateSchedule(
    issues.at("schedule"),
    rule.schedule,
    rule.timezone ?? DEFAULT_TIMEZONE,
    ScheduleService.BackupRule,
    issues.at("timezone"),
  );
  const start = rule.startWindow ?? MIN_START_WINDOW_MINUTES;
  const startOk = checkIntRange(
    issues.at("startWindow"),
    start,
    MIN_START_WINDOW_MINUTES,
    MAX_START_WINDOW_MINUTES,
    "minutes",
  );
  const completion = rule.completionWindow ?? DEFAULT_COMPLETION_WINDOW_MINUTES;
  const completionOk = checkIntRange(
    issues.at("completionWindow"),
    completion,
    MIN_START_WINDOW_MINUTES + COMPLETION_MARGIN_MINUTES,
    MAX_COMPLETION_WINDOW_MINUTES,
    "minutes",
  );
  if (startOk && completionOk && completion < start + COMPLETION_MARGIN_MINUTES) {
    issues
      .at("completionWindow")
      .add(
        `is ${completion} minutes, but must be at least startWindow + ${COMPLETION_MARGIN_MINUTES} = ${start + COMPLETION_MARGIN_MINUTES} minutes (the project's floor; AWS's default is ${DEFAULT_COMPLETION_WINDOW_MINUTES}).`,
      );
  }
  validateLifecycle(issues.at("lifecycle"), rule.lifecycle, context.targetLock, "the target vault");
  if (rule.continuous === true) {
    const unsupported = context.resourceTypes.filter(
      (type) => !(CONTINUOUS_BACKUP_TYPES as readonly string[]).includes(type),
    );
    if (unsupported.length > 0) {
      issues
        .at("continuous")
        .add(
          `is true, but the tier also protects ${unsupported.join(", ")}, which have no continuous backup; only ${CONTINUOUS_BACKUP_TYPES.join(", ")} do. Give continuously backed-up types a tier of their own.`,
        );
    }
    const retention = rule.lifecycle.deleteAfter;
    if (Number.isInteger(retention) && retention > MAX_CONTINUOUS_RETENTION_DAYS) {
      issues
        .at("lifecycle")
        .at("deleteAfter")
        .add(
          `is ${retention} days, but a continuous backup rule keeps recovery points for 1 to ${MAX_CONTINUOUS_RETENTION_DAYS} days.`,
        );
    }
    const cold = rule.lifecycle.coldStorageAfter ?? 0;
    if (cold > 0) {
      issues
        .at("lifecycle")
        .at("coldStorageAfter")
        .add(`is ${cold} days, but continuous backups never move to cold storage; remove it.`);
    }
  }
  if (rule.copy !== undefined) {
    if (context.hasCopyDestination === false) {
      issues
        .at("copy")
        .add(
          "is set, but the plan has no copy destination vault: configure the DR vault, or remove the copy.",
        );
    }
    validateLifecycle(issues.at("copy"), rule.copy, context.copyLock, "the DR vault");
  }
}

/** Records every problem of a tier's rules under `issues` (the path of the rule list). */
export function validateRules(
  rules: readonly TierRuleConfig[],
  issues: Issues,
  context: RuleContext,
): void {
  if (rules.length === 0) {
    issues.add("is empty, but a tier needs at least one rule.");
  }
  rules.forEach((rule, index) => validateRule(rule, issues.at(index), context));
  checkUnique(
    issues,
    rules.map((rule) => rule.name),
    "rule name",
    "name",
  );
}

/** Records every problem of a list of resource types under `issues`. */
export function validateResourceTypes(types: readonly string[], issues: Issues): void {
  if (types.length === 0) {
    issues.add("is empty, but a tier must protect at least one resource type.");
  }
  types.forEach((type, index) =>
    checkOneOf(issues.at(index), type, BACKUP_RESOURCE_TYPES as readonly string[]),
  );
  checkUnique(issues, types, "resource type");
}

/** The floors a tier's rules set, for the audit controls. */
export interface TierFloors {
  /**
   * The worst-case gap, in hours, between two recovery points of the tier's most frequent rule
   * (the rule whose worst-case gap is shortest).
   */
  readonly intervalHours: number;
  /** The longest retention among the tier's most frequent rules. */
  readonly frequentRuleRetentionDays: number;
  /** The shortest retention of any recovery point of the tier. */
  readonly minRetentionDays: number;
  /** The longest a successful backup can take to appear: the interval plus the job windows. */
  readonly worstCaseAgeHours: number;
}

export function tierFloors(rules: readonly TierRuleConfig[]): TierFloors {
  const intervals = rules.map(ruleIntervalHours);
  const intervalHours = Math.min(...intervals);
  const frequent = rules.filter((_, index) => intervals[index] === intervalHours);
  const windowMinutes = Math.max(
    ...frequent.map(
      (rule) =>
        (rule.startWindow ?? MIN_START_WINDOW_MINUTES) +
        (rule.completionWindow ?? DEFAULT_COMPLETION_WINDOW_MINUTES),
    ),
  );
  return {
    intervalHours,
    frequentRuleRetentionDays: Math.max(...frequent.map((rule) => rule.lifecycle.deleteAfter)),
    minRetentionDays: Math.min(...rules.map((rule) => rule.lifecycle.deleteAfter)),
    worstCaseAgeHours: intervalHours + Math.ceil(windowMinutes / 60),
  };
}

/** A tier's plan settings, shared by the stack config and the BackupPlan component. */
export interface TierPlanConfig {
  /** The backup rules of the tier; at least one. */
  readonly rules: TierRuleConfig[];
  /** The types the tier protects. */
  readonly resourceTypes: string[];
  /** Windows VSS (application-consistent) backups of EC2 instances. @default false */
  readonly windowsVss?: boolean;
}

export type TierPlanContext = Omit<RuleContext, "resourceTypes">;

/** Records every problem of a tier's plan settings under `issues` (the path of the tier). */
export function validateTierPlan(
  tier: TierPlanConfig,
  issues: Issues,
  context: TierPlanContext,
): void {
  validateResourceTypes(tier.resourceTypes, issues.at("resourceTypes"));
  validateRules(tier.rules, issues.at("rules"), { ...context, resourceTypes: tier.resourceTypes });
  if (tier.windowsVss === true && !tier.resourceTypes.includes(BackupResourceType.EC2)) {
    issues
      .at("windowsVss")
      .add(
        "is true, but the tier does not protect EC2, the only type with Windows VSS backups; add EC2 to resourceTypes or remove windowsVss.",
      );
  }
}

/** Types AWS Backup restore testing supports (`ProtectedResourceType`). */
export const RESTORE_TESTING_TYPES: readonly BackupResourceType[] = [
  "Aurora",
  "DocumentDB",
  "DynamoDB",
  "EBS",
  "EC2",
  "EFS",
  "FSx",
  "Neptune",
  "RDS",
  "S3",
];

export const RestoreTestingAlgorithm = {
  LatestWithinWindow: "LATEST_WITHIN_WINDOW",
  RandomWithinWindow: "RANDOM_WITHIN_WINDOW",
} as const;
export type RestoreTestingAlgorithm =
  (typeof RestoreTestingAlgorithm)[keyof typeof RestoreTestingAlgorithm];

export const RecoveryPointType = { Snapshot: "SNAPSHOT", Continuous: "CONTINUOUS" } as const;
export type RecoveryPointType = (typeof RecoveryPointType)[keyof typeof RecoveryPointType];

/**
 * `startWindowHours` and `validationWindowHours`: the AWS API reference allows up to 168 (and 0 for
 * the validation window); the provider documents 1-168. Both sources admit 1-168.
 */
export const MAX_WINDOW_HOURS = 168;
export const DEFAULT_RESTORE_START_WINDOW_HOURS = 24;
export const MAX_SELECTION_WINDOW_DAYS = 365;
export const DEFAULT_SELECTION_WINDOW_DAYS = 30;

/** A tier's restore testing, as the stack config and the RestoreTesting component take it. */
export interface RestoreTestingConfig {
  /** A 6-field `cron(...)` expression. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default "Etc/UTC" */
  readonly timezone?: string;
  /** Hours a restore test may wait to start: 1-168. @default 24 */
  readonly startWindowHours?: number;
  /** Recovery points of the last 1-365 days are candidates. @default 30 */
  readonly selectionWindowDays?: number;
  /** How the recovery point to test is chosen among the candidates. @default "LATEST_WITHIN_WINDOW" */
  readonly algorithm?: RestoreTestingAlgorithm;
  /** The kinds of recovery points that are candidates. @default ["SNAPSHOT"] */
  readonly recoveryPointTypes?: RecoveryPointType[];
  /** Hours the restored resource is kept for validation: 1-168. @default undefined (deleted at once) */
  readonly validationWindowHours?: number;
  /**
   * Restore metadata overrides per resource type (for example an EC2 `subnetId`), for accounts
   * without a default VPC. @default {}
   */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface RestoreTestingContext {
  /** The types the tier protects. */
  readonly resourceTypes: readonly string[];
  /** Whether the tier has a continuous backup rule. */
  readonly hasContinuousRule: boolean;
  /** Where to report that none of the tier's types can be tested: the tier's `resourceTypes`. */
  readonly resourceTypesIssues: Issues;
}

/** The tier's types that restore testing can test. */
export function testableTypes(resourceTypes: readonly string[]): BackupResourceType[] {
  return RESTORE_TESTING_TYPES.filter((type) => resourceTypes.includes(type));
}

/** Records every problem of a tier's restore testing under `issues`. */
export function validateRestoreTesting(
  config: RestoreTestingConfig,
  issues: Issues,
  context: RestoreTestingContext,
): void {
  validateSchedule(
    issues.at("schedule"),
    config.schedule,
    config.timezone ?? DEFAULT_TIMEZONE,
    ScheduleService.RestoreTesting,
    issues.at("timezone"),
  );
  checkIntRange(
    issues.at("startWindowHours"),
    config.startWindowHours ?? DEFAULT_RESTORE_START_WINDOW_HOURS,
    1,
    MAX_WINDOW_HOURS,
    "hours",
  );
  checkIntRange(
    issues.at("selectionWindowDays"),
    config.selectionWindowDays ?? DEFAULT_SELECTION_WINDOW_DAYS,
    1,
    MAX_SELECTION_WINDOW_DAYS,
    "days",
  );
  checkOneOf(
    issues.at("algorithm"),
    config.algorithm ?? RestoreTestingAlgorithm.LatestWithinWindow,
    Object.values(RestoreTestingAlgorithm),
  );
  const types = config.recoveryPointTypes ?? [RecoveryPointType.Snapshot];
  if (types.length === 0) {
    issues
      .at("recoveryPointTypes")
      .add('is empty, but must list "SNAPSHOT", "CONTINUOUS" or both.');
  }
  types.forEach((type, index) =>
    checkOneOf(issues.at("recoveryPointTypes").at(index), type, Object.values(RecoveryPointType)),
  );
  checkUnique(issues.at("recoveryPointTypes"), types, "recovery point type");
  if (types.includes(RecoveryPointType.Continuous) && !context.hasContinuousRule) {
    issues
      .at("recoveryPointTypes")
      .add(
        'includes "CONTINUOUS", but the tier has no continuous rule, so there is no continuous recovery point to test.',
      );
  }
  if (config.validationWindowHours !== undefined) {
    checkIntRange(
      issues.at("validationWindowHours"),
      config.validationWindowHours,
      1,
      MAX_WINDOW_HOURS,
      "hours",
    );
  }
  const testable = testableTypes(context.resourceTypes);
  if (testable.length === 0) {
    context.resourceTypesIssues.add(
      `has no type that restore testing supports (${context.resourceTypes.join(", ")}), but the tier sets restoreTesting; it supports ${RESTORE_TESTING_TYPES.join(", ")}.`,
    );
  }
  for (const type of Object.keys(config.overrides ?? {})) {
    if (!testable.includes(type as BackupResourceType)) {
      issues
        .at("overrides")
        .at(type)
        .add(
          `is not a type restore testing tests in this tier; the keys allowed are ${testable.join(", ")}.`,
        );
    }
  }
}
