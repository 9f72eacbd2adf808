/**
 * The AWS Backup settings of one account and region: which services AWS Backup may back up
 * (service opt-in; a type left out is silently skipped by every plan) and which it manages fully
 * (DynamoDB and EFS: AWS Backup's own encryption, cold storage and cross-account copies).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { isAwsRegion, validateRegionSettings, Issues, ValidationError, show } from "../core";

export const BACKUP_REGION_SETTINGS_TYPE = "hybrid-backup:index:BackupRegionSettings";

export interface BackupRegionSettingsArgs {
  /**
   * Services opted in, by AWS Backup's service name (`EBS`, `Storage Gateway`,
   * `SAP HANA on Amazon EC2`...). Services not listed keep their current setting.
   */
  readonly optIn: Readonly<Record<string, boolean>>;
  /**
   * Full AWS Backup management of `DynamoDB` and `EFS`: true where a tier of the type uses cold
   * storage or copies across accounts. @default {} (the account's current setting)
   */
  readonly fullManagement?: Readonly<Record<string, boolean>>;
  /** Region of the settings (v7 `region` input). @default the provider's region */
  readonly region?: string;
}

/** Records every problem of the arguments of a {@link BackupRegionSettings}. */
export function validateBackupRegionSettingsArgs(
  args: BackupRegionSettingsArgs,
  issues: Issues,
): void {
  validateRegionSettings(args, issues);
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-east-1.`);
  }
}

/** AWS Backup's service opt-in and full-management settings of one account and region. */
export class BackupRegionSettings extends pulumi.ComponentResource {
  /** The services opted in. */
  readonly optIn: pulumi.Output<Record<string, boolean>>;
  /** The services under full AWS Backup management. */
  readonly fullManagement: pulumi.Output<Record<string, boolean>>;

  constructor(
    name: string,
    args: BackupRegionSettingsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(BACKUP_REGION_SETTINGS_TYPE, name, {}, opts);
    const issues = new Issues();
    validateBackupRegionSettingsArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`BackupRegionSettings ${name}`, issues.all).message,
        this,
      );
    }
    const fullManagement = { ...(args.fullManagement ?? {}) };
    new aws.backup.RegionSettings(
      `${name}-settings`,
      {
        resourceTypeOptInPreference: { ...args.optIn },
        resourceTypeManagementPreference:
          Object.keys(fullManagement).length === 0 ? undefined : fullManagement,
        region: args.region,
      },
      { parent: this },
    );
    this.optIn = pulumi.output({ ...args.optIn });
    this.fullManagement = pulumi.output(fullManagement);
    this.registerOutputs({ optIn: this.optIn, fullManagement: this.fullManagement });
  }
}
