/**
 * The `hybrid-backup:backup` section: the primary vault (lock, break-glass roles, notifications),
 * the backup tiers (rules, protected resource types, restore testing) and the audit framework with
 * its reports. The shape mirrors the component arguments, and the section's checks call the
 * components' validators, so a value is judged the same way in YAML and in code.
 */
import {
  FRAMEWORK_NAME,
  REPORT_PLAN_NAME,
  ROLE_ARN,
  RULE_NAME,
  S3_BUCKET_NAME,
  TIER_NAME,
  VAULT_NAME,
  BACKUP_RESOURCE_TYPES,
  tierFloors,
  DEFAULT_COMPLETION_WINDOW_MINUTES,
  DEFAULT_RESTORE_START_WINDOW_HOURS,
  DEFAULT_SELECTION_WINDOW_DAYS,
  DEFAULT_TIMEZONE,
  MAX_COMPLETION_WINDOW_MINUTES,
  MAX_SELECTION_WINDOW_DAYS,
  MAX_START_WINDOW_MINUTES,
  MAX_WINDOW_HOURS,
  MIN_START_WINDOW_MINUTES,
  COMPLETION_MARGIN_MINUTES,
  RecoveryPointType,
  RestoreTestingAlgorithm,
  validateRestoreTesting,
  validateTierPlan,
  MAX_CONTROLS_PER_REGION,
  type TierAuditConfig,
  countControls,
  MAX_EXEMPT_PRINCIPALS,
  MAX_RECOVERY_POINT_AGE_HOURS,
  REPORT_FORMATS,
  REPORT_TEMPLATES,
  MIN_AIR_GAPPED_RETENTION_DAYS,
  ORGANIZATION_ARN,
  RecordingFrequency,
  SCAN_MODES,
  ScanMode,
  validateAirGappedCopies,
  validateAirGappedSharing,
  validateScanning,
  validateSelectionArns,
  validateTagConditions,
  isAwsRegion,
  MAX_RETENTION_DAYS,
  validateVaultLock,
  validateVaultNotifications,
  type Issues,
  checkUnique,
} from "../../core";
import * as s from "../schema";
import { EXEMPT_TIER_VALUE } from "./core";
import { datasetsSchema, objectiveRpoHours, objectivesSchema } from "./objectives";

const days = (description: string, min: number, max = MAX_RETENTION_DAYS) =>
  s.number({ description, min, max, unit: "days" });

const minutes = (description: string, min: number, max: number) =>
  s.number({ description, min, max, unit: "minutes" });

/** `hybrid-backup:backup.vault.lock`, also used by the DR vault. */
export const vaultLockSchema = s.object(
  {
    mode: s.literal(["governance", "compliance"], {
      description:
        "governance: removable by principals allowed backup:DeleteBackupVaultLockConfiguration; compliance: permanent once changeableForDays have passed.",
    }),
    minRetentionDays: days("Shortest retention a recovery point of the vault may have.", 1),
    maxRetentionDays: s.optional(
      days("Longest retention a recovery point of the vault may have.", 1),
    ),
    changeableForDays: s.optional(
      days(
        "Compliance mode only: days during which the lock can still be changed or removed; after them it is immutable.",
        3,
      ),
    ),
    acknowledgeComplianceLockIsPermanent: s.optional(
      s.boolean({
        description:
          "Compliance mode only, and required there: true states that the lock cannot be undone once changeableForDays have passed.",
      }),
    ),
  },
  {
    description: "The vault lock (AWS Backup Vault Lock).",
    check: (lock, issues) => validateVaultLock(lock, issues),
  },
);

export type VaultLockSection = s.Infer<typeof vaultLockSchema>;

const roleArnSchema = s.string({
  description: "An IAM role ARN.",
  pattern: ROLE_ARN.pattern,
  rule: ROLE_ARN.rule,
});

