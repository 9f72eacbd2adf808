/**
 * Scheduled restore tests of one tier: AWS Backup restores a recent recovery point of each tested
 * resource type of the tier, keeps the restored resource for an optional validation window and
 * deletes it. Each test is a restore job, so its outcome and duration land in the restore job
 * reports and notifications like any other restore.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ACCOUNT_ID,
  RESTORE_TESTING_NAME,
  ROLE_ARN,
  TIER_NAME,
  checkName,
  restoreTestRoleName,
  awsManagedPolicyArn,
  backupServiceTrustPolicy,
  DEFAULT_RESTORE_START_WINDOW_HOURS,
  DEFAULT_SELECTION_WINDOW_DAYS,
  DEFAULT_TIMEZONE,
  RecoveryPointType,
  type RestoreTestingConfig,
  RestoreTestingAlgorithm,
  testableTypes,
  validateRestoreTesting,
  isAwsRegion,
  partitionOf,
  Issues,
  ValidationError,
  show,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { placementOf } from "./lib/placement";

export const RESTORE_TESTING_TYPE = "hybrid-backup:index:RestoreTesting";

/** Selection names append `_<type>` (up to 11 characters) to the plan name, within 50. */
export const MAX_RESTORE_TESTING_PLAN_NAME = 39;

