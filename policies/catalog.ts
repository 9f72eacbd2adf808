/**
 * Every policy of the pack, for the pack entry point, the tests and the README. Importing this
 * module starts nothing; only `index.ts` creates the `PolicyPack` (which serves over gRPC).
 */
import { PackPolicy } from "./lib/policy-kit";
import { taggingPolicies } from "./tagging";
import { retentionPolicies } from "./retention";
import { encryptionPolicies } from "./encryption";
import { s3Policies } from "./s3";
import { safetyPolicies } from "./safety";
import { auditPolicies } from "./audit";
import { objectivesPolicies } from "./objectives";
import { protectionPolicies } from "./protection";

export const PACK_NAME = "hybrid-backup-policies";

export const allPolicies: readonly PackPolicy[] = [
  ...taggingPolicies,
  ...retentionPolicies,
  ...encryptionPolicies,
  ...s3Policies,
  ...safetyPolicies,
  ...auditPolicies,
  ...objectivesPolicies,
  ...protectionPolicies,
];