export const vaultNotificationsSchema = s.object(
  {
    events: s.optional(
      s.array(s.string({ description: "An AWS Backup vault event name." }), {
        description:
          "Events published to the vault's topic. Default: BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, RESTORE_JOB_COMPLETED, S3_BACKUP_OBJECT_FAILED, S3_RESTORE_OBJECT_FAILED, CONTINUOUS_BACKUP_INTERRUPTED, RECOVERY_POINT_MODIFIED.",
      }),
    ),
    emails: s.optional(
      s.array(s.string({ description: "An email address." }), {
        description: "Email addresses subscribed to failures only (State other than COMPLETED).",
      }),
      [],
    ),
    httpsEndpoints: s.optional(
      s.array(s.string({ description: "An https:// URL." }), {
        description: "HTTPS endpoints subscribed to failures only.",
      }),
      [],
    ),
  },
  {
    description: "Job notifications of the vault.",
    check: (notifications, issues) => validateVaultNotifications(notifications, issues),
  },
);

export const vaultSchema = s.object(
  {
    name: s.string({
      description: "Name of the primary backup vault.",
      pattern: VAULT_NAME.pattern,
      rule: VAULT_NAME.rule,
    }),
    lock: s.optional(vaultLockSchema),
    breakGlassRoleArns: s.array(roleArnSchema, {
      description:
        "The only roles allowed to delete recovery points, change their lifecycle or change the vault access policy.",
      minItems: 1,
    }),
    notifications: s.optional(vaultNotificationsSchema),
  },
  { description: "The primary backup vault of the workload account." },
);

const lifecycleSchema = (description: string) =>
  s.object(
    {
      deleteAfter: days("Days after creation when a recovery point is deleted.", 1),
      coldStorageAfter: s.optional(
        days(
          "Days after creation when a recovery point moves to cold storage; 0 means never (types without cold storage ignore it).",
          0,
        ),
        0,
      ),
    },
    { description },
  );

export const ruleSchema = s.object(
  {
    name: s.string({ description: "Rule name.", pattern: RULE_NAME.pattern, rule: RULE_NAME.rule }),
    schedule: s.string({
      description:
        "6-field cron expression (minutes hours day-of-month month day-of-week year) running at most hourly, e.g. cron(0 * ? * * *).",
    }),
    timezone: s.optional(
      s.string({ description: "IANA time zone of the schedule." }),
      DEFAULT_TIMEZONE,
    ),
    startWindow: s.optional(
      minutes(
        "Minutes a job may wait to start.",
        MIN_START_WINDOW_MINUTES,
        MAX_START_WINDOW_MINUTES,
      ),
      MIN_START_WINDOW_MINUTES,
    ),
    completionWindow: s.optional(
      minutes(
        `Minutes a job may run; at least startWindow + ${COMPLETION_MARGIN_MINUTES}.`,
        MIN_START_WINDOW_MINUTES + COMPLETION_MARGIN_MINUTES,
        MAX_COMPLETION_WINDOW_MINUTES,
      ),
      DEFAULT_COMPLETION_WINDOW_MINUTES,
    ),
    lifecycle: lifecycleSchema("Lifecycle of the recovery points in the primary vault."),
    continuous: s.optional(
      s.boolean({
        description:
          "Continuous backup (point-in-time restore); only for tiers of RDS, Aurora, S3 and SAPHANA, with deleteAfter 1-35.",
      }),
      false,
    ),
    copy: s.optional(
      lifecycleSchema(
        "Copy of each recovery point to the DR vault, with the copy's own lifecycle (needs the DR vault).",
      ),
    ),
    airGappedCopy: s.optional(
      s.object(
        {
          deleteAfter: days(
            "Days after creation when the air-gapped copy is deleted; within the air-gapped vault's retention bounds.",
            MIN_AIR_GAPPED_RETENTION_DAYS,
          ),
        },
        {
          description:
            "Copy of each recovery point to the tier's logically air-gapped vault (needs airGappedVault); kept warm.",
        },
      ),
    ),
  },
  { description: "A backup rule." },
);

const overridesSchema = s.record(
  s.record(s.string({ description: "Override value.", maxLength: 4096 }), {
    description: "Restore metadata keys and values.",
  }),
  {
    description:
      "Restore metadata overrides per resource type, e.g. EC2: { subnetId: subnet-0abc } where no default VPC exists.",
  },
);

