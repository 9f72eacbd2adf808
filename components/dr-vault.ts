/**
 * The disaster recovery vault: a {@link BackupVault} (its own customer managed key, the vault, a
 * lock, the deny-deletion policy and notifications) in another region and/or account, whose access
 * policy lets only the workload account(s) or the organization copy recovery points in. Another
 * account is reached through a provider passed in the options, or one this component makes from a
 * role ARN; another region of the same account through the `region` input of every child.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupVault, validateBackupVaultArgs } from "./backup-vault";
import {
  ACCOUNT_ID,
  ROLE_ARN,
  checkName,
  isAwsRegion,
  partitionOf,
  type AllowCopyFromConfig,
  checkCopyableSourceKey,
  copySources,
  validateAllowCopyFrom,
  validateDrDestination,
  Issues,
  ValidationError,
  checkPattern,
  show,
  type RetentionRange,
  type VaultLockConfig,
  type VaultNotificationsConfig,
} from "../core";
import { type DataHolderSettings } from "./lib/data-holders";

export const DR_VAULT_TYPE = "hybrid-backup:index:DrVault";

/** The session name of the role the component assumes, when `sessionName` is not given. */
export const DEFAULT_DR_SESSION_NAME = "hybrid-backup-dr";
/** `RoleSessionName` of AssumeRole: 2-64 characters of `[\w+=,.@-]`. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface DrVaultArgs extends DataHolderSettings {
  /** Name of the DR vault (`BackupVaultName`): 2-50 letters, digits, hyphens or underscores. */
  readonly name: string;
  /** Region of the DR vault: the `region` input of every child (and of the provider it makes). */
  readonly region: string;
  /**
   * Account of the DR vault: the account of the provider passed in the options, or of `roleArn`.
   * Required with a provider in the options. @default sourceAccountId (another region only)
   */
  readonly accountId?: string;
  /**
   * A role in `accountId` that the component assumes (through a provider it makes) to deploy the
   * DR vault. Required in another account unless the options pass a provider for it; mutually
   * exclusive with such a provider. @default undefined
   */
  readonly roleArn?: string;
  /** The session name when assuming `roleArn`. @default "hybrid-backup-dr" */
  readonly sessionName?: string;
  /** The workload account, whose recovery points are copied into the vault. */
  readonly sourceAccountId: string;
  /** The workload region. */
  readonly sourceRegion: string;
  /**
   * The key (ARN or alias) that encrypts the source recovery points, when known as a plain value:
   * an AWS managed key (`alias/aws/backup`) is refused for a vault in another account, since AWS
   * Backup cannot copy such recovery points across accounts. @default undefined
   */
  readonly sourceKmsKeyArn?: string;
  /** The vault lock; compliance mode for production. */
  readonly lock: VaultLockConfig;
  /**
   * Roles of the DR account still allowed to delete recovery points, change their lifecycle and
   * change the vault access policy; at least one, and neither `roleArn` nor one of
   * `deployRoleArns`.
   */
  readonly breakGlassRoleArns: string[];
  /**
   * Other roles that deploy the DR vault besides `roleArn` (for example the role of a provider
   * passed in the options): they may manage the vault access policy but delete nothing.
   * @default []
   */
  readonly deployRoleArns?: string[];
  /**
   * Who may copy into the vault: accounts, an organization, or both (those accounts while in the
   * organization). @default the workload account when the vault is in another account
   */
  readonly allowCopyFrom?: AllowCopyFromConfig;
  /** Job notifications of the vault. @default {} (default events, no subscribers) */
  readonly notifications?: VaultNotificationsConfig;
  /** Tags of every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the validation knows beyond the arguments: whether the options pass a provider. */
export interface DrVaultValidationContext {
  /** @default false */
  readonly providerGiven?: boolean;
}

/** The roles that deploy a DR vault: the role the component assumes, then any others named. */
export function drDeployRoles(args: Pick<DrVaultArgs, "roleArn" | "deployRoleArns">): string[] {
  const roles = [...(args.deployRoleArns ?? [])];
  if (args.roleArn !== undefined && !roles.includes(args.roleArn)) roles.unshift(args.roleArn);
  return roles;
}

