/**
 * What AWS Backup offers beyond plain vaults and plans, as its API model and developer guide state
 * it: logically air-gapped vaults, malware scanning of recovery points (Amazon GuardDuty Malware
 * Protection for AWS Backup), region settings (service opt-in and full AWS Backup management), and
 * the selection operators of a backup selection. Pure functions of plain values.
 */
import { ACCOUNT_ID, ROLE_ARN, checkName } from "./backup-names";
import {
  AWS_RESOURCE_TYPE_NAMES,
  type BackupResourceType,
  BackupResourceType as Types,
  type TierRuleConfig,
} from "./backup-rules";
import { MAX_RETENTION_DAYS } from "./aws-backup-limits";
import type { RetentionRange } from "./vault-lock";
import { type Issues, checkIntRange, checkOneOf, checkUnique, show } from "./validation";

// ---------------------------------------------------------------------------------------------
// Logically air-gapped vaults (CreateLogicallyAirGappedBackupVault)
// ---------------------------------------------------------------------------------------------

/** `MinRetentionDays` of a logically air-gapped vault: "The minimum value accepted is 7 days." */
export const MIN_AIR_GAPPED_RETENTION_DAYS = 7;

/**
 * Types whose backups cannot be copied to or from a logically air-gapped vault in another region
 * (AWS Backup Developer Guide, "Logically air-gapped vault", considerations and limitations).
 */
export const NO_CROSS_REGION_AIR_GAP_TYPES: readonly BackupResourceType[] = [
  Types.Aurora,
  Types.DocumentDB,
  Types.Neptune,
];

/** The retention bounds of a logically air-gapped vault; both are required by AWS. */
export interface AirGappedRetention {
  /** Shortest retention of a recovery point copied into the vault; at least 7 days. */
  readonly minRetentionDays: number;
  /** Longest retention of a recovery point copied into the vault; at most 36500 days. */
  readonly maxRetentionDays: number;
}

/** Records the problems of an air-gapped vault's retention bounds under `issues`. */
export function validateAirGappedRetention(range: AirGappedRetention, issues: Issues): void {
  const minOk = checkIntRange(
    issues.at("minRetentionDays"),
    range.minRetentionDays,
    MIN_AIR_GAPPED_RETENTION_DAYS,
    MAX_RETENTION_DAYS,
    "days",
  );
  const maxOk = checkIntRange(
    issues.at("maxRetentionDays"),
    range.maxRetentionDays,
    MIN_AIR_GAPPED_RETENTION_DAYS,
    MAX_RETENTION_DAYS,
    "days",
  );
  if (minOk && maxOk && range.maxRetentionDays < range.minRetentionDays) {
    issues
      .at("maxRetentionDays")
      .add(
        `is ${range.maxRetentionDays} days, but must be at least minRetentionDays (${range.minRetentionDays}).`,
      );
  }
}

/** Who an air-gapped vault is shared with through AWS RAM, so that they can restore from it. */
export interface AirGappedSharing {
  /** Accounts (12 digits) allowed to restore from the vault. @default [] */
  readonly accountIds?: string[];
  /**
   * The organization whose accounts may restore from the vault, as RAM names it:
   * `arn:aws:organizations::<management account>:organization/o-...`. @default undefined
   */
  readonly organizationArn?: string;
}

/** An AWS Organizations organization ARN, the RAM principal of a whole organization. */
export const ORGANIZATION_ARN = {
  pattern: /^arn:aws(-cn|-us-gov)?:organizations::[0-9]{12}:organization\/o-[a-z0-9]{10,32}$/,
  rule: "an organization ARN such as arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
};

/** Records the problems of an air-gapped vault's sharing under `issues`. */
export function validateAirGappedSharing(
  sharing: AirGappedSharing,
  issues: Issues,
  ownerAccountId?: string,
): void {
  const accounts = sharing.accountIds ?? [];
  accounts.forEach((id, index) => {
    if (!checkName(issues.at("accountIds").at(index), id, ACCOUNT_ID)) return;
    if (id === ownerAccountId) {
      issues
        .at("accountIds")
        .at(index)
        .add(
          `is ${show(id)}, the account that owns the vault; share with the accounts that restore from it, not with the owner.`,
        );
    }
  });
  checkUnique(issues.at("accountIds"), [...accounts], "account id");
  if (sharing.organizationArn !== undefined) {
    checkName(issues.at("organizationArn"), sharing.organizationArn, ORGANIZATION_ARN);
  }
  if (accounts.length === 0 && sharing.organizationArn === undefined) {
    issues.add(
      "names no account and no organization; list accountIds or set organizationArn, or leave sharing out.",
    );
  }
}