/** Where restore tests restore from: the primary vault, the DR vault, the air-gapped vault. */
export const RestoreTestVault = { Primary: "primary", Dr: "dr", AirGapped: "airGapped" } as const;
export type RestoreTestVault = (typeof RestoreTestVault)[keyof typeof RestoreTestVault];
export const RESTORE_TEST_VAULTS: readonly RestoreTestVault[] = Object.values(RestoreTestVault);

export const restoreTestingSchema = s.object(
  {
    schedule: s.string({ description: "6-field cron expression of the restore tests." }),
    timezone: s.optional(
      s.string({ description: "IANA time zone of the schedule." }),
      DEFAULT_TIMEZONE,
    ),
    startWindowHours: s.optional(
      s.number({
        description: "Hours a restore test may wait to start.",
        min: 1,
        max: MAX_WINDOW_HOURS,
        unit: "hours",
      }),
      DEFAULT_RESTORE_START_WINDOW_HOURS,
    ),
    selectionWindowDays: s.optional(
      days("Recovery points of this many last days are candidates.", 1, MAX_SELECTION_WINDOW_DAYS),
      DEFAULT_SELECTION_WINDOW_DAYS,
    ),
    algorithm: s.optional(
      s.literal(Object.values(RestoreTestingAlgorithm), {
        description: "Which recovery point of the window is restored.",
      }),
      RestoreTestingAlgorithm.LatestWithinWindow,
    ),
    recoveryPointTypes: s.optional(
      s.array(
        s.literal(Object.values(RecoveryPointType), { description: "A recovery point type." }),
        { description: "Recovery point types restored.", minItems: 1 },
      ),
      [RecoveryPointType.Snapshot],
    ),
    validationWindowHours: s.optional(
      s.number({
        description: "Hours each restored resource is kept for validation before deletion.",
        min: 1,
        max: MAX_WINDOW_HOURS,
        unit: "hours",
      }),
    ),
    overrides: s.optional(overridesSchema, {}),
    vaults: s.optional(
      s.array(s.literal(RESTORE_TEST_VAULTS, { description: "A vault kind." }), {
        description:
          "Vaults whose recovery points are tested, one restore testing plan each: primary (workload account), dr (in the DR account and region, needs hybrid-backup:dr), airGapped (needs airGappedVault).",
        minItems: 1,
      }),
      [RestoreTestVault.Primary],
    ),
  },
  { description: "Scheduled restore tests of the tier's recovery points." },
);

const tagConditions = (description: string) =>
  s.optional(
    s.record(s.string({ description: "Tag value.", maxLength: 256 }), {
      description: `${description} Keys are tag keys (without aws:ResourceTag/).`,
    }),
    {},
  );

export const selectionSchema = s.object(
  {
    resources: s.optional(
      s.array(s.string({ description: "A resource ARN or ARN pattern." }), {
        description:
          "Resources selected, then narrowed by the tag conditions (at most 500, or 30 with wildcards). Default: every resource of the tier's types.",
      }),
    ),
    notResources: s.optional(
      s.array(s.string({ description: "A resource ARN or ARN pattern." }), {
        description: "Resources excluded from the tier's selection (at most 500).",
      }),
      [],
    ),
    conditions: s.optional(
      s.object(
        {
          stringEquals: tagConditions("Tags that must have exactly this value."),
          stringLike: tagConditions("Tags whose value must match this * pattern."),
          stringNotEquals: tagConditions("Tags whose value must not be this value."),
          stringNotLike: tagConditions("Tags whose value must not match this * pattern."),
        },
        { description: "Tag conditions AND-ed with the tier tag." },
      ),
      { stringEquals: {}, stringLike: {}, stringNotEquals: {}, stringNotLike: {} },
    ),
  },
  {
    description: "Narrows or widens what the tier tag selects.",
    check: (selection, issues) => {
      validateSelectionArns(selection.resources ?? [], issues.at("resources"));
      validateSelectionArns(selection.notResources, issues.at("notResources"));
      const conditions = selection.conditions;
      validateTagConditions(
        conditions.stringEquals,
        false,
        issues.at("conditions").at("stringEquals"),
      );
      validateTagConditions(conditions.stringLike, true, issues.at("conditions").at("stringLike"));
      validateTagConditions(
        conditions.stringNotEquals,
        false,
        issues.at("conditions").at("stringNotEquals"),
      );
      validateTagConditions(
        conditions.stringNotLike,
        true,
        issues.at("conditions").at("stringNotLike"),
      );
    },
  },
);

