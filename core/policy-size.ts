/**
 * Size limits of policy documents, checked at preview with every value at its longest, so that the
 * check holds in any partition, region and account.
 */
import { type Issues } from "./validation";

/** Glacier vault access policies and vault lock policies: at most 20 KB. */
export const GLACIER_POLICY_MAX_BYTES = 20 * 1024;
/** IAM role trust policies: 2,048 characters under the default quota (whitespace not counted). */
export const IAM_TRUST_POLICY_MAX_CHARS = 2048;
/** IAM inline policies of one role together: 10,240 characters (whitespace not counted). */
export const IAM_ROLE_INLINE_POLICIES_MAX_CHARS = 10240;

/** The longest partition, region and KMS key id, for worst-case documents. */
export const LONGEST_PARTITION = "aws-us-gov";
export const LONGEST_REGION = "cn-northwest-1";
export const LONGEST_ACCOUNT_ID = "999999999999";
/** Key ids are UUIDs (36 characters) or, for multi-Region keys, `mrk-` and 32 hex digits. */
export const LONGEST_KMS_KEY_ARN = `arn:${LONGEST_PARTITION}:kms:${LONGEST_REGION}:${LONGEST_ACCOUNT_ID}:key/${"f".repeat(36)}`;
/** VPC endpoint ids: `vpce-` and 8 or 17 hex digits. */
export const LONGEST_VPC_ENDPOINT_ID = `vpce-${"f".repeat(17)}`;

/** The size of a document as AWS counts it: UTF-8 bytes of its JSON without whitespace. */
export function policySize(document: unknown): number {
  return Buffer.byteLength(JSON.stringify(document), "utf8");
}

/**
 * Records an issue when `document` is larger than `limit`; `describe` words it from the size and
 * the limit, completing the sentence after the path.
 */
export function checkPolicySize(
  issues: Issues,
  document: unknown,
  limit: number,
  describe: (size: number, limit: number) => string,
): boolean {
  const size = policySize(document);
  if (size <= limit) return true;
  issues.add(describe(size, limit));
  return false;
}