/**
 * Records the problems of copying a tier's rules into an air-gapped vault: every rule with an
 * air-gapped copy keeps it within the vault's retention bounds, and a vault in another region
 * cannot take the types AWS does not copy across regions into one.
 */
export function validateAirGappedCopies(
  rules: readonly TierRuleConfig[],
  vault: RetentionRange & { readonly crossRegion: boolean },
  resourceTypes: readonly string[],
  issues: Issues,
): void {
  rules.forEach((rule, index) => {
    const copy = rule.airGappedCopy;
    if (copy === undefined) return;
    const at = issues.at("rules").at(index).at("airGappedCopy").at("deleteAfter");
    if (copy.deleteAfter < vault.minRetentionDays) {
      at.add(
        `is ${copy.deleteAfter} days, but the air-gapped vault keeps recovery points at least ${vault.minRetentionDays} days (minRetentionDays).`,
      );
    } else if (vault.maxRetentionDays !== undefined && copy.deleteAfter > vault.maxRetentionDays) {
      at.add(
        `is ${copy.deleteAfter} days, but the air-gapped vault keeps recovery points at most ${vault.maxRetentionDays} days (maxRetentionDays).`,
      );
    }
  });
  if (vault.crossRegion) {
    const blocked = resourceTypes.filter((type) =>
      (NO_CROSS_REGION_AIR_GAP_TYPES as readonly string[]).includes(type),
    );
    if (blocked.length > 0) {
      issues
        .at("resourceTypes")
        .add(
          `includes ${blocked.join(", ")}, whose backups AWS Backup cannot copy to a logically air-gapped vault in another region; place the vault in the tier's region or protect these types in another tier.`,
        );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Malware scanning (ScanAction, ScanSetting)
// ---------------------------------------------------------------------------------------------

/** `MalwareScanner`: only GUARDDUTY. */
export const MALWARE_SCANNER = "GUARDDUTY";

export const ScanMode = { Full: "FULL_SCAN", Incremental: "INCREMENTAL_SCAN" } as const;
export type ScanMode = (typeof ScanMode)[keyof typeof ScanMode];
export const SCAN_MODES: readonly ScanMode[] = Object.values(ScanMode);

/** Types GuardDuty Malware Protection for AWS Backup scans (`ScanSetting.ResourceTypes`). */
export const SCANNABLE_TYPES: readonly BackupResourceType[] = [Types.EBS, Types.EC2, Types.S3];

/** Malware scanning of a tier's recovery points. */
export interface ScanningConfig {
  /**
   * The role GuardDuty assumes to read the recovery points (trusting
   * `malware-protection.guardduty.amazonaws.com`, with the permissions GuardDuty documents).
   */
  readonly scannerRoleArn: string;
  /**
   * INCREMENTAL_SCAN scans what changed since the previous recovery point; FULL_SCAN everything.
   * @default "INCREMENTAL_SCAN"
   */
  readonly mode?: ScanMode;
  /** Names of the rules whose recovery points are scanned. @default every snapshot rule */
  readonly rules?: string[];
}

/** The types of a tier that GuardDuty scans, in the order AWS lists them. */
export function scannableTypes(resourceTypes: readonly string[]): BackupResourceType[] {
  return SCANNABLE_TYPES.filter((type) => resourceTypes.includes(type));
}

/** The rules whose recovery points are scanned: the named ones, or every non-continuous rule. */
export function scannedRules(
  rules: readonly TierRuleConfig[],
  scanning: ScanningConfig,
): TierRuleConfig[] {
  const names = scanning.rules;
  return rules.filter((rule) =>
    names === undefined ? rule.continuous !== true : names.includes(rule.name),
  );
}

/** Records the problems of a tier's scanning under `issues`. */
export function validateScanning(
  scanning: ScanningConfig,
  tier: { readonly rules: readonly TierRuleConfig[]; readonly resourceTypes: readonly string[] },
  issues: Issues,
): void {
  checkName(issues.at("scannerRoleArn"), scanning.scannerRoleArn, ROLE_ARN);
  if (scanning.mode !== undefined) {
    checkOneOf(issues.at("mode"), scanning.mode, SCAN_MODES);
  }
  if (scannableTypes(tier.resourceTypes).length === 0) {
    issues.add(
      `is set, but the tier protects ${tier.resourceTypes.join(", ")}, and GuardDuty scans only ${SCANNABLE_TYPES.join(", ")} recovery points; add one of them to resourceTypes or remove scanning.`,
    );
  }
  const names = tier.rules.map((rule) => rule.name);
  (scanning.rules ?? []).forEach((name, index) => {
    const rule = tier.rules.find((candidate) => candidate.name === name);
    if (rule === undefined) {
      issues
        .at("rules")
        .at(index)
        .add(`is ${show(name)}, but the tier has no such rule; its rules are ${names.join(", ")}.`);
    } else if (rule.continuous === true) {
      issues
        .at("rules")
        .at(index)
        .add(
          `is ${show(name)}, a continuous rule; GuardDuty scans snapshot recovery points, so name a snapshot rule.`,
        );
    }
  });
  checkUnique(issues.at("rules"), [...(scanning.rules ?? [])], "rule");
}

// ---------------------------------------------------------------------------------------------
// Region settings (UpdateRegionSettings)
// ---------------------------------------------------------------------------------------------

/** Types AWS Backup can manage fully (its own encryption, cold storage, cross-account copies). */
export const FULL_MANAGEMENT_TYPES: readonly BackupResourceType[] = [Types.DynamoDB, Types.EFS];

/** What a tier asks of the region: its types, and whether it uses cold storage or copies. */
export interface TierRegionNeeds {
  readonly resourceTypes: readonly string[];
  readonly rules: readonly TierRuleConfig[];
  /** Whether the tier's copies go to another account. */
  readonly crossAccountCopy: boolean;
}

/** Whether any rule of the tier moves recovery points (or their copies) to cold storage. */
export function usesColdStorage(rules: readonly TierRuleConfig[]): boolean {
  return rules.some(
    (rule) => (rule.lifecycle.coldStorageAfter ?? 0) > 0 || (rule.copy?.coldStorageAfter ?? 0) > 0,
  );
}

/**
 * The region settings a stack's tiers need: every protected type opted in (by AWS's service name)
 * and, for DynamoDB and EFS, full management where a tier of that type uses cold storage or
 * copies across accounts (AWS Backup does either only for fully managed types).
 */
export function regionSettingsFor(tiers: readonly TierRegionNeeds[]): {
  readonly optIn: Record<string, boolean>;
  readonly fullManagement: Record<string, boolean>;
} {
  const optIn: Record<string, boolean> = {};
  const fullManagement: Record<string, boolean> = {};
  for (const tier of tiers) {
    for (const type of tier.resourceTypes) {
      const name = AWS_RESOURCE_TYPE_NAMES[type as BackupResourceType];
      if (name !== undefined) optIn[name] = true;
    }
    const needs = usesColdStorage(tier.rules) || tier.crossAccountCopy;
    for (const type of FULL_MANAGEMENT_TYPES) {
      if (!tier.resourceTypes.includes(type)) continue;
      fullManagement[AWS_RESOURCE_TYPE_NAMES[type]] =
        (fullManagement[AWS_RESOURCE_TYPE_NAMES[type]] ?? false) || needs;
    }
  }
  const sorted = (record: Record<string, boolean>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return { optIn: sorted(optIn), fullManagement: sorted(fullManagement) };
}

/** Service names `ResourceTypeOptInPreference` takes (AWS_RESOURCE_TYPE_NAMES' values). */
export const OPT_IN_SERVICE_NAMES: readonly string[] = Object.values(AWS_RESOURCE_TYPE_NAMES);

/** Records the problems of region settings maps under `issues`. */
export function validateRegionSettings(
  settings: {
    readonly optIn: Readonly<Record<string, boolean>>;
    readonly fullManagement?: Readonly<Record<string, boolean>>;
  },
  issues: Issues,
): void {
  if (Object.keys(settings.optIn).length === 0) {
    issues.at("optIn").add("is empty, but must opt in at least one resource type.");
  }
  for (const name of Object.keys(settings.optIn)) {
    checkOneOf(issues.at("optIn").at(name), name, OPT_IN_SERVICE_NAMES);
  }
  const managed = FULL_MANAGEMENT_TYPES.map((type) => AWS_RESOURCE_TYPE_NAMES[type]);
  for (const [name, on] of Object.entries(settings.fullManagement ?? {})) {
    if (!managed.includes(name)) {
      issues
        .at("fullManagement")
        .at(name)
        .add(`is not a type AWS Backup manages fully; only ${managed.join(" and ")} are.`);
    } else if (on && settings.optIn[name] !== true) {
      issues
        .at("fullManagement")
        .at(name)
        .add(`is true, but ${name} is not opted in; full management needs the type opted in.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Selections (BackupSelection.Conditions, NotResources)
// ---------------------------------------------------------------------------------------------

/** The operators of `BackupSelection.Conditions`, by the name the config and component use. */
export const ConditionOperator = {
  StringEquals: "stringEquals",
  StringLike: "stringLikes",
  StringNotEquals: "stringNotEquals",
  StringNotLike: "stringNotLikes",
} as const;

/** Tag conditions of a selection by operator: tag key -> value (`*` wildcards for the Like ones). */
export interface SelectionConditionsConfig {
  readonly stringEquals?: Readonly<Record<string, string>>;
  readonly stringLike?: Readonly<Record<string, string>>;
  readonly stringNotEquals?: Readonly<Record<string, string>>;
  readonly stringNotLike?: Readonly<Record<string, string>>;
}

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@*]{0,256}$/u;
const ARN = /^arn:aws(-cn|-us-gov)?:[a-z0-9-]+:[a-z0-9-*]*:(\d{12}|\*)?:\S+$/;

/**
 * Records the problems of one operator's tag conditions (tag key -> value) under `issues`, the
 * path of that record. `wildcards`: whether the operator matches `*` patterns (the Like ones).
 */
export function validateTagConditions(
  entries: Readonly<Record<string, string>>,
  wildcards: boolean,
  issues: Issues,
): void {
  for (const [key, value] of Object.entries(entries)) {
    const at = issues.at(key);
    if (!TAG_KEY.test(key)) {
      at.add(
        "is not a tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:.",
      );
    } else if (!TAG_VALUE.test(value)) {
      at.add(
        `is ${show(value)}, but must be a tag value of at most 256 letters, digits, spaces or _.:/=+-@ (and * in the Like operators).`,
      );
    } else if (value.includes("*") && !wildcards) {
      at.add(
        `is ${show(value)}, but this operator compares values exactly; use the Like operator for a * wildcard.`,
      );
    }
  }
}

/** Records the problems of a list of resource ARNs (or ARN patterns) under `issues`. */
export function validateSelectionArns(arns: readonly string[], issues: Issues): void {
  arns.forEach((arn, index) => {
    if (!ARN.test(arn)) {
      issues
        .at(index)
        .add(
          `is ${show(arn)}, but must be a resource ARN or ARN pattern such as arn:aws:ec2:*:*:volume/* or arn:aws:dynamodb:us-east-1:111111111111:table/orders.`,
        );
    }
  });
  checkUnique(issues, arns, "ARN");
}

/** The `conditions` block of aws.backup.Selection for tag conditions, AND-ed. */
export function selectionConditionsInput(
  conditions: SelectionConditionsConfig,
): Record<string, Array<{ key: string; value: string }>> {
  const block: Record<string, Array<{ key: string; value: string }>> = {};
  const entries: Array<[keyof SelectionConditionsConfig, string]> = [
    ["stringEquals", ConditionOperator.StringEquals],
    ["stringLike", ConditionOperator.StringLike],
    ["stringNotEquals", ConditionOperator.StringNotEquals],
    ["stringNotLike", ConditionOperator.StringNotLike],
  ];
  for (const [field, input] of entries) {
    const values = Object.entries(conditions[field] ?? {});
    if (values.length === 0) continue;
    block[input] = values.map(([key, value]) => ({ key: `aws:ResourceTag/${key}`, value }));
  }
  return block;
}

// ---------------------------------------------------------------------------------------------
// The AWS Config recorder AWS Backup Audit Manager needs
// ---------------------------------------------------------------------------------------------

/**
 * The AWS Config resource types AWS Backup Audit Manager's controls read ("Choosing your
 * controls": backup plans, backup selections, backup vaults, recovery points, and AWS Config
 * resource compliance, which every control needs).
 */
export const AUDIT_MANAGER_RECORDED_TYPES: readonly string[] = [
  "AWS::Backup::BackupPlan",
  "AWS::Backup::BackupSelection",
  "AWS::Backup::BackupVault",
  "AWS::Backup::RecoveryPoint",
  "AWS::Config::ResourceCompliance",
];

export const RecordingFrequency = { Continuous: "CONTINUOUS", Daily: "DAILY" } as const;
export type RecordingFrequency = (typeof RecordingFrequency)[keyof typeof RecordingFrequency];
