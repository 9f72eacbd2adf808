/**
 * The AWS Backup plan of one tier: its rules (schedules, windows, lifecycles, continuous backup,
 * copies to the DR vault), the role AWS Backup assumes, and the selection that protects every
 * resource tagged with the tier, so that tagging a resource is all it takes to back it up.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  EXEMPT_TIER,
  PLAN_NAME,
  TIER_NAME,
  checkName,
  planRoleName,
  type BackupResourceType,
  DEFAULT_COMPLETION_WINDOW_MINUTES,
  DEFAULT_TIMEZONE,
  MIN_START_WINDOW_MINUTES,
  type TierPlanConfig,
  type TierRuleConfig,
  resourceArnPatterns,
  validateTierPlan,
  MALWARE_SCANNER,
  type ScanningConfig,
  ScanMode,
  scannableTypes,
  scannedRules,
  selectionConditionsInput,
  validateAirGappedCopies,
  validateScanning,
  validateSelectionArns,
  validateTagConditions,
  awsManagedPolicyArn,
  backupServiceTrustPolicy,
  Issues,
  ValidationError,
  show,
  type RetentionRange,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { placementOf } from "./lib/placement";

export const BACKUP_PLAN_TYPE = "hybrid-backup:index:BackupPlan";

/**
 * The AWS managed policies every backup role gets, and those for S3 (which have no
 * `service-role/` path), by the suffix of their attachment's name.
 */
export const BACKUP_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  "backup-policy": "service-role/AWSBackupServiceRolePolicyForBackup",
  "restores-policy": "service-role/AWSBackupServiceRolePolicyForRestores",
};
export const S3_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  "s3-backup-policy": "AWSBackupServiceRolePolicyForS3Backup",
  "s3-restore-policy": "AWSBackupServiceRolePolicyForS3Restore",
};

/** AWS Backup: a selection lists at most 500 ARNs, or 30 with wildcards. */
export const MAX_SELECTION_RESOURCES = 500;
export const MAX_SELECTION_WILDCARD_RESOURCES = 30;

/** Selection names append `-tier` or `-tags` to the plan name, within AWS's 50 characters. */
const SELECTION_SUFFIX_LENGTH = 5;

/** A tag condition of a selection: resources whose tag `key` has the value `value`. */
export interface SelectionTag {
  /** The tag key. */
  readonly key: string;
  /** The tag value. */
  readonly value: string;
}

/** The retention bounds and placement of a tier's air-gapped vault, as its copies need them. */
export interface AirGappedVaultBounds {
  /** Shortest retention the vault accepts, days. */
  readonly minRetentionDays: number;
  /** Longest retention the vault accepts, days. */
  readonly maxRetentionDays: number;
  /** Whether the vault is in another region than the plan. @default false */
  readonly crossRegion?: boolean;
}