export interface RestoreTestingArgs extends RestoreTestingConfig {
  /** Name of the restore testing plan: 1-39 letters, digits or underscores. */
  readonly planName: string;
  /** The tier whose resources (by the tier tag) are tested. */
  readonly tier: string;
  /** The tag key whose value names the tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** The tier's resource types; those restore testing supports get a selection each. */
  readonly resourceTypes: string[];
  /** Whether the tier has a continuous rule (for CONTINUOUS recovery points). @default false */
  readonly hasContinuousRule?: boolean;
  /**
   * The role AWS Backup assumes to restore (the tier plan's role). @default a role this component
   * creates, with AWS Backup's restore policies (needed where the plan's role does not exist: in
   * the DR account)
   */
  readonly iamRoleArn?: pulumi.Input<string>;
  /**
   * Whether each selection keeps to resources tagged with the tier. Set false for a vault that
   * holds only this stack's copies (a DR or air-gapped vault), whose source resources live in
   * another account or region. @default true
   */
  readonly selectByTierTag?: boolean;
  /**
   * A role in `accountId` that the component assumes, through a provider it makes in `region`, to
   * create the tests in another account (the DR account). Mutually exclusive with a provider in
   * the options. @default undefined
   */
  readonly roleArn?: string;
  /** The account of `roleArn`, which the provider it makes is limited to. @default undefined */
  readonly accountId?: string;
  /** ARNs of the vaults whose recovery points are tested. */
  readonly includeVaults: pulumi.Input<string>[];
  /** Region of every child (v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of the restore testing plan. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Records every problem of the arguments of a {@link RestoreTesting}. */
export function validateRestoreTestingArgs(
  args: RestoreTestingArgs,
  issues: Issues,
  context: { readonly providerGiven?: boolean } = {},
): void {
  const planName = issues.at("planName");
  if (
    checkName(planName, args.planName, RESTORE_TESTING_NAME) &&
    args.planName.length > MAX_RESTORE_TESTING_PLAN_NAME
  ) {
    planName.add(
      `is ${args.planName.length} characters, but must be at most ${MAX_RESTORE_TESTING_PLAN_NAME} so that its selections' names stay within 50.`,
    );
  }
  checkName(issues.at("tier"), args.tier, TIER_NAME);
  validateRestoreTesting(args, issues, {
    resourceTypes: args.resourceTypes,
    hasContinuousRule: args.hasContinuousRule ?? false,
    resourceTypesIssues: issues.at("resourceTypes"),
  });
  if (args.includeVaults.length === 0) {
    issues.at("includeVaults").add("is empty, but must name at least one vault ARN to test.");
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-west-2.`);
  }
  if (args.roleArn !== undefined && context.providerGiven === true) {
    issues
      .at("roleArn")
      .add(
        "is set, but the resource options pass a provider too; give one or the other, not both.",
      );
  }
  if (args.roleArn !== undefined) {
    const roleOk = checkName(issues.at("roleArn"), args.roleArn, ROLE_ARN);
    if (args.accountId === undefined || !ACCOUNT_ID.pattern.test(args.accountId)) {
      issues
        .at("accountId")
        .add(
          `is ${show(args.accountId)}, but must be the 12-digit account of roleArn, which the provider is limited to.`,
        );
    } else if (roleOk && !args.roleArn.includes(`::${args.accountId}:role/`)) {
      issues.at("roleArn").add(`is a role of another account than accountId ${args.accountId}.`);
    }
    if (args.region === undefined) {
      issues.at("region").add("is missing, but roleArn needs the region the provider deploys to.");
    }
  }
}

/**
 * Scheduled restore tests of one tier: AWS Backup restores a recent recovery point of each tested
 * resource type, keeps it for an optional validation window and deletes it.
 */
export class RestoreTesting extends pulumi.ComponentResource {
  /** ARN of the restore testing plan. */
  readonly planArn: pulumi.Output<string>;
  /** The name of each selection, by resource type. */
  readonly selectionNames: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: RestoreTestingArgs, opts?: pulumi.ComponentResourceOptions) {
    super(RESTORE_TESTING_TYPE, name, {}, opts);
    const issues = new Issues();
    validateRestoreTestingArgs(args, issues, { providerGiven: opts?.provider !== undefined });
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`RestoreTesting ${name}`, issues.all).message,
        this,
      );
    }

    const region = args.region;
    const tierTagKey = args.tierTagKey ?? DEFAULT_TIER_TAG_KEY;
    const selectByTierTag = args.selectByTierTag ?? true;
    const tags = { ...(args.tags ?? {}), [tierTagKey]: args.tier };
    const provider =
      args.roleArn === undefined
        ? undefined
        : new aws.Provider(
            `${name}-provider`,
            {
              region: args.region,
              allowedAccountIds: args.accountId === undefined ? undefined : [args.accountId],
              assumeRoles: [{ roleArn: args.roleArn, sessionName: "hybrid-backup-restore-test" }],
            },
            { parent: this },
          );
    const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };
    let iamRoleArn = args.iamRoleArn;
    const dependsOn: pulumi.Resource[] = [];
    if (iamRoleArn === undefined) {
      const role = new aws.iam.Role(
        `${name}-role`,
        {
          name: restoreTestRoleName(args.planName),
          description: `Assumed by AWS Backup to test restores of the ${args.tier} tier.`,
          // With roleArn, accountId is the account the component's own provider deploys to.
          assumeRolePolicy: (args.accountId !== undefined
            ? pulumi.output(args.accountId)
            : placementOf(this, region).apply((where) => where.accountId)
          ).apply((accountId) => JSON.stringify(backupServiceTrustPolicy(accountId))),
          tags,
        },
        childOpts,
      );
      const partition =
        region === undefined
          ? placementOf(this, region).apply((where) => where.partition)
          : pulumi.output(partitionOf(region));
      const policies = [
        "service-role/AWSBackupServiceRolePolicyForRestores",
        ...(args.resourceTypes.includes("S3") ? ["AWSBackupServiceRolePolicyForS3Restore"] : []),
      ];
      for (const policy of policies) {
        const suffix = policy.includes("S3") ? "s3-restore-policy" : "restores-policy";
        dependsOn.push(
          new aws.iam.RolePolicyAttachment(
            `${name}-${suffix}`,
            {
              role: role.name,
              policyArn: partition.apply((p) => awsManagedPolicyArn(p, policy)),
            },
            childOpts,
          ),
        );
      }
      iamRoleArn = role.arn;
    }
    const plan = new aws.backup.RestoreTestingPlan(
      `${name}-plan`,
      {
        name: args.planName,
        scheduleExpression: args.schedule,
        scheduleExpressionTimezone: args.timezone ?? DEFAULT_TIMEZONE,
        startWindowHours: args.startWindowHours ?? DEFAULT_RESTORE_START_WINDOW_HOURS,
        recoveryPointSelection: {
          algorithm: args.algorithm ?? RestoreTestingAlgorithm.LatestWithinWindow,
          includeVaults: [...args.includeVaults],
          recoveryPointTypes: [...(args.recoveryPointTypes ?? [RecoveryPointType.Snapshot])],
          selectionWindowDays: args.selectionWindowDays ?? DEFAULT_SELECTION_WINDOW_DAYS,
        },
        region,
        tags,
      },
      childOpts,
    );

    const selectionNames: Record<string, string> = {};
    for (const type of testableTypes(args.resourceTypes)) {
      const selectionName = `${args.planName}_${type}`;
      selectionNames[type] = selectionName;
      new aws.backup.RestoreTestingSelection(
        `${name}-${type.toLowerCase()}`,
        {
          name: selectionName,
          restoreTestingPlanName: plan.name,
          protectedResourceType: type,
          iamRoleArn,
          protectedResourceArns: ["*"],
          protectedResourceConditions: selectByTierTag
            ? { stringEquals: [{ key: `aws:ResourceTag/${tierTagKey}`, value: args.tier }] }
            : undefined,
          restoreMetadataOverrides: args.overrides?.[type],
          validationWindowHours: args.validationWindowHours,
          region,
        },
        { ...childOpts, dependsOn },
      );
    }

    this.planArn = plan.arn;
    this.selectionNames = pulumi.output(selectionNames);
    this.registerOutputs({ planArn: this.planArn, selectionNames: this.selectionNames });
  }
}
