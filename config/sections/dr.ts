/**
 * The `hybrid-backup:dr` section: the disaster recovery vault in another region and/or account
 * (reached by assuming `roleArn`), who may copy into it, and, from the AWS Organizations
 * management account, the organization's cross-account backup setting and backup policy. Its
 * stack check judges the backup tiers' copies against the DR vault with the same validators the
 * components use, so a copy AWS would refuse at run time is refused here with its YAML path.
 */
import {
  AWS_REGIONS,
  ORGANIZATION_ID,
  ROLE_ARN,
  VAULT_NAME,
  type NameRule,
  type TierRuleConfig,
  copySources,
  validateAllowCopyFrom,
  validateDrDestination,
  validateRuleCopy,
  DEFAULT_MEMBER_ROLE_NAME,
  MEMBER_ROLE_NAME,
  ORGANIZATION_POLICY_NAME,
  POLICY_TARGET_ID,
  type OrganizationBackupPlan,
  checkBackupPolicySize,
  checkUtcSchedules,
  organizationPlansFromTiers,
  type Issues,
  checkUnique,
  show,
} from "../../core";
import * as s from "../schema";
import { type BackupSection, vaultLockSchema, vaultNotificationsSchema } from "./backup";
import { accountIdSchema } from "./core";

const named = (description: string, rule: NameRule) =>
  s.string({ description, pattern: rule.pattern, rule: rule.rule });

const REGION = new RegExp(`^(${AWS_REGIONS.join("|")})$`);

const drVaultSchema = s.object(
  {
    name: named("Name of the DR vault.", VAULT_NAME),
    lock: vaultLockSchema,
    breakGlassRoleArns: s.optional(
      s.array(named("An IAM role ARN of the DR account.", ROLE_ARN), {
        description:
          "Roles of the DR account still allowed to delete recovery points, change their lifecycle or change the vault access policy. Required in another account (and never roleArn); default in the workload account: hybrid-backup:backup.vault.breakGlassRoleArns.",
        minItems: 1,
      }),
    ),
    notifications: s.optional(vaultNotificationsSchema),
  },
  { description: "The DR vault: its name, its lock and who may still delete from it." },
);

const allowCopyFromSchema = s.object(
  {
    organizationId: s.optional(
      named(
        "Every account of this organization may copy in (aws:PrincipalOrgID); with accounts, only those accounts while in the organization.",
        ORGANIZATION_ID,
      ),
    ),
    accounts: s.optional(
      s.array(accountIdSchema("An account that may copy into the DR vault."), {
        description:
          "Accounts that may copy into the DR vault. Default: the workload account when the DR vault is in another account, none with organizationId alone.",
      }),
    ),
  },
  { description: "Who may copy recovery points into the DR vault." },
);

const backupPolicySchema = s.object(
  {
    name: named("Name of the backup policy in AWS Organizations.", ORGANIZATION_POLICY_NAME),
    targetIds: s.array(named("A root, OU or account id.", POLICY_TARGET_ID), {
      description:
        "Where the policy is attached: the root (r-xxxx), OUs (ou-xxxx-yyyyyyyy) or accounts (12 digits).",
      minItems: 1,
    }),
    iamRoleName: s.optional(
      named(
        "The role (with its path) AWS Backup assumes in each member account; it must exist there.",
        MEMBER_ROLE_NAME,
      ),
      DEFAULT_MEMBER_ROLE_NAME,
    ),
    vaultName: s.optional(
      named(
        "The vault, in each member account and the workload region, that receives the backups. Default: hybrid-backup:backup.vault.name.",
        VAULT_NAME,
      ),
    ),
  },
  {
    description:
      "An AWS Organizations backup policy with one plan per backup tier (plan org-<tier>), copies to the DR vault included.",
  },
);

const organizationSchema = s.object(
  {
    crossAccountBackup: s.boolean({
      description:
        "Turns on AWS Backup cross-account backup for the organization (needed for copies to another account); false leaves the setting as it is.",
    }),
    backupPolicy: s.optional(backupPolicySchema),
  },
  {
    description:
      "Organization-wide AWS Backup settings; only where accounts.managementAccount is true.",
  },
);

const drFields = {
  region: s.string({
    description:
      "Region of the DR vault; must differ from aws:region unless accountId is another account.",
    pattern: REGION,
    rule: "an AWS region name such as us-west-2",
  }),
  accountId: s.optional(
    accountIdSchema("Account of the DR vault. Default: the workload account (cross-region only)."),
  ),
  roleArn: s.optional(
    named(
      "Role in the DR account the stack assumes to deploy the DR vault; required when accountId is another account.",
      ROLE_ARN,
    ),
  ),
  vault: drVaultSchema,
  allowCopyFrom: s.optional(allowCopyFromSchema),
  organization: s.optional(organizationSchema),
};

export type DrSection = s.ObjectOf<typeof drFields>;

export const drSchema = s.object(drFields, {
  description:
    "Disaster recovery: the vault that receives the tiers' copies in another region and/or account.",
});

