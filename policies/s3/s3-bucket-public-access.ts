import { PolicyResource } from "@pulumi/policy";
import { isEveryone, readPolicyDocument, statementName } from "../lib/iam";
import { undeterminedNote } from "../lib/joins";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, label } from "../lib/report";
import { BucketSettings } from "../lib/s3";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

const PUBLIC_ACCESS_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

/** Canned ACLs that grant access to everyone or to every AWS account. */
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const ALL_USERS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** Public ACL grants of a canned ACL or an access control policy, as problem sentences. */
function aclProblems(owner: PolicyResource, props: Prop): string[] {
  const problems: string[] = [];
  const canned = props.get("acl").string();
  if (canned !== undefined && PUBLIC_ACLS.includes(canned)) {
    problems.push(`${label(owner)} [acl] is ${JSON.stringify(canned)}, a public canned ACL.`);
  }
  for (const policy of props.get("accessControlPolicy").blocks()) {
    for (const grant of policy.get("grants").items()) {
      const uri = grant.dig("grantee", "uri").string();
      if (uri !== undefined && ALL_USERS.includes(uri)) {
        problems.push(`${label(owner)} [${grant.path}] grants ${JSON.stringify(uri)}.`);
      }
    }
  }
  for (const grant of props.get("grants").items()) {
    const uri = grant.get("uri").string();
    if (uri !== undefined && ALL_USERS.includes(uri)) {
      problems.push(`${label(owner)} [${grant.path}] grants ${JSON.stringify(uri)}.`);
    }
  }
  return problems;
}

/**
 * Every bucket: a public access block with all four flags, no bucket policy statement allowing
 * `"*"` without a condition, and no public ACL grant. With all four flags on, S3 refuses public
 * policies and ignores public ACLs, so a policy document unknown during preview needs no note.
 */
export const s3BucketPublicAccess = stackPolicy({
  name: "s3-bucket-public-access",
  description:
    "Every bucket has a public access block with all four flags on, and grants nothing to everyone through its bucket policy or ACLs.",
  severity: "critical",
  remediationSteps:
    "Add an aws.s3.BucketPublicAccessBlock for the bucket with `blockPublicAcls`, `blockPublicPolicy`, " +
    '`ignorePublicAcls` and `restrictPublicBuckets` all true; remove bucket policy statements that allow `"*"` ' +
    "without a condition and public ACLs (`public-read`, grants to AllUsers or AuthenticatedUsers). " +
    "Serve public content through CloudFront with origin access control instead.",
  configSchema: { properties: {} },
  validate: ({ stack, findings, args }) => {
    const blocks = BucketSettings.join(stack, "publicAccessBlock");
    const policies = BucketSettings.join(stack, "policy");
    const acls = BucketSettings.join(stack, "acl");
    if (blocks.buckets.length === 0) {
      args.notApplicable("The stack has no S3 bucket.");
    }
    for (const bucket of blocks.buckets) {
      const problems: string[] = [];
      let blocked = false;
      const own = blocks.of(bucket);
      if (own.length === 0) {
        const possible = blocks.possiblyOf(bucket);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(bucket, possible));
        } else {
          problems.push(
            `${label(bucket)} has no ${T.bucketPublicAccessBlock}, but needs one with all four flags true.`,
          );
        }
      }
      for (const block of own) {
        const props = propsOf(block);
        const off = PUBLIC_ACCESS_FLAGS.filter((flag) => props.get(flag).boolean() !== true);
        const unknown = off.filter((flag) => props.get(flag).isUnknown);
        unknown.forEach((flag) =>
          findings.unknown(couldNotCheck(props.get(flag), "is true", block)),
        );
        const notOn = off.filter((flag) => !props.get(flag).isUnknown);
        if (notOn.length > 0) {
          problems.push(
            `${label(block)} leaves ${notOn.map((flag) => `[${flag}]`).join(", ")} not true; all four flags must be true.`,
          );
        }
        blocked ||= off.length === 0;
      }
      if (!blocked) {
        const documents = [
          { owner: bucket, prop: propsOf(bucket).get("policy") },
          ...policies
            .of(bucket)
            .map((policy) => ({ owner: policy, prop: propsOf(policy).get("policy") })),
        ];
        for (const { owner, prop } of documents) {
          const document = readPolicyDocument(prop);
          if (document.kind === "unknown") {
            findings.unknown(
              couldNotCheck(prop, 'allows nothing to "*" without a condition', owner),
            );
          }
          if (document.kind !== "ok") continue;
          for (const statement of document.statements) {
            if (
              statement.effect === "Allow" &&
              isEveryone(statement.principal) &&
              !statement.hasCondition
            ) {
              problems.push(
                `${label(owner)} [policy] ${statementName(statement)} allows ${JSON.stringify([...statement.actions])} to "*" without a condition.`,
              );
            }
          }
        }
        problems.push(...aclProblems(bucket, propsOf(bucket)));
        for (const acl of acls.of(bucket)) problems.push(...aclProblems(acl, propsOf(acl)));
      }
      problems.forEach((problem) => findings.violation(problem, bucket.urn));
    }
  },
});
