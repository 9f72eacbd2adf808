/**
 * The arguments of the ArchiveUploaderAccess component and their checks, pure so that the
 * stack configuration runs the same checks before anything is created.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkBucketName } from "./archive-names";
import {
  IAM_PRINCIPAL_ARN,
  TRUST_ANCHOR_ARN,
  bucketArnOf,
  uploaderPolicy,
  rootAccountOf,
  uploaderTrustPolicy,
} from "./archive-policies";
import {
  IAM_ROLE_INLINE_POLICIES_MAX_CHARS,
  IAM_TRUST_POLICY_MAX_CHARS,
  LONGEST_KMS_KEY_ARN,
  LONGEST_PARTITION,
  LONGEST_REGION,
  LONGEST_VPC_ENDPOINT_ID,
  checkPolicySize,
} from "./policy-size";
import { PREFIX_PATTERN, PREFIX_RULE } from "./s3-lifecycle-rules";
import { Issues, checkIntRange, checkPattern, checkUnique, show } from "./validation";
export interface ArchiveUploaderAccessArgs {
  /** Name of the archive bucket the uploaders write into. */
  readonly bucket: string;
  /** ARN of the bucket's KMS key (the only key uploads may use). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The key prefixes the uploaders may write under, each ending with `/`. */
  readonly prefixes: string[];
  /**
   * Who may assume the role: IAM principal ARNs (an account root, a role or a user, e.g. the
   * role of an on-premises account) and IAM Roles Anywhere trust anchor ARNs (certificates issued
   * under the anchor obtain sessions through a Roles Anywhere profile that lists this role).
   */
  readonly trustedPrincipalArns: string[];
  /**
   * The account of the role, when known as a plain value: the root of any other account in
   * `trustedPrincipalArns` needs `externalId` or `principalOrgId`, or every principal of that
   * account could assume the role. @default undefined (account roots are not checked)
   */
  readonly accountId?: string;
  /**
   * The `sts:ExternalId` every IAM principal must pass to assume the role (2-1224 characters of
   * `[\w+=,.@:/-]`). @default undefined
   */
  readonly externalId?: string;
  /** The AWS Organizations id (`o-...`) every IAM principal must belong to. @default undefined */
  readonly principalOrgId?: string;
  /** Id of the existing S3 VPC endpoint (`vpce-...`) every request must come through. */
  readonly vpcEndpointId: pulumi.Input<string>;
  /**
   * Longest session the role grants, in seconds (3600-43200).
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * Tags for the role.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const DEFAULT_MAX_SESSION_DURATION_SECONDS = 3600;
/** VPC endpoint ids: `vpce-` and 8 or 17 hexadecimal digits. */
export const VPC_ENDPOINT_ID_PATTERN = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/;
const PRINCIPAL_RULE =
  "must be an IAM principal ARN (an account root, a role or a user) or an IAM Roles Anywhere trust anchor ARN " +
  "(arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>)";
/** The longest DNS suffix of a partition (`amazonaws.com.cn`), for worst-case policy sizes. */
const LONGEST_DNS_SUFFIX = "amazonaws.com.cn";

const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Records the problems of the trust conditions' formats. */
function checkTrustConditions(
  issues: Issues,
  args: Pick<ArchiveUploaderAccessArgs, "externalId" | "principalOrgId">,
): void {
  if (args.externalId !== undefined) {
    checkPattern(
      issues.at("externalId"),
      args.externalId,
      EXTERNAL_ID,
      "must be 2-1224 letters, digits or +=,.@:/-_",
    );
  }
  if (args.principalOrgId !== undefined) {
    checkPattern(
      issues.at("principalOrgId"),
      args.principalOrgId,
      ORGANIZATION_ID,
      'must be an organization id like "o-" followed by 10-32 lowercase letters or digits',
    );
  }
}

/**
 * Records every root of an account other than `accountId` trusted without `externalId` or
 * `principalOrgId`: it would let any principal of that account (anyone its administrators allow)
 * write into the archive.
 */
