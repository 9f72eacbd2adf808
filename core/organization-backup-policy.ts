/**
 * AWS Organizations backup policies (policy type `BACKUP_POLICY`): the policy document, written
 * with the `@@assign` operator on every value as AWS Organizations "Backup policy syntax and
 * examples" shows it (numbers as strings, lists for regions and tag values, copy actions keyed by
 * their destination vault ARN, `$account` standing for each member account), the limits AWS
 * Organizations sets on it, and the plans derived from the stack's backup tiers.
 */
import { isAwsRegion, partitionOf } from "./aws-regions";
import { PLAN_NAME, VAULT_NAME, checkName, type NameRule } from "./backup-names";
import {
  DEFAULT_COMPLETION_WINDOW_MINUTES,
  MIN_START_WINDOW_MINUTES,
  type LifecycleConfig,
  type TierPlanConfig,
  type TierRuleConfig,
  validateRules,
} from "./backup-rules";
import { type Issues, checkUnique, show } from "./validation";

/** The AWS Organizations policy type of backup policies. */
export const BACKUP_POLICY_TYPE = "BACKUP_POLICY";
/** AWS Organizations quota: a backup policy document holds at most 10,000 characters. */
export const BACKUP_POLICY_MAX_CHARACTERS = 10000;
/** AWS Organizations quota: at most 10 backup policies attached to one root, OU or account. */
export const MAX_BACKUP_POLICIES_PER_TARGET = 10;
/** The placeholder AWS Organizations replaces with each member account's id. */
export const ACCOUNT_PLACEHOLDER = "$account";
/** Backup policies take schedules in UTC only (no time zone key). */
const UTC_ZONES: readonly string[] = ["Etc/UTC", "UTC"];

/** `TargetId` of AttachPolicy: a root, an organizational unit or an account. */
export const POLICY_TARGET_ID: NameRule = {
  pattern: /^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  rule: "a root id (r-xxxx), an organizational unit id (ou-xxxx-yyyyyyyy) or a 12-digit account id",
};

/** `Name` of CreatePolicy: 1-128 characters. */
export const ORGANIZATION_POLICY_NAME: NameRule = {
  pattern: /^[\s\S]{1,128}$/,
  rule: "1-128 characters",
};

/** An IAM role ARN in which the account may be `$account`. */
const MEMBER_ROLE_ARN: NameRule = {
  pattern: /^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|\$account):role\/[\w+=,.@\-/]{1,512}$/,
  rule: "an IAM role ARN whose account is a 12-digit id or $account, such as arn:aws:iam::$account:role/backup",
};

/** A backup vault ARN in which the account may be `$account`. */
const MEMBER_VAULT_ARN: NameRule = {
  pattern:
    /^arn:aws(-cn|-us-gov)?:backup:[a-z0-9-]+:([0-9]{12}|\$account):backup-vault:[a-zA-Z0-9\-_]{2,50}$/,
  rule: "a backup vault ARN whose account is a 12-digit id or $account, such as arn:aws:backup:us-west-2:$account:backup-vault:dr",
};

/** An IAM role name with an optional path, such as `service-role/AWSBackupDefaultServiceRole`. */
export const MEMBER_ROLE_NAME: NameRule = {
  pattern: /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
  rule: "an IAM role name of 1-64 characters, optionally after a path such as service-role/",
};

/** The role AWS Backup creates in an account the first time the console assigns resources. */
export const DEFAULT_MEMBER_ROLE_NAME = "service-role/AWSBackupDefaultServiceRole";

/** The resources a plan of the policy protects: those whose tag `tagKey` has one of `tagValues`. */
export interface OrganizationSelection {
  /** Key of the selection in the policy, and the selection's name in each account. */
  readonly name: string;
  /** The tag key that selects resources. */
  readonly tagKey: string;
  /** The values of `tagKey` that select a resource; at least one. */
  readonly tagValues: string[];
}

/** One backup plan of a backup policy, created in every member account it reaches. */
export interface OrganizationBackupPlan {
  /** The plan's name in each member account (`BackupPlanName`). */
  readonly name: string;
  /** The regions whose resources the plan protects. */
  readonly regions: string[];
  /** The vault, present in each member account and region, that receives the backups. */
  readonly targetVaultName: string;
  /**
   * The vault that receives the copies of rules with `copy`; `$account` for each member's own.
   * @default undefined (rules have no copy)
   */
  readonly copyVaultArn?: string;
  /** The role AWS Backup assumes in each member account (`$account` for the member's id). */
  readonly iamRoleArn: string;
  /** The rules; their schedules are in UTC. */
  readonly rules: TierRuleConfig[];
  /** The resources the plan protects in each member account. */
  readonly selection: OrganizationSelection;
  /** Windows VSS backups of EC2 instances. @default false */
  readonly windowsVss?: boolean;
}

