/**
 * Every policy of the pack, for the pack entry point, the tests and the README. Importing this
 * module starts nothing; only `index.ts` creates the `PolicyPack` (which serves over gRPC).
 */
import { auditPolicies } from "./audit";
import { encryptionPolicies } from "./encryption";
import { PackPolicy } from "./lib/policy-kit";
import { objectivesPolicies } from "./objectives";
import { retentionPolicies } from "./retention";
import { safetyPolicies } from "./safety";
import { taggingPolicies } from "./tagging";

export const PACK_NAME = "hybrid-backup-policies";

export const allPolicies: readonly PackPolicy[] = [
  ...taggingPolicies,
  ...retentionPolicies,
  ...encryptionPolicies,
  ...safetyPolicies,
  ...auditPolicies,
  ...objectivesPolicies,
];