/** The parts of the stack config the DR check and the topology read. */
export interface DrStackView {
  readonly region: string;
  readonly accounts: {
    readonly workload: string;
    readonly managementAccount: boolean;
    readonly organizationId?: string;
  };
  readonly tagging: { readonly tierKey: string };
  readonly backup: BackupSection;
  readonly dr?: DrSection;
}

/** The DR settings with their defaults resolved. */
export interface ResolvedDr {
  readonly accountId: string;
  readonly crossAccount: boolean;
  readonly breakGlassRoleArns: readonly string[];
  /** The backup policy's plans, or undefined without a backup policy. */
  readonly organizationPlans?: OrganizationBackupPlan[];
}

/** Resolves the defaults of the DR section: account, break-glass roles and the policy's plans. */
export function resolveDr(config: DrStackView, dr: DrSection): ResolvedDr {
  const accountId = dr.accountId ?? config.accounts.workload;
  const crossAccount = accountId !== config.accounts.workload;
  // In another account the roles must be named: the workload's roles cannot act there.
  const breakGlassRoleArns =
    dr.vault.breakGlassRoleArns ?? (crossAccount ? [] : config.backup.vault.breakGlassRoleArns);
  const policy = dr.organization?.backupPolicy;
  const organizationPlans =
    policy === undefined
      ? undefined
      : organizationPlansFromTiers(config.backup.tiers, {
          tierTagKey: config.tagging.tierKey,
          region: config.region,
          targetVaultName: policy.vaultName ?? config.backup.vault.name,
          iamRoleName: policy.iamRoleName,
          drVault: {
            name: dr.vault.name,
            region: dr.region,
            accountId: crossAccount ? accountId : undefined,
          },
        });
  return { accountId, crossAccount, breakGlassRoleArns, organizationPlans };
}

/**
 * The stack check of disaster recovery: the DR destination against the workload, who may copy in,
 * every tier rule's copy against the DR vault (or its absence), and the organization settings.
 */
export function checkDisasterRecovery(config: DrStackView, issues: Issues): void {
  const dr = config.dr;
  const tiers = issues.at("backup").at("tiers");
  const eachRule = (check: (rule: TierRuleConfig, at: Issues) => void): void => {
    for (const [tier, settings] of Object.entries(config.backup.tiers)) {
      settings.rules.forEach((rule, index) => check(rule, tiers.at(tier).at("rules").at(index)));
    }
  };
  if (dr === undefined) {
    eachRule((rule, at) => validateRuleCopy(rule, at, { hasDestination: false }));
    return;
  }
  const at = issues.at("dr");
  const source = { accountId: config.accounts.workload, region: config.region };
  const resolved = resolveDr(config, dr);
  const { accountId, crossAccount } = resolved;
  validateDrDestination({ region: dr.region, accountId, roleArn: dr.roleArn }, at, { source });

  checkUnique(
    at.at("vault").at("breakGlassRoleArns"),
    dr.vault.breakGlassRoleArns ?? [],
    "role ARN",
  );

  const allow = dr.allowCopyFrom;
  if (allow !== undefined) {
    validateAllowCopyFrom(allow, at.at("allowCopyFrom"), {
      source,
      destinationAccountId: accountId,
    });
    const organizationId = config.accounts.organizationId;
    if (
      allow.organizationId !== undefined &&
      organizationId !== undefined &&
      allow.organizationId !== organizationId
    ) {
      at.at("allowCopyFrom")
        .at("organizationId")
        .add(
          `is ${show(allow.organizationId)}, but accounts.organizationId is ${show(organizationId)}: AWS Backup copies across accounts only within one organization.`,
        );
    }
  }

  eachRule((rule, ruleAt) =>
    validateRuleCopy(rule, ruleAt, { hasDestination: true, destinationLock: dr.vault.lock }),
  );

  const organization = dr.organization;
  if (organization === undefined) return;
  const orgAt = at.at("organization");
  if (!config.accounts.managementAccount) {
    orgAt.add(
      "is set, but accounts.managementAccount is false: only the AWS Organizations management account can change AWS Backup's global settings or create backup policies. Set it in the management account's stack, or remove it.",
    );
    return;
  }
  if (crossAccount && !organization.crossAccountBackup) {
    orgAt
      .at("crossAccountBackup")
      .add(
        `is false, but the DR vault is in another account (${accountId}), and AWS Backup refuses copies to another account until the management account turns cross-account backup on: set it to true.`,
      );
  }
  const plans = resolved.organizationPlans;
  if (plans === undefined) return;
  const policyAt = orgAt.at("backupPolicy");
  for (const [tier, settings] of Object.entries(config.backup.tiers)) {
    checkUtcSchedules(tiers.at(tier).at("rules"), settings.rules);
  }
  checkBackupPolicySize(policyAt, plans);
  const copies = Object.values(config.backup.tiers).some((tier) =>
    tier.rules.some((rule) => rule.copy !== undefined),
  );
  const sources = copySources(allow, source, accountId);
  if (crossAccount && copies && sources.accountIds.length > 0) {
    at.at("allowCopyFrom").add(
      `admits only the accounts ${sources.accountIds.join(", ")}, but organization.backupPolicy makes every account it is attached to copy into the DR vault in ${accountId}: set allowCopyFrom.organizationId, without accounts, so that the vault admits the organization.`,
    );
  }
}