/** Records every problem of the arguments of a {@link DrVault}. */
export function validateDrVaultArgs(
  args: DrVaultArgs,
  issues: Issues,
  context: DrVaultValidationContext = {},
): void {
  checkName(issues.at("sourceAccountId"), args.sourceAccountId, ACCOUNT_ID);
  if (!isAwsRegion(args.sourceRegion)) {
    issues
      .at("sourceRegion")
      .add(`is ${show(args.sourceRegion)}, but must be an AWS region name such as us-east-1.`);
  }
  const accountId = args.accountId ?? args.sourceAccountId;
  const source = { accountId: args.sourceAccountId, region: args.sourceRegion };
  if (context.providerGiven === true && args.accountId === undefined) {
    issues
      .at("accountId")
      .add(
        "is missing, but the resource options pass a provider: name the account it deploys into, which the vault's ARN and access policy depend on.",
      );
  }
  validateDrDestination({ region: args.region, accountId, roleArn: args.roleArn }, issues, {
    source,
    acceptsProvider: true,
    providerGiven: context.providerGiven,
  });
  if (args.sessionName !== undefined) {
    checkPattern(
      issues.at("sessionName"),
      args.sessionName,
      SESSION_NAME,
      "must be 2-64 letters, digits or +=,.@_-",
    );
  }
  const accountKnown = context.providerGiven !== true || args.accountId !== undefined;
  const accountValid = accountKnown && ACCOUNT_ID.pattern.test(accountId);
  validateBackupVaultArgs(
    {
      name: args.name,
      lock: args.lock,
      breakGlassRoleArns: args.breakGlassRoleArns,
      // roleArn has its own checks above; only a valid one joins the deploy roles here.
      deployRoleArns: drDeployRoles({
        roleArn:
          args.roleArn !== undefined && ROLE_ARN.pattern.test(args.roleArn)
            ? args.roleArn
            : undefined,
        deployRoleArns: args.deployRoleArns,
      }),
      accountId: accountValid ? accountId : undefined,
      notifications: args.notifications,
    },
    issues,
  );
  if (args.allowCopyFrom !== undefined) {
    validateAllowCopyFrom(args.allowCopyFrom, issues.at("allowCopyFrom"), {
      source,
      destinationAccountId: accountId,
    });
  }
  if (args.sourceKmsKeyArn !== undefined) {
    checkCopyableSourceKey(
      issues.at("sourceKmsKeyArn"),
      args.sourceKmsKeyArn,
      accountId,
      accountId !== args.sourceAccountId,
    );
  }
}

/**
 * The disaster recovery vault: a BackupVault in another region and/or account that only the
 * workload account(s) or the organization may copy recovery points into.
 */
export class DrVault extends pulumi.ComponentResource {
  /** The vault's name. */
  readonly vaultName: pulumi.Output<string>;
  /**
   * The vault's ARN, which copy actions name as their destination. Built from the partition,
   * region, account and the vault's name output, so that it is known at preview (and policies can
   * check where copies go) while still depending on the vault.
   */
  readonly vaultArn: pulumi.Output<string>;
  /** ARN of the DR account's customer managed key that encrypts the copies. */
  readonly keyArn: pulumi.Output<string>;
  /** ARN of the SNS topic that receives the vault's job events. */
  readonly topicArn: pulumi.Output<string>;
  /** The account of the vault. */
  readonly accountId: pulumi.Output<string>;
  /** The region of the vault. */
  readonly region: pulumi.Output<string>;
  /** The retention range the lock enforces: every copy's retention must fall inside it. */
  readonly lockRange: pulumi.Output<RetentionRange>;

  constructor(name: string, args: DrVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DR_VAULT_TYPE, name, {}, opts);
    const issues = new Issues();
    validateDrVaultArgs(args, issues, { providerGiven: opts?.provider !== undefined });
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`DrVault ${name}`, issues.all).message,
        this,
      );
    }

    const accountId = args.accountId ?? args.sourceAccountId;
    const source = { accountId: args.sourceAccountId, region: args.sourceRegion };
    const provider =
      args.roleArn === undefined
        ? undefined
        : new aws.Provider(
            `${name}-provider`,
            {
              region: args.region,
              allowedAccountIds: [accountId],
              assumeRoles: [
                {
                  roleArn: args.roleArn,
                  sessionName: args.sessionName ?? DEFAULT_DR_SESSION_NAME,
                },
              ],
            },
            { parent: this },
          );

    const sources = copySources(args.allowCopyFrom, source, accountId);
    const vault = new BackupVault(
      name,
      {
        name: args.name,
        lock: args.lock,
        breakGlassRoleArns: args.breakGlassRoleArns,
        deployRoleArns: drDeployRoles(args),
        accountId,
        copySourceAccountIds: sources.accountIds,
        copySourceOrganizationId: sources.organizationId,
        notifications: args.notifications,
        protect: args.protect,
        retainOnDelete: args.retainOnDelete,
        region: args.region,
        tags: args.tags ?? {},
      },
      { parent: this, provider },
    );

    this.vaultName = vault.vaultName;
    const partition = partitionOf(args.region);
    this.vaultArn = vault.vaultName.apply(
      (vaultName) =>
        `arn:${partition}:backup:${args.region}:${accountId}:backup-vault:${vaultName}`,
    );
    this.keyArn = vault.keyArn;
    this.topicArn = vault.topicArn;
    this.accountId = pulumi.output(accountId);
    this.region = pulumi.output(args.region);
    this.lockRange = pulumi.output({
      minRetentionDays: args.lock.minRetentionDays,
      maxRetentionDays: args.lock.maxRetentionDays,
    });
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      keyArn: this.keyArn,
      topicArn: this.topicArn,
      accountId: this.accountId,
      region: this.region,
      lockRange: this.lockRange,
    });
  }
}
