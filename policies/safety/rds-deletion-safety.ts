import { resourcePolicy } from "../lib/policy-kit";
import { T } from "../lib/types";

/**
 * Databases keep a final snapshot or refuse deletion: `skipFinalSnapshot: true` without
 * `deletionProtection` lets one `pulumi destroy` (or a replacement) drop every byte.
 */
export const rdsDeletionSafety = resourcePolicy({
  name: "rds-deletion-safety",
  description:
    "RDS instances and clusters (and DocumentDB and Neptune clusters) take a final snapshot on deletion or have deletion protection.",
  severity: "critical",
  remediationSteps:
    "Set `deletionProtection: true`, or leave `skipFinalSnapshot` false and name a `finalSnapshotIdentifier`.",
  configSchema: { properties: {} },
  resourceTypes: [T.rdsInstance, T.rdsCluster, T.docdbCluster, T.neptuneCluster],
  validate: ({ props, findings }) => {
    const skip = props.get("skipFinalSnapshot");
    const protection = props.get("deletionProtection");
    if (skip.isUnknown || protection.isUnknown) {
      const unknown = skip.isUnknown ? skip : protection;
      findings.unknown(
        `could not check that [${unknown.path}] keeps a final snapshot or deletion protection, because it is unknown during preview.`,
      );
      return;
    }
    if (skip.boolean() === true && protection.boolean() !== true) {
      findings.violation(
        "[skipFinalSnapshot] is true and [deletionProtection] is not true: deleting or replacing the database loses its data. Set deletionProtection: true, or take a final snapshot (skipFinalSnapshot: false with a finalSnapshotIdentifier).",
      );
    }
  },
});