export const airGappedVaultSchema = s.object(
  {
    name: s.string({
      description: "Name of the tier's logically air-gapped vault.",
      pattern: VAULT_NAME.pattern,
      rule: VAULT_NAME.rule,
    }),
    minRetentionDays: days(
      "Shortest retention of a copy in the vault (AWS: at least 7).",
      MIN_AIR_GAPPED_RETENTION_DAYS,
    ),
    maxRetentionDays: days(
      "Longest retention of a copy in the vault.",
      MIN_AIR_GAPPED_RETENTION_DAYS,
    ),
    region: s.optional(
      s.string({ description: "Region of the vault. Default: the stack's region (aws:region)." }),
    ),
    sharing: s.optional(
      s.object(
        {
          accountIds: s.optional(
            s.array(s.string({ description: "A 12-digit account id." }), {
              description: "Accounts that may restore from the vault (through AWS RAM).",
            }),
            [],
          ),
          organizationArn: s.optional(
            s.string({
              description: "The organization whose accounts may restore from the vault.",
              pattern: ORGANIZATION_ARN.pattern,
              rule: ORGANIZATION_ARN.rule,
            }),
          ),
        },
        {
          description: "Shares the vault through AWS RAM with the accounts that restore from it.",
          check: (sharing, issues) => validateAirGappedSharing(sharing, issues),
        },
      ),
    ),
  },
  {
    description:
      "A logically air-gapped vault for the tier's airGappedCopy rules: locked in compliance mode by AWS, in a service-owned account.",
    check: (vault, issues) => {
      if (vault.maxRetentionDays < vault.minRetentionDays) {
        issues
          .at("maxRetentionDays")
          .add(
            `is ${vault.maxRetentionDays} days, but must be at least minRetentionDays (${vault.minRetentionDays}).`,
          );
      }
      if (vault.region !== undefined && !isAwsRegion(vault.region)) {
        issues
          .at("region")
          .add(
            `is ${JSON.stringify(vault.region)}, but must be an AWS region name such as us-east-1.`,
          );
      }
    },
  },
);

export const scanningSchema = s.object(
  {
    scannerRoleArn: s.string({
      description:
        "The role GuardDuty Malware Protection assumes to scan the recovery points (trusting malware-protection.guardduty.amazonaws.com).",
      pattern: ROLE_ARN.pattern,
      rule: ROLE_ARN.rule,
    }),
    mode: s.optional(
      s.literal(SCAN_MODES, {
        description:
          "INCREMENTAL_SCAN scans what changed since the previous recovery point (cheaper); FULL_SCAN every byte.",
      }),
      ScanMode.Incremental,
    ),
    rules: s.optional(
      s.array(s.string({ description: "A rule name of the tier." }), {
        description: "The rules whose recovery points are scanned. Default: every snapshot rule.",
        minItems: 1,
      }),
    ),
  },
  {
    description:
      "Malware scanning of the tier's EBS, EC2 and S3 recovery points by Amazon GuardDuty.",
  },
);

