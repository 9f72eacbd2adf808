/**
 * An AWS Backup vault that is hard to lose: its own customer managed KMS key, an optional vault
 * lock, an access policy that denies deleting recovery points to all but break-glass roles, and
 * failure notifications on an encrypted SNS topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ACCOUNT_ID,
  ORGANIZATION_ID,
  ROLE_ARN,
  VAULT_NAME,
  checkName,
  isAwsRegion,
  FAILED_JOBS_FILTER_POLICY,
  notificationKeyPolicy,
  notificationTopicPolicy,
  vaultAccessPolicy,
  vaultKeyPolicy,
  Issues,
  ValidationError,
  checkUnique,
  show,
  checkBreakGlassRoles,
  deletionExemptPrincipals,
  VaultLockMode,
  type RetentionRange,
  type VaultLockConfig,
  validateVaultLock,
  DEFAULT_VAULT_EVENTS,
  type VaultNotificationsConfig,
  validateVaultNotifications,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import { placementOf } from "./lib/placement";

export const BACKUP_VAULT_TYPE = "hybrid-backup:index:BackupVault";

/** Days a deleted key stays recoverable: the longest KMS allows. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface BackupVaultArgs extends DataHolderSettings {
  /** Name of the vault (`BackupVaultName`): 2-50 letters, digits, hyphens or underscores. */
  readonly name: string;
  /** The vault lock; none when omitted. @default undefined */
  readonly lock?: VaultLockConfig;
  /**
   * IAM roles of the vault's account still allowed to delete recovery points, change their
   * lifecycle and change or remove the vault access policy. At least one: the policy denies these
   * actions to everyone else, including whoever deploys the stack, so none of them may be one of
   * `deployRoleArns`. Their trust policy should require MFA and deny the deploy roles (see
   * `breakGlassTrustPolicy`).
   */
  readonly breakGlassRoleArns: string[];
  /**
   * The roles that deploy the vault: they may replace the vault access policy (to deploy it), but
   * never delete recovery points or change their lifecycle. @default []
   */
  readonly deployRoleArns?: string[];
  /**
   * The vault's account, when known as a plain value: break-glass roles of another account are
   * refused. @default undefined (not checked)
   */
  readonly accountId?: string;
  /**
   * Accounts whose vaults receive copies of this vault's recovery points; the vault key is shared
   * with them (decrypt, re-encrypt, describe, and grants for AWS services). @default []
   */
  readonly copyDestinationAccountIds?: string[];
  /**
   * Accounts whose AWS Backup may copy recovery points into this vault (when this vault is a copy
   * destination). @default []
   */
  readonly copySourceAccountIds?: string[];
  /**
   * An AWS Organizations id (`o-...`) whose accounts may copy recovery points into this vault
   * (`aws:PrincipalOrgID`); with `copySourceAccountIds`, only those accounts, and only while they
   * belong to the organization. @default undefined
   */
  readonly copySourceOrganizationId?: string;
  /** Job notifications: events and failure-only subscribers. @default {} (default events, no subscribers) */
  readonly notifications?: VaultNotificationsConfig;
  /**
   * Region of every child (the `region` input of `@pulumi/aws` v7), for a vault in another region
   * of the same account. For another account, pass a provider in the options. @default the provider's region
   */
  readonly region?: string;
  /** Tags of every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

function checkAccountIds(issues: Issues, ids: readonly string[]): void {
  ids.forEach((id, index) => checkName(issues.at(index), id, ACCOUNT_ID));
  checkUnique(issues, ids, "account id");
}

/** Records every problem of the arguments of a {@link BackupVault}. */
export function validateBackupVaultArgs(args: BackupVaultArgs, issues: Issues): void {
  checkName(issues.at("name"), args.name, VAULT_NAME);
  if (args.lock !== undefined) validateVaultLock(args.lock, issues.at("lock"));
  const roles = issues.at("breakGlassRoleArns");
  if (args.breakGlassRoleArns.length === 0) {
    roles.add(
      "is empty, but must name at least one IAM role: the vault policy denies deleting recovery points and changing the policy itself to every other principal, so without one nobody could ever change it again.",
    );
  }
  args.breakGlassRoleArns.forEach((arn, index) => checkName(roles.at(index), arn, ROLE_ARN));
  checkUnique(roles, args.breakGlassRoleArns, "role ARN");
  const deployRoles = args.deployRoleArns ?? [];
  deployRoles.forEach((arn, index) =>
    checkName(issues.at("deployRoleArns").at(index), arn, ROLE_ARN),
  );
  if (args.accountId !== undefined) checkName(issues.at("accountId"), args.accountId, ACCOUNT_ID);
  checkBreakGlassRoles(roles, args.breakGlassRoleArns, {
    vaultAccountId:
      args.accountId !== undefined && ACCOUNT_ID.pattern.test(args.accountId)
        ? args.accountId
        : undefined,
    deployRoleArns: deployRoles,
    deployRolesKey: "deployRoleArns",
  });
  checkAccountIds(issues.at("copyDestinationAccountIds"), args.copyDestinationAccountIds ?? []);
  checkAccountIds(issues.at("copySourceAccountIds"), args.copySourceAccountIds ?? []);
  if (args.copySourceOrganizationId !== undefined) {
    checkName(
      issues.at("copySourceOrganizationId"),
      args.copySourceOrganizationId,
      ORGANIZATION_ID,
    );
  }
  if (args.notifications !== undefined) {
    validateVaultNotifications(args.notifications, issues.at("notifications"));
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-west-2.`);
  }
}

/**
 * An AWS Backup vault with its own customer managed key, an optional vault lock, an access policy
 * that denies deleting recovery points to all but break-glass roles, and failure notifications.
 */
export class BackupVault extends pulumi.ComponentResource {
  /** The vault's name. */
  readonly vaultName: pulumi.Output<string>;
  /** The vault's ARN. */
  readonly vaultArn: pulumi.Output<string>;
  /** ARN of the customer managed key that encrypts the recovery points. */
  readonly keyArn: pulumi.Output<string>;
  /** ARN of the SNS topic that receives the vault's job events. */
  readonly topicArn: pulumi.Output<string>;
  /** The retention range the lock enforces, or undefined without a lock. */
  readonly lockRange: pulumi.Output<RetentionRange | undefined>;
  /**
   * The only principals the vault access policy lets delete recovery points or change their
   * lifecycle: what an audit control of manual deletions must exempt, and nothing more.
   */
  readonly deletionExemptPrincipalArns: pulumi.Output<string[]>;

  constructor(name: string, args: BackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_VAULT_TYPE, name, {}, opts);
    const issues = new Issues();
    validateBackupVaultArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`BackupVault ${name}`, issues.all).message,
        this,
      );
    }

    const region = args.region;
    const tags = { ...(args.tags ?? {}) };
    const notifications = args.notifications ?? {};
    const placement = placementOf(this, region);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the recovery points of the AWS Backup vault ${args.name}.`,
        enableKeyRotation: true,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        policy: placement.apply((where) =>
          JSON.stringify(
            vaultKeyPolicy({
              ...where,
              copyDestinationAccountIds: args.copyDestinationAccountIds ?? [],
            }),
          ),
        ),
        region,
        tags,
      },
      dataHolderOptions(this, args),
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: `alias/${args.name}-backup`, targetKeyId: key.arn, region },
      { parent: this },
    );

    const vault = new aws.backup.Vault(
      `${name}-vault`,
      { name: args.name, kmsKeyArn: key.arn, forceDestroy: false, region, tags },
      dataHolderOptions(this, args),
    );

    const lock = args.lock;
    if (lock !== undefined) {
      new aws.backup.VaultLockConfiguration(
        `${name}-lock`,
        {
          backupVaultName: vault.name,
          minRetentionDays: lock.minRetentionDays,
          maxRetentionDays: lock.maxRetentionDays,
          changeableForDays:
            lock.mode === VaultLockMode.Compliance ? lock.changeableForDays : undefined,
          region,
        },
        dataHolderOptions(this, args),
      );
    }

    new aws.backup.VaultPolicy(
      `${name}-policy`,
      {
        backupVaultName: vault.name,
        policy: placement.apply((where) =>
          JSON.stringify(
            vaultAccessPolicy({
              partition: where.partition,
              breakGlassRoleArns: deletionExemptPrincipals(args.breakGlassRoleArns),
              policyManagerRoleArns: args.deployRoleArns ?? [],
              copySourceAccountIds: args.copySourceAccountIds ?? [],
              copySourceOrganizationId: args.copySourceOrganizationId,
            }),
          ),
        ),
        region,
      },
      dataHolderOptions(this, args),
    );

    const topicKey = new aws.kms.Key(
      `${name}-topic-key`,
      {
        description: `Encrypts the job notifications of the AWS Backup vault ${args.name}.`,
        enableKeyRotation: true,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        policy: placement.apply((where) => JSON.stringify(notificationKeyPolicy(where))),
        region,
        tags,
      },
      dataHolderOptions(this, args),
    );
    new aws.kms.Alias(
      `${name}-topic-key-alias`,
      { name: `alias/${args.name}-notifications`, targetKeyId: topicKey.arn, region },
      { parent: this },
    );
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      {
        name: `${args.name}-backup-events`,
        displayName: `AWS Backup events of ${args.name}`,
        kmsMasterKeyId: topicKey.arn,
        region,
        tags,
      },
      { parent: this },
    );
    const topicPolicy = new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, placement])
          .apply(([arn, where]) => JSON.stringify(notificationTopicPolicy(arn, where.accountId))),
        region,
      },
      { parent: this },
    );
    new aws.backup.VaultNotifications(
      `${name}-notifications`,
      {
        backupVaultName: vault.name,
        snsTopicArn: topic.arn,
        backupVaultEvents: [...(notifications.events ?? DEFAULT_VAULT_EVENTS)],
        region,
      },
      { parent: this, dependsOn: [topicPolicy] },
    );
    const filterPolicy = JSON.stringify(FAILED_JOBS_FILTER_POLICY);
    const subscribers: Array<[protocol: "email" | "https", endpoint: string]> = [
      ...(notifications.emails ?? []).map((e): ["email", string] => ["email", e]),
      ...(notifications.httpsEndpoints ?? []).map((u): ["https", string] => ["https", u]),
    ];
    for (const [protocol, endpoint] of subscribers) {
      new aws.sns.TopicSubscription(
        `${name}-${protocol}-${endpoint}`,
        {
          topic: topic.arn,
          protocol,
          endpoint,
          filterPolicy,
          filterPolicyScope: "MessageAttributes",
          region,
        },
        { parent: this, dependsOn: [topicPolicy] },
      );
    }

    this.vaultName = vault.name;
    this.vaultArn = vault.arn;
    this.keyArn = key.arn;
    this.topicArn = topic.arn;
    this.deletionExemptPrincipalArns = pulumi.output(
      deletionExemptPrincipals(args.breakGlassRoleArns),
    );
    this.lockRange = pulumi.output(
      lock === undefined
        ? undefined
        : { minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays },
    );
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      keyArn: this.keyArn,
      topicArn: this.topicArn,
      lockRange: this.lockRange,
      deletionExemptPrincipalArns: this.deletionExemptPrincipalArns,
    });
  }
}