interface Assign<T> {
  readonly "@@assign": T;
}

const assign = <T>(value: T): Assign<T> => ({ "@@assign": value });

function lifecycleDocument(lifecycle: LifecycleConfig): Record<string, Assign<string>> {
  const cold = lifecycle.coldStorageAfter ?? 0;
  return {
    ...(cold > 0 ? { move_to_cold_storage_after_days: assign(String(cold)) } : {}),
    delete_after_days: assign(String(lifecycle.deleteAfter)),
  };
}

function ruleDocument(rule: TierRuleConfig, plan: OrganizationBackupPlan): Record<string, unknown> {
  const copyVaultArn = plan.copyVaultArn;
  return {
    schedule_expression: assign(rule.schedule),
    start_backup_window_minutes: assign(String(rule.startWindow ?? MIN_START_WINDOW_MINUTES)),
    complete_backup_window_minutes: assign(
      String(rule.completionWindow ?? DEFAULT_COMPLETION_WINDOW_MINUTES),
    ),
    ...(rule.continuous === true ? { enable_continuous_backup: assign(true) } : {}),
    target_backup_vault_name: assign(plan.targetVaultName),
    lifecycle: lifecycleDocument(rule.lifecycle),
    ...(rule.copy === undefined || copyVaultArn === undefined
      ? {}
      : {
          copy_actions: {
            [copyVaultArn]: {
              target_backup_vault_arn: assign(copyVaultArn),
              lifecycle: lifecycleDocument(rule.copy),
            },
          },
        }),
  };
}

/** The backup policy document (`Content` of CreatePolicy) of a list of plans. */
export function backupPolicyDocument(plans: readonly OrganizationBackupPlan[]): {
  readonly plans: Record<string, unknown>;
} {
  return {
    plans: Object.fromEntries(
      plans.map((plan) => [
        plan.name,
        {
          regions: assign([...plan.regions]),
          rules: Object.fromEntries(
            plan.rules.map((rule) => [rule.name, ruleDocument(rule, plan)]),
          ),
          selections: {
            tags: {
              [plan.selection.name]: {
                iam_role_arn: assign(plan.iamRoleArn),
                tag_key: assign(plan.selection.tagKey),
                tag_value: assign([...plan.selection.tagValues]),
              },
            },
          },
          ...(plan.windowsVss === true
            ? { advanced_backup_settings: { ec2: { windows_vss: assign("enabled") } } }
            : {}),
        },
      ]),
    ),
  };
}

/** The policy text sent to AWS Organizations: compact JSON, whose length is what the quota counts. */
export function backupPolicyContent(plans: readonly OrganizationBackupPlan[]): string {
  return JSON.stringify(backupPolicyDocument(plans));
}

/** Records an issue when the policy text is longer than AWS Organizations accepts. */
export function checkBackupPolicySize(
  issues: Issues,
  plans: readonly OrganizationBackupPlan[],
): boolean {
  const length = backupPolicyContent(plans).length;
  if (length <= BACKUP_POLICY_MAX_CHARACTERS) return true;
  issues.add(
    `is ${length} characters as a policy document, but AWS Organizations accepts at most ${BACKUP_POLICY_MAX_CHARACTERS} for a backup policy: put fewer tiers or rules in it, or shorten their names.`,
  );
  return false;
}

/** Records an issue for every rule whose schedule is not in UTC, under `issues` (the rule list). */
export function checkUtcSchedules(issues: Issues, rules: readonly TierRuleConfig[]): boolean {
  let ok = true;
  rules.forEach((rule, index) => {
    const timezone = rule.timezone;
    if (timezone === undefined || UTC_ZONES.includes(timezone)) return;
    ok = false;
    issues
      .at(index)
      .at("timezone")
      .add(
        `is ${show(timezone)}, but the rule also goes into an AWS Organizations backup policy, whose schedules are in UTC only: use Etc/UTC and write the schedule in UTC.`,
      );
  });
  return ok;
}