export const tierSchema = s.object(
  {
    rules: s.array(ruleSchema, { description: "The backup rules of the tier.", minItems: 1 }),
    resourceTypes: s.array(s.literal(BACKUP_RESOURCE_TYPES, { description: "A resource type." }), {
      description: "The resource types the tier protects.",
      minItems: 1,
    }),
    windowsVss: s.optional(
      s.boolean({ description: "Windows VSS backups of the tier's EC2 instances." }),
      false,
    ),
    rpoHours: s.optional(
      s.number({
        description:
          "Recovery point objective: the newest recovery point of a resource is at most this old (audited). Default: the most frequent rule's interval plus its windows.",
        min: 1,
        max: MAX_RECOVERY_POINT_AGE_HOURS,
        unit: "hours",
      }),
    ),
    restoreTesting: s.optional(restoreTestingSchema),
    selection: s.optional(selectionSchema),
    airGappedVault: s.optional(airGappedVaultSchema),
    scanning: s.optional(scanningSchema),
    objectives: s.optional(objectivesSchema),
    datasets: s.optional(datasetsSchema, []),
  },
  { description: "A backup tier: resources tagged with its name are backed up by its rules." },
);

export type TierSection = s.Infer<typeof tierSchema>;

export const auditSchema = s.object(
  {
    frameworkName: s.string({
      description:
        "Name of the account framework; each tier's framework is named <frameworkName>_<tier>.",
      pattern: FRAMEWORK_NAME.pattern,
      rule: FRAMEWORK_NAME.rule,
    }),
    reportBucketName: s.string({
      description: "Name of the S3 bucket that receives the reports (created by the stack).",
      pattern: S3_BUCKET_NAME.pattern,
      rule: S3_BUCKET_NAME.rule,
    }),
    reports: s.optional(
      s.array(s.literal(REPORT_TEMPLATES, { description: "A report template." }), {
        description: "The report plans to create, one per template.",
      }),
      [...REPORT_TEMPLATES],
    ),
    formats: s.optional(
      s.array(s.literal(REPORT_FORMATS, { description: "A report format." }), {
        description: "Formats of every report.",
        minItems: 1,
      }),
      [...REPORT_FORMATS],
    ),
    configRecorder: s.optional(
      s.object(
        {
          deliveryBucketName: s.string({
            description: "An existing bucket that accepts AWS Config deliveries.",
            pattern: S3_BUCKET_NAME.pattern,
            rule: S3_BUCKET_NAME.rule,
          }),
          deliveryKeyPrefix: s.optional(
            s.string({ description: "Key prefix of the deliveries.", maxLength: 1024 }),
          ),
          recordingFrequency: s.optional(
            s.literal(Object.values(RecordingFrequency), {
              description:
                "CONTINUOUS ($0.003 per configuration item in us-east-1) or DAILY ($0.012 per item, once a day).",
            }),
            RecordingFrequency.Continuous,
          ),
        },
        {
          description:
            "Creates the AWS Config recorder the audit's controls need, recording only backup plans, selections, vaults, recovery points and rule compliance. Off by default: most organizations record these already (one recorder per account and region).",
        },
      ),
    ),
  },
  { description: "AWS Backup Audit Manager frameworks and report plans." },
);

const backupFields = {
  vault: vaultSchema,
  tiers: s.record(tierSchema, {
    description: "The backup tiers, by name (the value of the tier tag).",
    keyPattern: TIER_NAME.pattern,
    keyRule: TIER_NAME.rule,
    minEntries: 1,
  }),
  audit: s.optional(auditSchema),
  regionSettings: s.optional(
    s.boolean({
      description:
        "Manage AWS Backup's region settings: opt in every type the tiers protect, and put DynamoDB and EFS under full AWS Backup management where a tier of that type uses cold storage or cross-account copies.",
    }),
    false,
  ),
};

export type BackupSection = s.ObjectOf<typeof backupFields>;

export const backupSchema = s.object(backupFields, {
  description: "The AWS Backup core: vault, tiers and audit.",
  check: (section, issues) => checkBackupSection(section, issues),
});

