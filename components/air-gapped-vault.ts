/**
 * A logically air-gapped backup vault: AWS Backup keeps its recovery points in a service-owned
 * account, locked in compliance mode from the start, so that nobody in the workload account (an
 * attacker with its administrator role included) can delete or shorten them. Other accounts
 * restore from it through an AWS RAM share, which this component creates when `sharing` is given.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  VAULT_NAME,
  checkName,
  isAwsRegion,
  partitionOf,
  type AirGappedRetention,
  type AirGappedSharing,
  validateAirGappedRetention,
  validateAirGappedSharing,
  Issues,
  ValidationError,
  show,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";

export const AIR_GAPPED_VAULT_TYPE = "hybrid-backup:index:AirGappedVault";

const KMS_KEY_ARN = /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:[0-9]{12}:key\/[0-9a-f-]{36}$/;

export interface AirGappedVaultArgs extends DataHolderSettings {
  /** Name of the vault (`BackupVaultName`): 2-50 letters, digits, hyphens or underscores. */
  readonly name: string;
  /** Shortest retention of a recovery point copied in; at least 7 days (AWS's floor). */
  readonly minRetentionDays: number;
  /** Longest retention of a recovery point copied in; at most 36500 days. */
  readonly maxRetentionDays: number;
  /**
   * A customer managed KMS key (ARN) that encrypts the vault, instead of the AWS owned key.
   * @default undefined (an AWS owned key, which no account's administrator can disable)
   */
  readonly encryptionKeyArn?: string;
  /**
   * Accounts or an organization the vault is shared with through AWS RAM, so that they can
   * restore from it (for example a clean recovery account). @default undefined (not shared)
   */
  readonly sharing?: AirGappedSharing;
  /** Lets the RAM share reach accounts outside the organization. @default false */
  readonly allowExternalPrincipals?: boolean;
  /** The account that owns the vault, to refuse sharing with itself. @default undefined */
  readonly ownerAccountId?: string;
  /** Region of every child (v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of the vault and the share. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Records every problem of the arguments of an {@link AirGappedVault}. */
export function validateAirGappedVaultArgs(args: AirGappedVaultArgs, issues: Issues): void {
  checkName(issues.at("name"), args.name, VAULT_NAME);
  validateAirGappedRetention(args, issues);
  if (args.encryptionKeyArn !== undefined && !KMS_KEY_ARN.test(args.encryptionKeyArn)) {
    issues
      .at("encryptionKeyArn")
      .add(
        `is ${show(args.encryptionKeyArn)}, but must be a KMS key ARN such as arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab (not an alias).`,
      );
  }
  if (args.sharing !== undefined) {
    validateAirGappedSharing(args.sharing, issues.at("sharing"), args.ownerAccountId);
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-east-1.`);
  }
}

/**
 * A logically air-gapped backup vault with retention bounds, optionally shared through AWS RAM
 * with the accounts that restore from it.
 */
export class AirGappedVault extends pulumi.ComponentResource {
  /** The vault's name. */
  readonly vaultName: pulumi.Output<string>;
  /** The vault's ARN, which copy actions and restore tests name. */
  readonly vaultArn: pulumi.Output<string>;
  /** ARN of the RAM share, when the vault is shared. */
  readonly shareArn: pulumi.Output<string | undefined>;
  /** The retention range the vault enforces. */
  readonly retention: pulumi.Output<AirGappedRetention>;

  constructor(name: string, args: AirGappedVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AIR_GAPPED_VAULT_TYPE, name, {}, opts);
    const issues = new Issues();
    validateAirGappedVaultArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`AirGappedVault ${name}`, issues.all).message,
        this,
      );
    }

    const tags = { ...(args.tags ?? {}) };
    const region = args.region;
    const vault = new aws.backup.LogicallyAirGappedVault(
      `${name}-vault`,
      {
        name: args.name,
        minRetentionDays: args.minRetentionDays,
        maxRetentionDays: args.maxRetentionDays,
        encryptionKeyArn: args.encryptionKeyArn,
        region,
        tags,
      },
      dataHolderOptions(this, args),
    );

    let shareArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    const sharing = args.sharing;
    if (sharing !== undefined) {
      const share = new aws.ram.ResourceShare(
        `${name}-share`,
        {
          name: `${args.name}-restore`,
          allowExternalPrincipals: args.allowExternalPrincipals ?? false,
          region,
          tags,
        },
        { parent: this },
      );
      new aws.ram.ResourceAssociation(
        `${name}-share-vault`,
        { resourceArn: vault.arn, resourceShareArn: share.arn, region },
        { parent: this },
      );
      const principals = [
        ...(sharing.accountIds ?? []),
        ...(sharing.organizationArn === undefined ? [] : [sharing.organizationArn]),
      ];
      for (const principal of principals) {
        const suffix = /^[0-9]{12}$/.test(principal) ? principal : "organization";
        new aws.ram.PrincipalAssociation(
          `${name}-share-${suffix}`,
          { principal, resourceShareArn: share.arn, region },
          { parent: this },
        );
      }
      shareArn = share.arn;
    }

    this.vaultName = vault.name;
    // Built from known parts where they are given, so that it is known at preview (and copy
    // actions can be checked) while still depending on the vault.
    const owner = args.ownerAccountId;
    this.vaultArn =
      owner === undefined || region === undefined
        ? vault.arn
        : vault.name.apply(
            (vaultName) =>
              `arn:${partitionOf(region)}:backup:${region}:${owner}:backup-vault:${vaultName}`,
          );
    this.shareArn = shareArn;
    this.retention = pulumi.output({
      minRetentionDays: args.minRetentionDays,
      maxRetentionDays: args.maxRetentionDays,
    });
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      shareArn: this.shareArn,
      retention: this.retention,
    });
  }
}
