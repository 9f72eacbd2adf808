import { classificationProperties, tierConventionProperties } from "../lib/config";
import { stackPolicy } from "../lib/policy-kit";
import { adviceOnly } from "../lib/stores";
import { selectionProblems, tierTagProblems } from "../lib/tier-checks";
import { partitionProperty } from "./backup-selection-coverage";

/**
 * Compute (EC2 instances) and buckets with no sign of holding data: the tier tag and selection
 * questions, as advice. A stateless instance or a website bucket usually needs no backup.
 */
export const backupCoverageAdvice = stackPolicy({
  name: "backup-coverage-advice",
  description:
    "EC2 instances and buckets with no sign of holding backups or archives carry a backup tier tag and are selected by a backup plan, or are exempt with a reason (advice).",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    "If the instance or bucket holds data that cannot be rebuilt, tag it with a tier and select it " +
    'in a backup plan; otherwise tag it with the exempt value (default "none") and a reason.',
  configSchema: {
    properties: {
      ...tierConventionProperties,
      ...classificationProperties,
      partition: partitionProperty,
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const resources = adviceOnly(stack, config);
    if (resources.length === 0) {
      args.notApplicable("The stack has no EC2 instance and no bucket without backup evidence.");
    }
    for (const resource of resources) {
      const problems = tierTagProblems(resource, config, findings);
      const tierOk = problems.length === 0;
      problems.push(...(tierOk ? selectionProblems(stack, resource, config, findings) : []));
      problems.forEach((p) => findings.violation(p, resource.urn));
    }
  },
});