export interface BackupPlanArgs extends TierPlanConfig {
  /** The tier: the value of the tier tag that selects resources. */
  readonly tier: string;
  /** The tag key whose value names the tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /**
   * Name of the plan (1-45 characters of `[a-zA-Z0-9\-_.]`); its selections and its role
   * (`<planName>-backup`) are named after it. @default the component's name
   */
  readonly planName?: string;
  /** Name of the vault every rule writes to. */
  readonly targetVaultName: pulumi.Input<string>;
  /** The lock of the target vault: every rule's retention must fall inside it. @default undefined */
  readonly targetVaultLock?: RetentionRange;
  /** ARN of the vault that receives the copies of rules with `copy`. @default undefined */
  readonly copyDestinationVaultArn?: pulumi.Input<string>;
  /** The lock of the copy destination: every copy's retention must fall inside it. @default undefined */
  readonly copyDestinationLock?: RetentionRange;
  /**
   * More tag conditions, AND-ed with the tier tag (for example `environment: prod`). @default {}
   */
  readonly selectionConditions?: Readonly<Record<string, string>>;
  /**
   * ARNs or ARN patterns selected (then narrowed by the tag conditions). @default every resource of
   * the tier's types
   */
  readonly resources?: string[];
  /** Tag conditions with `*` wildcards (StringLike), AND-ed with the tier tag. @default {} */
  readonly selectionLike?: Readonly<Record<string, string>>;
  /** Tags whose value must differ (StringNotEquals), AND-ed with the tier tag. @default {} */
  readonly selectionNotEquals?: Readonly<Record<string, string>>;
  /** Tags whose value must not match a `*` pattern (StringNotLike). @default {} */
  readonly selectionNotLike?: Readonly<Record<string, string>>;
  /** ARNs or ARN patterns excluded from the tier selection (`NotResources`). @default [] */
  readonly notResources?: string[];
  /**
   * Tags that select resources on their own (OR-ed), in a second selection: for resources that
   * cannot carry the tier tag. @default []
   */
  readonly selectionTags?: SelectionTag[];
  /**
   * ARN of the tier's logically air-gapped vault, which receives the copies of rules with
   * `airGappedCopy`. @default undefined
   */
  readonly airGappedVaultArn?: pulumi.Input<string>;
  /**
   * The retention bounds of the air-gapped vault (every air-gapped copy must fall inside them) and
   * whether it is in another region than the plan. @default undefined
   */
  readonly airGappedVault?: AirGappedVaultBounds;
  /**
   * Malware scanning of the tier's recovery points by Amazon GuardDuty: the scanner role, the scan
   * mode and the rules scanned. @default undefined (no scanning)
   */
  readonly scanning?: ScanningConfig;
  /** Region of every child (v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of the plan, the role and every recovery point (with the tier tag). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/** Records every problem of the arguments of a {@link BackupPlan}. */
export function validateBackupPlanArgs(args: BackupPlanArgs, issues: Issues): void {
  if (checkName(issues.at("tier"), args.tier, TIER_NAME) && args.tier === EXEMPT_TIER) {
    issues
      .at("tier")
      .add(`is "${EXEMPT_TIER}", which is reserved for resources deliberately not backed up.`);
  }
  if (args.planName !== undefined) {
    const planName = issues.at("planName");
    if (checkName(planName, args.planName, PLAN_NAME)) {
      const max = 50 - SELECTION_SUFFIX_LENGTH;
      if (args.planName.length > max) {
        planName.add(
          `is ${args.planName.length} characters, but must be at most ${max} so that its selections' names stay within 50.`,
        );
      }
    }
  }
  validateTierPlan(args, issues, {
    targetLock: args.targetVaultLock,
    copyLock: args.copyDestinationLock,
    hasCopyDestination: args.copyDestinationVaultArn !== undefined,
  });
  for (const key of Object.keys(args.selectionConditions ?? {})) {
    if (!TAG_KEY.test(key)) {
      issues
        .at("selectionConditions")
        .at(key)
        .add(
          "is not a tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:.",
        );
    }
  }
  const resources = args.resources ?? [];
  const wildcards = resources.filter((arn) => arn.includes("*")).length;
  if (resources.length > MAX_SELECTION_RESOURCES) {
    issues
      .at("resources")
      .add(
        `has ${resources.length} ARNs, but a selection takes at most ${MAX_SELECTION_RESOURCES}.`,
      );
  } else if (wildcards > 0 && resources.length > MAX_SELECTION_WILDCARD_RESOURCES) {
    issues
      .at("resources")
      .add(
        `has ${resources.length} ARNs with wildcards among them, but a selection with wildcards takes at most ${MAX_SELECTION_WILDCARD_RESOURCES}.`,
      );
  }
  validateSelectionArns(resources, issues.at("resources"));
  const notResources = args.notResources ?? [];
  if (notResources.length > MAX_SELECTION_RESOURCES) {
    issues
      .at("notResources")
      .add(
        `has ${notResources.length} ARNs, but a selection excludes at most ${MAX_SELECTION_RESOURCES}.`,
      );
  }
  validateSelectionArns(notResources, issues.at("notResources"));
  validateTagConditions(args.selectionLike ?? {}, true, issues.at("selectionLike"));
  validateTagConditions(args.selectionNotEquals ?? {}, false, issues.at("selectionNotEquals"));
  validateTagConditions(args.selectionNotLike ?? {}, true, issues.at("selectionNotLike"));
  const airGappedCopies = args.rules.filter((rule) => rule.airGappedCopy !== undefined);
  if (airGappedCopies.length > 0 && args.airGappedVaultArn === undefined) {
    issues
      .at("airGappedVaultArn")
      .add(
        `is missing, but ${airGappedCopies.length === 1 ? "rule" : "rules"} ${airGappedCopies.map((rule) => rule.name).join(", ")} ${airGappedCopies.length === 1 ? "copies" : "copy"} to an air-gapped vault; give the vault or remove airGappedCopy.`,
      );
  }
  if (args.airGappedVault !== undefined) {
    validateAirGappedCopies(
      args.rules,
      { ...args.airGappedVault, crossRegion: args.airGappedVault.crossRegion ?? false },
      args.resourceTypes,
      issues,
    );
  }
  if (args.scanning !== undefined) {
    validateScanning(args.scanning, args, issues.at("scanning"));
  }
  (args.selectionTags ?? []).forEach((tag, index) => {
    if (!TAG_KEY.test(tag.key)) {
      issues
        .at("selectionTags")
        .at(index)
        .at("key")
        .add(
          `is ${show(tag.key)}, but must be a tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:.`,
        );
    }
  });
}

function lifecycleInput(lifecycle: { deleteAfter: number; coldStorageAfter?: number }) {
  const cold = lifecycle.coldStorageAfter ?? 0;
  return cold > 0
    ? { coldStorageAfter: cold, deleteAfter: lifecycle.deleteAfter }
    : { deleteAfter: lifecycle.deleteAfter };
}

/** Where a rule's copies and scans go, beyond its own settings. */
export interface RuleTargets {
  /** The DR vault of `copy`. */
  readonly copyDestinationVaultArn?: pulumi.Input<string>;
  /** The air-gapped vault of `airGappedCopy`. */
  readonly airGappedVaultArn?: pulumi.Input<string>;
  /** The scan mode when the rule's recovery points are scanned. */
  readonly scanMode?: ScanMode;
}

/** The plan rule AWS Backup receives for a tier rule. */
export function planRule(
  rule: TierRuleConfig,
  targetVaultName: pulumi.Input<string>,
  recoveryPointTags: Record<string, string>,
  targets: RuleTargets = {},
): aws.types.input.backup.PlanRule {
  const copyDestinationVaultArn = targets.copyDestinationVaultArn;
  const copyActions: aws.types.input.backup.PlanRuleCopyAction[] = [];
  if (rule.copy !== undefined && copyDestinationVaultArn !== undefined) {
    copyActions.push({
      destinationVaultArn: copyDestinationVaultArn,
      lifecycle: lifecycleInput(rule.copy),
    });
  }
  if (rule.airGappedCopy !== undefined && targets.airGappedVaultArn !== undefined) {
    copyActions.push({
      destinationVaultArn: targets.airGappedVaultArn,
      lifecycle: { deleteAfter: rule.airGappedCopy.deleteAfter },
    });
  }
  return {
    ruleName: rule.name,
    targetVaultName,
    schedule: rule.schedule,
    scheduleExpressionTimezone: rule.timezone ?? DEFAULT_TIMEZONE,
    startWindow: rule.startWindow ?? MIN_START_WINDOW_MINUTES,
    completionWindow: rule.completionWindow ?? DEFAULT_COMPLETION_WINDOW_MINUTES,
    enableContinuousBackup: rule.continuous ?? false,
    lifecycle: lifecycleInput(rule.lifecycle),
    recoveryPointTags: { ...recoveryPointTags, "backup-rule": rule.name },
    copyActions: copyActions.length === 0 ? undefined : copyActions,
    scanActions:
      targets.scanMode === undefined
        ? undefined
        : [{ malwareScanner: MALWARE_SCANNER, scanMode: targets.scanMode }],
  };
}

/**
 * The AWS Backup plan of one tier: its rules, the role AWS Backup assumes, and the selection of
 * every resource tagged with the tier.
 */
export class BackupPlan extends pulumi.ComponentResource {
  /** Id of the backup plan. */
  readonly planId: pulumi.Output<string>;
  /** ARN of the backup plan. */
  readonly planArn: pulumi.Output<string>;
  /** The role AWS Backup assumes for this tier (also fit for restores and restore tests). */
  readonly roleArn: pulumi.Output<string>;
  /** Id of the selection of the resources tagged with the tier. */
  readonly selectionId: pulumi.Output<string>;

