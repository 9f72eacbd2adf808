/**
 * Organization-wide AWS Backup settings, deployed from the AWS Organizations management account:
 * cross-account backup turned on (without it AWS Backup refuses every copy to another account),
 * and optionally a backup policy (`BACKUP_POLICY`) attached to roots, OUs or accounts, so that
 * member accounts get the same plans, copies included.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  checkName,
  BACKUP_POLICY_TYPE,
  ORGANIZATION_POLICY_NAME,
  type OrganizationBackupPlan,
  backupPolicyContent,
  validateOrganizationBackupPlans,
  validatePolicyTargets,
  Issues,
  ValidationError,
} from "../core";

export const BACKUP_ORGANIZATION_TYPE = "hybrid-backup:index:BackupOrganization";

/** The `globalSettings` key of AWS Backup's UpdateGlobalSettings for cross-account backup. */
export const CROSS_ACCOUNT_BACKUP_SETTING = "isCrossAccountBackupEnabled";

export interface OrganizationBackupPolicyArgs {
  /** Name of the policy in AWS Organizations: 1-128 characters. */
  readonly name: string;
  /** Description of the policy. @default "AWS Backup plans of the organization." */
  readonly description?: string;
  /**
   * Where the policy is attached: roots (`r-xxxx`), organizational units (`ou-xxxx-yyyyyyyy`) or
   * accounts (12 digits); at least one.
   */
  readonly targetIds: string[];
  /** The plans of the policy; the policy text must stay within 10,000 characters. */
  readonly plans: OrganizationBackupPlan[];
}

export interface BackupOrganizationArgs {
  /**
   * Turns on cross-account backup for the organization (`isCrossAccountBackupEnabled`); false
   * leaves the setting as it is.
   */
  readonly crossAccountBackup: boolean;
  /** A backup policy and its attachments. @default undefined */
  readonly backupPolicy?: OrganizationBackupPolicyArgs;
  /** Tags of the policy. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Records every problem of the arguments of a {@link BackupOrganization}. */
export function validateBackupOrganizationArgs(args: BackupOrganizationArgs, issues: Issues): void {
  const policy = args.backupPolicy;
  if (!args.crossAccountBackup && policy === undefined) {
    issues
      .at("crossAccountBackup")
      .add(
        "is false and there is no backupPolicy, so the component would manage nothing: set crossAccountBackup to true, add a backupPolicy, or leave the component out.",
      );
  }
  if (policy === undefined) return;
  const at = issues.at("backupPolicy");
  checkName(at.at("name"), policy.name, ORGANIZATION_POLICY_NAME);
  validatePolicyTargets(policy.targetIds, at.at("targetIds"));
  validateOrganizationBackupPlans(policy.plans, at.at("plans"));
}

/**
 * Organization-wide AWS Backup settings, from the management account: cross-account backup and an
 * optional backup policy attached to roots, OUs or accounts.
 */
export class BackupOrganization extends pulumi.ComponentResource {
  /** Whether this component turned cross-account backup on. */
  readonly crossAccountBackup: pulumi.Output<boolean>;
  /** Id of the backup policy (`p-...`), or undefined without one. */
  readonly policyId: pulumi.Output<string | undefined>;
  /** The policy text, as sent to AWS Organizations, or undefined without a policy. */
  readonly policyContent: pulumi.Output<string | undefined>;

  constructor(name: string, args: BackupOrganizationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_ORGANIZATION_TYPE, name, {}, opts);
    const issues = new Issues();
    validateBackupOrganizationArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`BackupOrganization ${name}`, issues.all).message,
        this,
      );
    }

    if (args.crossAccountBackup) {
      new aws.backup.GlobalSettings(
        `${name}-global-settings`,
        { globalSettings: { [CROSS_ACCOUNT_BACKUP_SETTING]: "true" } },
        { parent: this },
      );
    }

    const policyArgs = args.backupPolicy;
    let policyId: pulumi.Output<string | undefined> = pulumi.output(undefined);
    let content: string | undefined;
    if (policyArgs !== undefined) {
      content = backupPolicyContent(policyArgs.plans);
      const policy = new aws.organizations.Policy(
        `${name}-policy`,
        {
          name: policyArgs.name,
          description: policyArgs.description ?? "AWS Backup plans of the organization.",
          type: BACKUP_POLICY_TYPE,
          content,
          tags: { ...(args.tags ?? {}) },
        },
        { parent: this },
      );
      for (const targetId of policyArgs.targetIds) {
        new aws.organizations.PolicyAttachment(
          `${name}-policy-${targetId}`,
          { policyId: policy.id, targetId },
          { parent: this },
        );
      }
      policyId = policy.id;
    }

    this.crossAccountBackup = pulumi.output(args.crossAccountBackup);
    this.policyId = policyId;
    this.policyContent = pulumi.output(content);
    this.registerOutputs({
      crossAccountBackup: this.crossAccountBackup,
      policyId: this.policyId,
      policyContent: this.policyContent,
    });
  }
}
