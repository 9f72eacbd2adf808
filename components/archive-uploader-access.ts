/**
 * The IAM role of on-premises batch uploaders (cron jobs shipping database dumps and logs to an
 * archive bucket): put-only into their own prefixes, through one S3 VPC endpoint, with the
 * archive's KMS key and nothing else; never delete, change retention or touch the bucket.
 *
 * Uploaders on premises reach S3 over the private link through an *interface* endpoint (S3
 * PrivateLink); a gateway endpoint serves only clients inside its VPC. Either kind sets
 * `aws:SourceVpce`, which the policy requires.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketArnOf, uploaderPolicy, uploaderTrustPolicy, Issues, ValidationError } from "../core";
import {
  ArchiveUploaderAccessArgs,
  DEFAULT_MAX_SESSION_DURATION_SECONDS,
  validateArchiveUploaderAccessArgs,
} from "../core/archive-uploader-access-args";

export * from "../core/archive-uploader-access-args";

/**
 * The IAM role of on-premises uploaders to an archive bucket: put-only into their prefixes, through
 * one S3 VPC endpoint, with the archive's KMS key.
 */
export class ArchiveUploaderAccess extends pulumi.ComponentResource {
  /** ARN of the uploaders' role. */
  public readonly roleArn: pulumi.Output<string>;
  /** Name of the uploaders' role. */
  public readonly roleName: pulumi.Output<string>;

  constructor(
    name: string,
    args: ArchiveUploaderAccessArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("hybrid-backup:index:ArchiveUploaderAccess", name, {}, opts);

    const issues = new Issues();
    validateArchiveUploaderAccessArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`ArchiveUploaderAccess ${name}`, issues.all).message,
        this,
      );
    }

    const parent = { parent: this };
    const partition = aws.getPartitionOutput({}, parent);
    const region = aws.getRegionOutput({}, parent);

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Put-only uploads from on premises into the archive bucket ${args.bucket}`,
        assumeRolePolicy: JSON.stringify(
          uploaderTrustPolicy(args.trustedPrincipalArns, {
            externalId: args.externalId,
            principalOrgId: args.principalOrgId,
          }),
        ),
        maxSessionDuration: args.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_DURATION_SECONDS,
        tags: { ...(args.tags ?? {}) },
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: pulumi.jsonStringify(
          pulumi
            .all([
              partition.partition,
              partition.dnsSuffix,
              region.region,
              args.kmsKeyArn,
              args.vpcEndpointId,
            ])
            .apply(([p, dnsSuffix, r, kmsKeyArn, vpcEndpointId]) =>
              uploaderPolicy({
                bucketArn: bucketArnOf(p, args.bucket),
                prefixes: args.prefixes,
                kmsKeyArn,
                vpcEndpointId,
                region: r,
                dnsSuffix,
              }),
            ),
        ),
      },
      parent,
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
  }
}
