/**
 * The AWS Config recorder AWS Backup Audit Manager needs: its controls are AWS Config rules, which
 * evaluate only what AWS Config records. This component records just the resource types the
 * controls read (backup plans, selections, vaults, recovery points and the rules' compliance),
 * delivers the history to an existing bucket, and starts recording. An account records with one
 * recorder per region, so leave this out where the organization already records these types.
 *
 * Cost: AWS Config bills each configuration item recorded ($0.003 continuous, $0.012 daily in
 * us-east-1) and each rule evaluation ($0.001 for the first 100,000 a month).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  S3_BUCKET_NAME,
  checkName,
  AUDIT_MANAGER_RECORDED_TYPES,
  RecordingFrequency,
  isAwsRegion,
  partitionOf,
  awsManagedPolicyArn,
  Issues,
  ValidationError,
  checkOneOf,
  show,
} from "../core";
import { placementOf } from "./lib/placement";

export const AUDIT_CONFIG_RECORDER_TYPE = "hybrid-backup:index:AuditConfigRecorder";

/** The AWS managed policy AWS Config's service role needs to read resource configurations. */
export const CONFIG_ROLE_POLICY = "service-role/AWS_ConfigRole";

export interface AuditConfigRecorderArgs {
  /** An existing bucket that accepts AWS Config deliveries (often the organization's log archive). */
  readonly deliveryBucketName: string;
  /** Key prefix of the deliveries. @default undefined (the bucket's root) */
  readonly deliveryKeyPrefix?: string;
  /** CONTINUOUS records every change; DAILY records once a day at 4 times the price per item. @default "CONTINUOUS" */
  readonly recordingFrequency?: RecordingFrequency;
  /** Name of the recorder and the delivery channel. @default "default" */
  readonly recorderName?: string;
  /** Region of every child (v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const RECORDER_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const KEY_PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

/** Records every problem of the arguments of an {@link AuditConfigRecorder}. */
export function validateAuditConfigRecorderArgs(
  args: AuditConfigRecorderArgs,
  issues: Issues,
): void {
  checkName(issues.at("deliveryBucketName"), args.deliveryBucketName, S3_BUCKET_NAME);
  if (args.deliveryKeyPrefix !== undefined && !KEY_PREFIX.test(args.deliveryKeyPrefix)) {
    issues
      .at("deliveryKeyPrefix")
      .add(
        `is ${show(args.deliveryKeyPrefix)}, but must be S3 key segments of letters, digits and !_.*'()- separated by single slashes, without a leading or trailing slash.`,
      );
  }
  if (args.recordingFrequency !== undefined) {
    checkOneOf(
      issues.at("recordingFrequency"),
      args.recordingFrequency,
      Object.values(RecordingFrequency),
    );
  }
  if (args.recorderName !== undefined && !RECORDER_NAME.test(args.recorderName)) {
    issues
      .at("recorderName")
      .add(
        `is ${show(args.recorderName)}, but must be 1-256 letters, digits, periods, hyphens or underscores.`,
      );
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-east-1.`);
  }
}

/**
 * An AWS Config recorder of the resource types AWS Backup Audit Manager's controls read, with its
 * service role, a delivery channel to an existing bucket, and recording switched on.
 */
export class AuditConfigRecorder extends pulumi.ComponentResource {
  /** Name of the recorder. */
  readonly recorderName: pulumi.Output<string>;
  /** ARN of the role AWS Config assumes. */
  readonly roleArn: pulumi.Output<string>;
  /** The resource types recorded. */
  readonly resourceTypes: pulumi.Output<string[]>;

  constructor(name: string, args: AuditConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AUDIT_CONFIG_RECORDER_TYPE, name, {}, opts);
    const issues = new Issues();
    validateAuditConfigRecorderArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`AuditConfigRecorder ${name}`, issues.all).message,
        this,
      );
    }
    const region = args.region;
    const recorderName = args.recorderName ?? "default";
    const partition =
      region === undefined
        ? placementOf(this, region).apply((where) => where.partition)
        : pulumi.output(partitionOf(region));
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description:
          "Assumed by AWS Config to record what AWS Backup Audit Manager's controls read.",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowAwsConfigToAssumeTheRole",
              Effect: "Allow",
              Principal: { Service: "config.amazonaws.com" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
        tags: { ...(args.tags ?? {}) },
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-config-policy`,
      {
        role: role.name,
        policyArn: partition.apply((p) => awsManagedPolicyArn(p, CONFIG_ROLE_POLICY)),
      },
      { parent: this },
    );
    const resourceTypes = [...AUDIT_MANAGER_RECORDED_TYPES];
    const recorder = new aws.cfg.Recorder(
      `${name}-recorder`,
      {
        name: recorderName,
        roleArn: role.arn,
        recordingGroup: {
          allSupported: false,
          includeGlobalResourceTypes: false,
          recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
          resourceTypes,
        },
        recordingMode: {
          recordingFrequency: args.recordingFrequency ?? RecordingFrequency.Continuous,
        },
        region,
      },
      { parent: this, dependsOn: [attachment] },
    );
    const channel = new aws.cfg.DeliveryChannel(
      `${name}-delivery`,
      {
        name: recorderName,
        s3BucketName: args.deliveryBucketName,
        s3KeyPrefix: args.deliveryKeyPrefix,
        region,
      },
      { parent: this, dependsOn: [recorder] },
    );
    new aws.cfg.RecorderStatus(
      `${name}-status`,
      { name: recorder.name, isEnabled: true, region },
      { parent: this, dependsOn: [channel] },
    );
    this.recorderName = recorder.name;
    this.roleArn = role.arn;
    this.resourceTypes = pulumi.output(resourceTypes);
    this.registerOutputs({
      recorderName: this.recorderName,
      roleArn: this.roleArn,
      resourceTypes: this.resourceTypes,
    });
  }
}
