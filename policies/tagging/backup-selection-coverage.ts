import {
  classificationProperties,
  storeTypesProperty,
  text,
  tierConventionProperties,
} from "../lib/config";
import { stackPolicy } from "../lib/policy-kit";
import { storesOfRecord } from "../lib/stores";
import { selectionProblems } from "../lib/tier-checks";

export const partitionProperty = text(
  "AWS partition used to match ARN patterns before the ARNs exist.",
  "aws",
);

/** Stores of record are selected by a backup plan (AM BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN). */
export const backupSelectionCoverage = stackPolicy({
  name: "backup-selection-coverage",
  description:
    "Every store of record that is not exempt is selected by an AWS Backup selection, by ARN or by tags.",
  severity: "high",
  remediationSteps:
    "Add the resource to an aws.backup.Selection: list its ARN in `resources`, or give it tags that " +
    "a selection's `selectionTags` or `conditions` match (for example its backup tier). If it needs " +
    'no backup, tag it with the exempt tier value and a reason (default "none" and "backup-exempt-reason").',
  configSchema: {
    properties: {
      ...tierConventionProperties,
      ...classificationProperties,
      storeTypes: storeTypesProperty,
      partition: partitionProperty,
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const stores = storesOfRecord(stack, config, findings);
    if (stores.length === 0 && findings.notes.length === 0) {
      args.notApplicable("The stack has no store of record.");
    }
    for (const store of stores) {
      selectionProblems(stack, store, config, findings).forEach((p) =>
        findings.violation(p, store.urn),
      );
    }
  },
});