/** Cross-field rules of the section: tiers against the vault lock, and the audit's limits. */
export function checkBackupSection(section: BackupSection, issues: Issues): void {
  const lock = section.vault.lock;
  for (const [name, tier] of Object.entries(section.tiers)) {
    const at = issues.at("tiers").at(name);
    if (name === EXEMPT_TIER_VALUE) {
      at.add(
        `is reserved: the tier value "${EXEMPT_TIER_VALUE}" marks resources deliberately not backed up.`,
      );
      continue;
    }
    validateTierPlan(tier, at, { targetLock: lock });
    if (tier.restoreTesting !== undefined) {
      validateRestoreTesting(tier.restoreTesting, at.at("restoreTesting"), {
        resourceTypes: tier.resourceTypes,
        hasContinuousRule: tier.rules.some((rule) => rule.continuous),
        resourceTypesIssues: at.at("resourceTypes"),
      });
    }
    checkTierProtections(tier, at);
  }
  const audit = section.audit;
  if (audit === undefined) return;
  const roles = section.vault.breakGlassRoleArns;
  if (roles.length > MAX_EXEMPT_PRINCIPALS) {
    issues
      .at("vault")
      .at("breakGlassRoleArns")
      .add(
        `has ${roles.length} roles, but the audit's manual-deletion control exempts at most ${MAX_EXEMPT_PRINCIPALS}.`,
      );
  }
  const longestTier = Math.max(...Object.keys(section.tiers).map((name) => name.length));
  if (audit.frameworkName.length + 1 + longestTier > 256) {
    issues
      .at("audit")
      .at("frameworkName")
      .add(
        `is ${audit.frameworkName.length} characters, but with "_" and the longest tier name (${longestTier}) the tier frameworks' names would exceed 256 characters.`,
      );
  }
  if (!REPORT_PLAN_NAME.pattern.test(`${audit.frameworkName}_resource_compliance_report`)) {
    issues
      .at("audit")
      .at("frameworkName")
      .add(
        "is too long to derive report plan names (<frameworkName>_<template>) of at most 256 characters.",
      );
  }
}

/** A tier's air-gapped copies, scanning and restore test vaults, against its own settings. */
function checkTierProtections(tier: TierSection, at: Issues): void {
  const vault = tier.airGappedVault;
  if (vault === undefined) {
    tier.rules.forEach((rule, index) => {
      if (rule.airGappedCopy === undefined) return;
      at.at("rules")
        .at(index)
        .at("airGappedCopy")
        .add("is set, but the tier has no airGappedVault; add one or remove the copy.");
    });
  } else {
    validateAirGappedCopies(tier.rules, { ...vault, crossRegion: false }, tier.resourceTypes, at);
    if (!tier.rules.some((rule) => rule.airGappedCopy !== undefined)) {
      at.at("airGappedVault").add(
        "is set, but no rule of the tier has airGappedCopy, so the vault would stay empty.",
      );
    }
  }
  if (tier.scanning !== undefined) validateScanning(tier.scanning, tier, at.at("scanning"));
  const vaults = tier.restoreTesting?.vaults ?? [];
  vaults.forEach((kind, index) => {
    if (kind === RestoreTestVault.AirGapped && vault === undefined) {
      at.at("restoreTesting")
        .at("vaults")
        .at(index)
        .add('is "airGapped", but the tier has no airGappedVault to test.');
    }
  });
  checkUnique(at.at("restoreTesting").at("vaults"), vaults, "vault");
}

/** The stack's view the protections check needs. */
interface ProtectionsCheckConfig {
  readonly region: string;
  readonly backup: BackupSection;
  readonly dr?: { readonly region: string };
}

/**
 * Stack check: restore tests in the DR vault need the DR section, and an air-gapped vault in
 * another region cannot take the types AWS does not copy across regions into one.
 */
export function checkBackupProtections(config: ProtectionsCheckConfig, issues: Issues): void {
  for (const [name, tier] of Object.entries(config.backup.tiers)) {
    const at = issues.at("backup").at("tiers").at(name);
    const vaults = tier.restoreTesting?.vaults ?? [];
    vaults.forEach((kind, index) => {
      if (vaults.indexOf(kind) !== index) return;
      if (kind === RestoreTestVault.Dr && config.dr === undefined) {
        at.at("restoreTesting")
          .at("vaults")
          .at(index)
          .add(
            'is "dr", but the stack has no hybrid-backup:dr section, so there is no DR vault to test.',
          );
      }
      if (kind === RestoreTestVault.Dr && !tier.rules.some((rule) => rule.copy !== undefined)) {
        at.at("restoreTesting")
          .at("vaults")
          .at(index)
          .add('is "dr", but no rule of the tier copies to the DR vault.');
      }
    });
    const vault = tier.airGappedVault;
    if (vault?.region !== undefined && vault.region !== config.region) {
      validateAirGappedCopies([], { ...vault, crossRegion: true }, tier.resourceTypes, at);
    }
  }
}