export function checkTrustedAccountRoots(
  issues: Issues,
  args: Pick<ArchiveUploaderAccessArgs, "trustedPrincipalArns" | "externalId" | "principalOrgId">,
  accountId: string,
): void {
  if (args.externalId !== undefined || args.principalOrgId !== undefined) return;
  args.trustedPrincipalArns.forEach((arn, index) => {
    const account = rootAccountOf(arn);
    if (account === undefined || account === accountId) return;
    issues
      .at("trustedPrincipalArns")
      .at(index)
      .add(
        `is ${show(arn)}, the whole account ${account}, not the role's account ${accountId}, but trusting another account needs externalId or principalOrgId: otherwise anyone that account allows could assume the role.`,
      );
  });
}

/** Records every problem of the args; the paths are the arg names (the config keys too). */
export function validateArchiveUploaderAccessArgs(
  args: ArchiveUploaderAccessArgs,
  issues: Issues,
): void {
  const bucketOk = checkBucketName(issues.at("bucket"), args.bucket);
  const prefixIssues = issues.at("prefixes");
  if (args.prefixes.length === 0) {
    prefixIssues.add("has 0 items, but must have at least 1 item.");
  }
  let prefixesOk = args.prefixes.length > 0;
  args.prefixes.forEach((prefix, index) => {
    prefixesOk =
      checkPattern(prefixIssues.at(index), prefix, PREFIX_PATTERN, PREFIX_RULE) && prefixesOk;
  });
  prefixesOk = checkUnique(prefixIssues, args.prefixes, "prefix") && prefixesOk;

  const principalIssues = issues.at("trustedPrincipalArns");
  if (args.trustedPrincipalArns.length === 0) {
    principalIssues.add("has 0 items, but must have at least 1 item.");
  }
  let principalsOk = args.trustedPrincipalArns.length > 0;
  args.trustedPrincipalArns.forEach((arn, index) => {
    if (!IAM_PRINCIPAL_ARN.test(arn) && !TRUST_ANCHOR_ARN.test(arn)) {
      principalIssues.at(index).add(`is ${show(arn)}, but ${PRINCIPAL_RULE}.`);
      principalsOk = false;
    }
  });
  principalsOk =
    checkUnique(principalIssues, args.trustedPrincipalArns, "principal") && principalsOk;
  checkTrustConditions(issues, args);
  if (args.accountId !== undefined) checkTrustedAccountRoots(issues, args, args.accountId);
  if (principalsOk) {
    checkPolicySize(
      principalIssues,
      uploaderTrustPolicy(args.trustedPrincipalArns, args),
      IAM_TRUST_POLICY_MAX_CHARS,
      (size, limit) =>
        `lists ${args.trustedPrincipalArns.length} principals, which make the role's trust policy ${size} characters long, ` +
        `but IAM accepts at most ${limit} under the default quota; trust fewer principals (an account root ARN admits the account's roles).`,
    );
  }

  const endpointIsPlain = typeof args.vpcEndpointId === "string";
  if (endpointIsPlain) {
    checkPattern(
      issues.at("vpcEndpointId"),
      args.vpcEndpointId,
      VPC_ENDPOINT_ID_PATTERN,
      "must be a VPC endpoint id such as vpce-0a1b2c3d4e5f60718",
    );
  }
  if (args.maxSessionDurationSeconds !== undefined) {
    checkIntRange(
      issues.at("maxSessionDurationSeconds"),
      args.maxSessionDurationSeconds,
      3600,
      43200,
      "seconds",
    );
  }
  if (bucketOk && prefixesOk) {
    checkPolicySize(
      prefixIssues,
      uploaderPolicy({
        bucketArn: bucketArnOf(LONGEST_PARTITION, args.bucket),
        prefixes: args.prefixes,
        kmsKeyArn: LONGEST_KMS_KEY_ARN,
        vpcEndpointId: LONGEST_VPC_ENDPOINT_ID,
        region: LONGEST_REGION,
        dnsSuffix: LONGEST_DNS_SUFFIX,
      }),
      IAM_ROLE_INLINE_POLICIES_MAX_CHARS,
      (size, limit) =>
        `lists ${args.prefixes.length} prefixes, which make the role's policy up to ${size} characters long, ` +
        `but IAM accepts at most ${limit} for the inline policies of a role; use fewer, shorter prefixes.`,
    );
  }
}
