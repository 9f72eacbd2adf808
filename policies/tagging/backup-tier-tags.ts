import {
  classificationProperties,
  storeTypesProperty,
  tierConventionProperties,
} from "../lib/config";
import { stackPolicy } from "../lib/policy-kit";
import { storesOfRecord } from "../lib/stores";
import { tierTagProblems } from "../lib/tier-checks";

/** Stores of record carry a backup tier tag, or the exempt value with a reason (CFG required-tags). */
export const backupTierTags = stackPolicy({
  name: "backup-tier-tags",
  description:
    "Stores of record (databases, tables, file systems, volumes, stored volumes, buckets that hold backups or archives) carry a backup tier tag, or the exempt value with a reason tag.",
  severity: "medium",
  remediationSteps:
    'Tag the resource with the tier key (default "backup-tier") set to one of the configured tiers, ' +
    'or to the exempt value (default "none") together with the reason key (default ' +
    '"backup-exempt-reason") saying why it needs no backup. Provider default tags count.',
  configSchema: {
    properties: {
      ...tierConventionProperties,
      ...classificationProperties,
      storeTypes: storeTypesProperty,
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const stores = storesOfRecord(stack, config, findings);
    if (stores.length === 0 && findings.notes.length === 0) {
      args.notApplicable("The stack has no store of record.");
    }
    for (const store of stores) {
      tierTagProblems(store, config, findings).forEach((p) => findings.violation(p, store.urn));
    }
  },
});