  constructor(name: string, args: BackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_PLAN_TYPE, name, {}, opts);
    const issues = new Issues();
    validateBackupPlanArgs({ ...args, planName: args.planName ?? name }, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`BackupPlan ${name}`, issues.all).message,
        this,
      );
    }

    const region = args.region;
    const tierTagKey = args.tierTagKey ?? DEFAULT_TIER_TAG_KEY;
    const planName = args.planName ?? name;
    const tierTags = { ...(args.tags ?? {}), [tierTagKey]: args.tier };
    const placement = placementOf(this, region);
    const partition = placement.apply((where) => where.partition);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: planRoleName(planName),
        description: `Assumed by AWS Backup to back up and restore the ${args.tier} tier.`,
        assumeRolePolicy: placement.apply((where) =>
          JSON.stringify(backupServiceTrustPolicy(where.accountId)),
        ),
        tags: tierTags,
      },
      { parent: this },
    );
    const policies = {
      ...BACKUP_MANAGED_POLICIES,
      ...(args.resourceTypes.includes("S3") ? S3_MANAGED_POLICIES : {}),
    };
    const attachments = Object.entries(policies).map(
      ([suffix, policy]) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${suffix}`,
          {
            role: role.name,
            policyArn: partition.apply((p) => awsManagedPolicyArn(p, policy)),
          },
          { parent: this },
        ),
    );

    const scanning = args.scanning;
    const scanned = new Set(
      scanning === undefined ? [] : scannedRules(args.rules, scanning).map((rule) => rule.name),
    );
    const scanMode = scanning?.mode ?? ScanMode.Incremental;
    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: planName,
        rules: args.rules.map((rule) =>
          planRule(rule, args.targetVaultName, tierTags, {
            copyDestinationVaultArn: args.copyDestinationVaultArn,
            airGappedVaultArn: args.airGappedVaultArn,
            scanMode: scanned.has(rule.name) ? scanMode : undefined,
          }),
        ),
        scanSettings:
          scanning === undefined
            ? undefined
            : [
                {
                  malwareScanner: MALWARE_SCANNER,
                  resourceTypes: scannableTypes(args.resourceTypes),
                  scannerRoleArn: scanning.scannerRoleArn,
                },
              ],
        advancedBackupSettings:
          args.windowsVss === true
            ? [{ resourceType: "EC2", backupOptions: { WindowsVSS: "enabled" } }]
            : undefined,
        region,
        tags: tierTags,
      },
      { parent: this },
    );

    const conditions = selectionConditionsInput({
      stringEquals: { [tierTagKey]: args.tier, ...(args.selectionConditions ?? {}) },
      stringLike: args.selectionLike,
      stringNotEquals: args.selectionNotEquals,
      stringNotLike: args.selectionNotLike,
    });
    const resources =
      args.resources !== undefined
        ? [...args.resources]
        : partition.apply((p) => [
            ...new Set(
              args.resourceTypes.flatMap((type) =>
                resourceArnPatterns(type as BackupResourceType, p),
              ),
            ),
          ]);
    const selection = new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${planName}-tier`,
        planId: plan.id,
        iamRoleArn: role.arn,
        resources,
        notResources:
          (args.notResources ?? []).length === 0 ? undefined : [...(args.notResources ?? [])],
        conditions: [conditions],
        region,
      },
      { parent: this, dependsOn: attachments },
    );
    const selectionTags = args.selectionTags ?? [];
    if (selectionTags.length > 0) {
      new aws.backup.Selection(
        `${name}-tag-selection`,
        {
          name: `${planName}-tags`,
          planId: plan.id,
          iamRoleArn: role.arn,
          selectionTags: selectionTags.map((tag) => ({
            type: "STRINGEQUALS",
            key: tag.key,
            value: tag.value,
          })),
          region,
        },
        { parent: this, dependsOn: attachments },
      );
    }

    this.planId = plan.id;
    this.planArn = plan.arn;
    this.roleArn = role.arn;
    this.selectionId = selection.id;
    this.registerOutputs({
      planId: this.planId,
      planArn: this.planArn,
      roleArn: this.roleArn,
      selectionId: this.selectionId,
    });
  }
}
