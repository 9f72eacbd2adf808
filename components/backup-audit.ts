/**
 * AWS Backup Audit Manager for the backup core: an account framework (every recovery point
 * encrypted, no manual deletion outside break-glass roles), one framework per tier whose controls
 * carry the tier's floors (frequency, retention, lock, newest recovery point, copies), and report
 * plans that deliver CSV and JSON reports to a private, encrypted, versioned bucket.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type Control,
  FRAMEWORK_REPORT_TEMPLATES,
  MAX_CONTROLS_PER_REGION,
  REPORT_FORMATS,
  REPORT_TEMPLATES,
  type ReportFormat,
  type ReportTemplate,
  type TierAuditConfig,
  accountControls,
  countControls,
  tierControls,
  validateExemptPrincipals,
  validateReports,
  validateTierAudit,
  isAwsRegion,
  FRAMEWORK_NAME,
  S3_BUCKET_NAME,
  checkName,
  underscored,
  reportBucketPolicy,
  reportKeyPolicy,
  Issues,
  ValidationError,
  checkUnique,
  show,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import { placementOf } from "./lib/placement";

export const BACKUP_AUDIT_TYPE = "hybrid-backup:index:BackupAudit";

export const DEFAULT_REPORT_KEY_PREFIX = "backup-reports";

export interface BackupAuditArgs extends DataHolderSettings {
  /** Name of the account framework; tier frameworks are `<frameworkName>_<tier>`. */
  readonly frameworkName: string;
  /** The tag key whose value names the tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** The floors of each tier. @default [] (the account framework only) */
  readonly tiers?: TierAuditConfig[];
  /**
   * Roles exempt from the manual-deletion control (at most 5): the vault's break-glass roles.
   * @default []
   */
  readonly exemptPrincipalArns?: string[];
  /** Name of the S3 bucket created for the reports. */
  readonly reportBucketName: string;
  /** One report plan per template. @default all five templates */
  readonly reports?: ReportTemplate[];
  /** Formats of every report. @default ["CSV", "JSON"] */
  readonly formats?: ReportFormat[];
  /** Key prefix of the reports in the bucket. @default "backup-reports" */
  readonly reportKeyPrefix?: string;
  /** Region of every child (v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

export function tierFrameworkName(frameworkName: string, tier: string): string {
  return `${frameworkName}_${underscored(tier)}`;
}

export function reportPlanName(frameworkName: string, template: ReportTemplate): string {
  return `${frameworkName}_${template.toLowerCase()}`;
}

/** Records every problem of the arguments of a {@link BackupAudit}. */
export function validateBackupAuditArgs(args: BackupAuditArgs, issues: Issues): void {
  const nameOk = checkName(issues.at("frameworkName"), args.frameworkName, FRAMEWORK_NAME);
  const tiers = args.tiers ?? [];
  tiers.forEach((tier, index) => validateTierAudit(tier, issues.at("tiers").at(index)));
  checkUnique(
    issues.at("tiers"),
    tiers.map((tier) => tier.tier),
    "tier",
    "tier",
  );
  if (nameOk) {
    for (const tier of tiers) {
      const derived = tierFrameworkName(args.frameworkName, tier.tier);
      if (derived.length > 256) {
        issues
          .at("frameworkName")
          .add(
            `is ${args.frameworkName.length} characters, so the framework of tier ${show(tier.tier)} would be named with ${derived.length}, but AWS allows 256.`,
          );
      }
    }
  }
  validateExemptPrincipals(args.exemptPrincipalArns ?? [], issues.at("exemptPrincipalArns"));
  checkName(issues.at("reportBucketName"), args.reportBucketName, S3_BUCKET_NAME);
  validateReports(args.reports ?? REPORT_TEMPLATES, args.formats ?? REPORT_FORMATS, issues);
  const prefix = args.reportKeyPrefix ?? DEFAULT_REPORT_KEY_PREFIX;
  if (!KEY_PREFIX.test(prefix)) {
    issues
      .at("reportKeyPrefix")
      .add(
        `is ${show(prefix)}, but must be S3 key segments of letters, digits and !_.*'()- separated by single slashes, without a leading or trailing slash.`,
      );
  }
  const controls = countControls(tiers, args.tierTagKey ?? DEFAULT_TIER_TAG_KEY);
  if (controls > MAX_CONTROLS_PER_REGION) {
    issues
      .at("tiers")
      .add(
        `add up to ${controls} controls, but AWS Backup Audit Manager allows ${MAX_CONTROLS_PER_REGION} per account and region.`,
      );
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-west-2.`);
  }
}

function frameworkControls(
  controls: readonly Control[],
): aws.types.input.backup.FrameworkControl[] {
  return controls.map((control) => ({
    name: control.name,
    inputParameters: control.inputParameters?.map((p) => ({ name: p.name, value: p.value })),
    scope: control.scope === undefined ? undefined : { tags: { ...control.scope.tags } },
  }));
}

/**
 * AWS Backup Audit Manager: an account framework, one framework per tier carrying the tier's floors,
 * and report plans delivering to a private, encrypted, versioned bucket.
 */
export class BackupAudit extends pulumi.ComponentResource {
  /** ARN of the account framework. */
  readonly accountFrameworkArn: pulumi.Output<string>;
  /** ARN of each tier's framework, by tier. */
  readonly tierFrameworkArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Name of the bucket that receives the reports. */
  readonly reportBucketName: pulumi.Output<string>;
  /** ARN of each report plan, by template. */
  readonly reportPlanArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: BackupAuditArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BACKUP_AUDIT_TYPE, name, {}, opts);
    const issues = new Issues();
    validateBackupAuditArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`BackupAudit ${name}`, issues.all).message,
        this,
      );
    }

    const region = args.region;
    const keep: DataHolderSettings = { protect: args.protect, retainOnDelete: args.retainOnDelete };
    const tags = { ...(args.tags ?? {}) };
    const tierTagKey = args.tierTagKey ?? DEFAULT_TIER_TAG_KEY;
    const placement = placementOf(this, region);

    const accountFramework = new aws.backup.Framework(
      `${name}-framework`,
      {
        name: args.frameworkName,
        description:
          "Every recovery point is encrypted and only break-glass roles may delete one manually.",
        controls: frameworkControls(accountControls(args.exemptPrincipalArns ?? [])),
        region,
        tags,
      },
      { parent: this },
    );
    const tierFrameworks: Record<string, aws.backup.Framework> = {};
    for (const tier of args.tiers ?? []) {
      tierFrameworks[tier.tier] = new aws.backup.Framework(
        `${name}-${tier.tier}-framework`,
        {
          name: tierFrameworkName(args.frameworkName, tier.tier),
          description: `Floors of the ${tier.tier} tier, on resources, plans and recovery points tagged ${tierTagKey}=${tier.tier}.`,
          controls: frameworkControls(tierControls(tier, tierTagKey)),
          region,
          tags,
        },
        { parent: this },
      );
    }

    const key = new aws.kms.Key(
      `${name}-report-key`,
      {
        description: `Encrypts the AWS Backup audit reports in ${args.reportBucketName}.`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: placement.apply((where) => JSON.stringify(reportKeyPolicy(where))),
        region,
        tags,
      },
      dataHolderOptions(this, keep),
    );
    new aws.kms.Alias(
      `${name}-report-key-alias`,
      { name: `alias/${args.frameworkName}-reports`, targetKeyId: key.arn, region },
      { parent: this },
    );
    const bucket = new aws.s3.Bucket(
      `${name}-report-bucket`,
      { bucket: args.reportBucketName, forceDestroy: false, region, tags },
      dataHolderOptions(this, keep),
    );
    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-report-bucket-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" }, region },
      { parent: this },
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-report-bucket-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        region,
      },
      { parent: this },
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-report-bucket-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" }, region },
      { parent: this },
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-report-bucket-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: key.arn,
            },
            bucketKeyEnabled: true,
          },
        ],
        region,
      },
      { parent: this },
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-report-bucket-policy`,
      {
        bucket: bucket.id,
        policy: placement.apply((where) =>
          JSON.stringify(
            reportBucketPolicy({
              partition: where.partition,
              accountId: where.accountId,
              bucketName: args.reportBucketName,
            }),
          ),
        ),
        region,
      },
      { parent: this, dependsOn: [publicAccess] },
    );

    const allFrameworkArns = [
      accountFramework.arn,
      ...Object.values(tierFrameworks).map((f) => f.arn),
    ];
    const reportPlans: Record<string, aws.backup.ReportPlan> = {};
    for (const template of args.reports ?? REPORT_TEMPLATES) {
      const coversFrameworks = FRAMEWORK_REPORT_TEMPLATES.includes(template);
      reportPlans[template] = new aws.backup.ReportPlan(
        `${name}-${template.toLowerCase().replace(/_/g, "-")}`,
        {
          name: reportPlanName(args.frameworkName, template),
          description: `${template} of the backup core, delivered daily.`,
          reportDeliveryChannel: {
            s3BucketName: bucket.bucket,
            s3KeyPrefix: args.reportKeyPrefix ?? DEFAULT_REPORT_KEY_PREFIX,
            formats: [...(args.formats ?? REPORT_FORMATS)],
          },
          reportSetting: coversFrameworks
            ? {
                reportTemplate: template,
                frameworkArns: allFrameworkArns,
                numberOfFrameworks: allFrameworkArns.length,
              }
            : { reportTemplate: template },
          region,
          tags,
        },
        { parent: this, dependsOn: [policy, encryption, ownership, versioning] },
      );
    }

    this.accountFrameworkArn = accountFramework.arn;
    this.tierFrameworkArns = Object.fromEntries(
      Object.entries(tierFrameworks).map(([tier, f]) => [tier, f.arn]),
    );
    this.reportBucketName = bucket.bucket;
    this.reportPlanArns = Object.fromEntries(
      Object.entries(reportPlans).map(([template, plan]) => [template, plan.arn]),
    );
    this.registerOutputs({
      accountFrameworkArn: this.accountFrameworkArn,
      tierFrameworkArns: this.tierFrameworkArns,
      reportBucketName: this.reportBucketName,
      reportPlanArns: this.reportPlanArns,
    });
  }
}