/** Records every problem of a list of policy targets under `issues` (its path). */
export function validatePolicyTargets(targetIds: readonly string[], issues: Issues): void {
  if (targetIds.length === 0) {
    issues.add(
      "is empty, but must name at least one root, organizational unit or account to attach the policy to.",
    );
  }
  targetIds.forEach((id, index) => checkName(issues.at(index), id, POLICY_TARGET_ID));
  checkUnique(issues, targetIds, "target id");
}

/** Records every problem of one plan under `issues` (the path of the plan). */
export function validateOrganizationBackupPlan(plan: OrganizationBackupPlan, issues: Issues): void {
  checkName(issues.at("name"), plan.name, PLAN_NAME);
  const regions = issues.at("regions");
  if (plan.regions.length === 0) {
    regions.add("is empty, but a backup policy's plan must name at least one region.");
  }
  plan.regions.forEach((region, index) => {
    if (!isAwsRegion(region)) {
      regions
        .at(index)
        .add(`is ${show(region)}, but must be an AWS region name such as us-east-1.`);
    }
  });
  checkUnique(regions, plan.regions, "region");
  checkName(issues.at("targetVaultName"), plan.targetVaultName, VAULT_NAME);
  checkName(issues.at("iamRoleArn"), plan.iamRoleArn, MEMBER_ROLE_ARN);
  if (plan.copyVaultArn !== undefined) {
    checkName(issues.at("copyVaultArn"), plan.copyVaultArn, MEMBER_VAULT_ARN);
  }
  validateRules(plan.rules, issues.at("rules"), {
    resourceTypes: [],
    hasCopyDestination: plan.copyVaultArn !== undefined,
  });
  checkUtcSchedules(issues.at("rules"), plan.rules);
  checkName(issues.at("selection").at("name"), plan.selection.name, PLAN_NAME);
  if (plan.selection.tagValues.length === 0) {
    issues
      .at("selection")
      .at("tagValues")
      .add("is empty, but a tag selection needs at least one tag value.");
  }
}

/** Records every problem of a list of plans under `issues` (its path), the policy size included. */
export function validateOrganizationBackupPlans(
  plans: readonly OrganizationBackupPlan[],
  issues: Issues,
): void {
  if (plans.length === 0) issues.add("is empty, but a backup policy needs at least one plan.");
  plans.forEach((plan, index) => validateOrganizationBackupPlan(plan, issues.at(index)));
  checkUnique(
    issues,
    plans.map((plan) => plan.name),
    "plan name",
    "name",
  );
  checkBackupPolicySize(issues, plans);
}

/** What {@link organizationPlansFromTiers} needs besides the tiers. */
export interface TierPlansOptions {
  /** The tag key whose value names the tier. */
  readonly tierTagKey: string;
  /** The region whose resources the plans protect (the workload's). */
  readonly region: string;
  /** The vault, in each member account, that receives the backups. */
  readonly targetVaultName: string;
  /** The role name (with path) AWS Backup assumes in each member account. */
  readonly iamRoleName: string;
  /** The DR vault: in another account, one vault for every member; else each member's own. */
  readonly drVault?: {
    readonly name: string;
    readonly region: string;
    /** Undefined when each member account copies into its own DR vault. */
    readonly accountId?: string;
  };
}

/** The plan name of a tier in the backup policy. */
export function organizationPlanName(tier: string): string {
  return `org-${tier}`;
}

/**
 * One policy plan per backup tier, selecting resources by the tier tag, with the tier's rules and
 * copies to the DR vault, so that member accounts get the same protection as this stack.
 */
export function organizationPlansFromTiers(
  tiers: Readonly<Record<string, TierPlanConfig>>,
  options: TierPlansOptions,
): OrganizationBackupPlan[] {
  const partition = partitionOf(options.region);
  const dr = options.drVault;
  const copyVaultArn =
    dr === undefined
      ? undefined
      : `arn:${partition}:backup:${dr.region}:${dr.accountId ?? ACCOUNT_PLACEHOLDER}:backup-vault:${dr.name}`;
  return Object.entries(tiers).map(([tier, settings]) => ({
    name: organizationPlanName(tier),
    regions: [options.region],
    targetVaultName: options.targetVaultName,
    copyVaultArn,
    iamRoleArn: `arn:${partition}:iam::${ACCOUNT_PLACEHOLDER}:role/${options.iamRoleName}`,
    rules: settings.rules,
    selection: { name: `${tier}-tagged`, tagKey: options.tierTagKey, tagValues: [tier] },
    windowsVss: settings.windowsVss ?? false,
  }));
}