/** Default tier rules' retention cap, for the reference. */
export const RETENTION_LIMIT_DAYS = MAX_RETENTION_DAYS;

/** Where copies go, as far as the audit's cross-region and cross-account controls care. */
export interface CopyPlacement {
  /** The stack's region (aws:region). */
  readonly region: string;
  readonly workloadAccountId: string;
  /** The DR vault's region and account, when the stack has one. */
  readonly dr?: { readonly region: string; readonly accountId: string };
}

/**
 * The floors each tier's audit framework checks, derived from the tier's rules: the most frequent
 * rule's interval and retention, the shortest retention, the RPO (the RPO objective rounded up to
 * hours, or `rpoHours`, or the worst-case age of the newest recovery point; capped at what the
 * control accepts), the vault lock, and the copies.
 */
export function auditTiers(section: BackupSection, placement: CopyPlacement): TierAuditConfig[] {
  const dr = placement.dr;
  return Object.entries(section.tiers).map(([tier, settings]) => {
    const floors = tierFloors(settings.rules);
    const copies = dr !== undefined && settings.rules.some((rule) => rule.copy !== undefined);
    return {
      tier,
      minimumRetentionDays: floors.minRetentionDays,
      planFrequencyHours: floors.intervalHours,
      planRetentionDays: floors.frequentRuleRetentionDays,
      lastRecoveryPointMaxAgeHours:
        settings.objectives !== undefined
          ? Math.min(objectiveRpoHours(settings.objectives), MAX_RECOVERY_POINT_AGE_HOURS)
          : (settings.rpoHours ?? Math.min(floors.worstCaseAgeHours, MAX_RECOVERY_POINT_AGE_HOURS)),
      vaultLock: section.vault.lock,
      crossRegions: copies && dr.region !== placement.region ? [dr.region] : [],
      crossAccounts: copies && dr.accountId !== placement.workloadAccountId ? [dr.accountId] : [],
      ...(settings.objectives === undefined
        ? {}
        : { restoreTimeTargetMinutes: settings.objectives.rtoMinutes }),
    };
  });
}

/** The stack's view the audit check needs (kept structural to avoid importing the registry). */
interface AuditCheckConfig {
  readonly region: string;
  readonly accounts: { readonly workload: string };
  readonly tagging: { readonly tierKey: string };
  readonly backup: BackupSection;
  readonly dr?: { readonly region: string; readonly accountId?: string };
}

/**
 * Stack check: the audit's frameworks, with the controls the DR copies add, stay within AWS Backup
 * Audit Manager's 50 controls per account and region.
 */
export function checkBackupAudit(config: AuditCheckConfig, issues: Issues): void {
  if (config.backup.audit === undefined) return;
  const tiers = auditTiers(config.backup, copyPlacement(config));
  const controls = countControls(tiers, config.tagging.tierKey);
  if (controls > MAX_CONTROLS_PER_REGION) {
    issues
      .at("backup")
      .at("audit")
      .add(
        `needs ${controls} controls for ${tiers.length} tiers (with the DR copies' cross-region and cross-account controls), but AWS Backup Audit Manager allows ${MAX_CONTROLS_PER_REGION} per account and region.`,
      );
  }
}

export function copyPlacement(config: AuditCheckConfig): CopyPlacement {
  const dr = config.dr;
  return {
    region: config.region,
    workloadAccountId: config.accounts.workload,
    dr:
      dr === undefined
        ? undefined
        : { region: dr.region, accountId: dr.accountId ?? config.accounts.workload },
  };
}
