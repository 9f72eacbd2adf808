import { checkRetentionFloor, planTier, planTierProperties } from "../lib/plan-tier";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck } from "../lib/report";
import { T } from "../lib/types";

export const backupCopyRetention = resourcePolicy({
  name: "backup-copy-retention",
  description: "Every copy action of a backup plan keeps its copies at least the tier's floor.",
  severity: "high",
  remediationSteps:
    "Set `lifecycle.deleteAfter` of each `copyActions` entry to at least the plan tier's " +
    "`retentionFloorDays` (or leave `lifecycle` unset to keep copies until deleted).",
  configSchema: { properties: planTierProperties },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings }) => {
    const tier = planTier(props, providerProps, config, findings);
    const floor = tier === undefined ? undefined : config.retentionFloorDays[tier];
    if (tier === undefined || floor === undefined) {
      return;
    }
    const rules = props.get("rules");
    if (rules.isUnknown) {
      findings.unknown(couldNotCheck(rules, `keep copies at least ${floor} days`));
      return;
    }
    for (const rule of rules.items()) {
      const actions = rule.get("copyActions");
      if (actions.isUnknown) {
        findings.unknown(couldNotCheck(actions, `keep copies at least ${floor} days`));
        continue;
      }
      for (const action of actions.items()) {
        checkRetentionFloor(findings, action.get("lifecycle"), floor, tier);
      }
    }
  },
});
