/**
 * Backup tiers and their rules: AWS Backup's limits on schedules, windows, lifecycles, continuous
 * backup, copies and Windows VSS, the project's floors, and what a rule's schedule means for the
 * audit controls (its interval). Pure functions of plain values.
 */
import { RULE_NAME, checkName } from "./backup-names";
import { type RetentionRange, MAX_RETENTION_DAYS, checkRetentionInLock } from "./vault-lock";
import { type Issues, checkIntRange, checkOneOf, checkUnique, show } from "./validation";

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

/** The name AWS Backup uses for each type (selections by type, audit scopes, restore testing). */
export const AWS_RESOURCE_TYPE_NAMES: Readonly<Record<BackupResourceType, string>> = {
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
/** AWS Backup: a recovery point stays in cold storage for at least 90 days. */
export const MIN_COLD_STORAGE_DAYS = 90;
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

const CRON_PATTERN = /^cron\((.*)\)$/;
const CRON_EXAMPLE = "cron(0 5 ? * * *)";

export interface CronFields {
  readonly minutes: string;
  readonly hours: string;
  readonly dayOfMonth: string;
  readonly month: string;
  readonly dayOfWeek: string;
  readonly year: string;
}

/** Splits a `cron(...)` expression into its six fields, or undefined when it has another shape. */
export function parseCron(expression: string): CronFields | undefined {
  const match = CRON_PATTERN.exec(expression.trim());
  const body = match?.[1];
  if (body === undefined) return undefined;
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

const SINGLE_MINUTE = /^([0-5]?[0-9])$/;
const HOURS_FIELD =
  /^(\*|[0-9]{1,2}(-[0-9]{1,2})?)(\/[0-9]{1,2})?(,[0-9]{1,2}(-[0-9]{1,2})?(\/[0-9]{1,2})?)*$/;

/**
 * Records the problems of a schedule: the shape of an AWS cron expression, and that snapshot
 * backups run at most hourly, which a pure check of the minutes field proves (one fixed minute per
 * hour at most).
 */
export function validateSchedule(issues: Issues, schedule: string): boolean {
  const fields = parseCron(schedule);
  if (fields === undefined) {
    issues.add(
      `is ${show(schedule)}, but must be a 6-field cron expression such as ${CRON_EXAMPLE} (minutes hours day-of-month month day-of-week year).`,
    );
    return false;
  }
  let ok = true;
  if (!SINGLE_MINUTE.test(fields.minutes)) {
    issues.add(
      `is ${show(schedule)}, whose minutes field ${show(fields.minutes)} runs more than once an hour, but AWS Backup runs scheduled backups at most hourly: the minutes field must be a single minute from 0 to 59.`,
    );
    ok = false;
  }
  if (!HOURS_FIELD.test(fields.hours) || hourValues(fields.hours).some((h) => h > 23)) {
    issues.add(
      `is ${show(schedule)}, whose hours field ${show(fields.hours)} is not *, an hour from 0 to 23, a range, a step (*/6) or a list of them.`,
    );
    ok = false;
  }
  if ((fields.dayOfMonth === "?") === (fields.dayOfWeek === "?")) {
    issues.add(
      `is ${show(schedule)}, but exactly one of day-of-month (${show(fields.dayOfMonth)}) and day-of-week (${show(fields.dayOfWeek)}) must be "?".`,
    );
    ok = false;
  }
  return ok;
}

/** The hours of the day an hours field fires at. */
export function hourValues(field: string): number[] {
  const hours = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "*", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = 0;
    let to = 23;
    if (range !== "*") {
      const [a = "0", b] = range.split("-");
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : 23) : Number(b);
    }
    if (!Number.isFinite(step) || step < 1) continue;
    for (let h = from; h <= to; h += step) hours.add(h);
  }
  return [...hours].sort((x, y) => x - y);
}

/**
 * The longest gap, in hours, between two runs of a valid schedule: the hours between runs within
 * a day (wrapping around midnight) for daily schedules, 168 for a weekly one and 744 (31 days) for
 * monthly or rarer ones.
 */
export function scheduleIntervalHours(schedule: string): number {
  const fields = parseCron(schedule);
  if (fields === undefined) return Number.POSITIVE_INFINITY;
  const everyDay =
    (fields.dayOfMonth === "*" || fields.dayOfMonth === "?") &&
    (fields.dayOfWeek === "*" || fields.dayOfWeek === "?") &&
    fields.month === "*";
  if (!everyDay) {
    return fields.dayOfMonth === "?" && fields.month === "*" && !fields.dayOfWeek.includes(",")
      ? 168
      : 744;
  }
  const hours = hourValues(fields.hours);
  if (hours.length === 0) return 24;
  let longest = 0;
  hours.forEach((h, index) => {
    const next = hours[index + 1] ?? (hours[0] ?? h) + 24;
    longest = Math.max(longest, next - h);
  });
  return longest;
}

/** True when `timezone` is an IANA time zone name the runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
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
  if (deleteOk && coldOk && cold > 0 && lifecycle.deleteAfter < cold + MIN_COLD_STORAGE_DAYS) {
    issues
      .at("deleteAfter")
      .add(
        `is ${lifecycle.deleteAfter} days, but AWS needs at least coldStorageAfter + ${MIN_COLD_STORAGE_DAYS} = ${cold + MIN_COLD_STORAGE_DAYS} days.`,
      );
  }
  if (deleteOk && lock !== undefined) {
    checkRetentionInLock(issues.at("deleteAfter"), lifecycle.deleteAfter, lock, whose);
  }
}

/** Records every problem of one rule under `issues` (the path of the rule). */
export function validateRule(rule: TierRuleConfig, issues: Issues, context: RuleContext): void {
  checkName(issues.at("name"), rule.name, RULE_NAME);
  validateSchedule(issues.at("schedule"), rule.schedule);
  const timezone = rule.timezone ?? DEFAULT_TIMEZONE;
  if (!isTimeZone(timezone)) {
    issues
      .at("timezone")
      .add(`is ${show(timezone)}, but must be an IANA time zone such as Etc/UTC or Europe/Berlin.`);
  }
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
  /** The shortest gap between two recovery points of the tier's most frequent rule. */
  readonly intervalHours: number;
  /** The longest retention among the tier's most frequent rules. */
  readonly frequentRuleRetentionDays: number;
  /** The shortest retention of any recovery point of the tier. */
  readonly minRetentionDays: number;
  /** The longest a successful backup can take to appear: the interval plus the job windows. */
  readonly worstCaseAgeHours: number;
}

export function tierFloors(rules: readonly TierRuleConfig[]): TierFloors {
  const intervals = rules.map((rule) => scheduleIntervalHours(rule.schedule));
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
  const schedule = issues.at("schedule");
  if (parseCron(config.schedule) === undefined) {
    schedule.add(
      `is ${show(config.schedule)}, but must be a 6-field cron expression such as ${CRON_EXAMPLE} (minutes hours day-of-month month day-of-week year).`,
    );
  }
  const timezone = config.timezone ?? DEFAULT_TIMEZONE;
  if (!isTimeZone(timezone)) {
    issues
      .at("timezone")
      .add(`is ${show(timezone)}, but must be an IANA time zone such as Etc/UTC or Europe/Berlin.`);
  }
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
