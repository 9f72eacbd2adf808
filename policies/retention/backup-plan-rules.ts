import { deleteAfterProblem } from "../../core/aws-backup-limits";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck, show } from "../lib/report";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

const RULE_NAME = /^[0-9A-Za-z_.-]{1,50}$/;
const MIN_START_WINDOW_MINUTES = 60;

/** Problems AWS refuses in one lifecycle block (`lifecycle` of a rule or of a copy action). */
function lifecycleProblems(lifecycle: Prop, notes: (note: string) => void): string[] {
  const deleteAfter = lifecycle.get("deleteAfter");
  const cold = lifecycle.get("coldStorageAfter");
  if (deleteAfter.isUnknown || cold.isUnknown) {
    const unknown = deleteAfter.isUnknown ? deleteAfter : cold;
    notes(couldNotCheck(unknown, "is a lifecycle AWS accepts"));
    return [];
  }
  const days = deleteAfter.number();
  if (days === undefined) return [];
  const problem = deleteAfterProblem(days, cold.number());
  return problem === undefined ? [] : [`[${deleteAfter.path}] ${problem}`];
}

/**
 * A backup plan AWS accepts: a non-empty list of rules, each named, writing to a vault, with a
 * start window of at least an hour and lifecycles whose deletion comes at least 90 days after
 * the move to cold storage (for copies too).
 */
export const backupPlanRules = resourcePolicy({
  name: "backup-plan-rules",
  description:
    "Backup plans have at least one valid rule: a name, a target vault, a start window of at least 60 minutes, and lifecycles AWS accepts (deleteAfter at least coldStorageAfter + 90 days), for copies too.",
  severity: "high",
  remediationSteps:
    "Give the plan `rules: [{ ruleName, targetVaultName, schedule, lifecycle: { deleteAfter } }]`; " +
    "keep `deleteAfter` at least 90 days after `coldStorageAfter` (or drop cold storage) and " +
    "`startWindow` at 60 minutes or more.",
  configSchema: { properties: {} },
  resourceTypes: [T.backupPlan],
  validate: ({ props, findings }) => {
    const rules = props.get("rules");
    const problems: string[] = [];
    const note = (text: string): void => findings.unknown(text);
    if (rules.isUnknown) {
      note(couldNotCheck(rules, "is a non-empty list of valid rules"));
      return;
    }
    if (rules.isAbsent) {
      problems.push("[rules] is not set, but a backup plan needs at least one rule.");
    } else if (!rules.isList) {
      problems.push(`[rules] is ${show(rules.value)}, but must be a list of rules.`);
    } else if (rules.items().length === 0) {
      problems.push("[rules] is empty, but a backup plan needs at least one rule.");
    }
    for (const rule of rules.items()) {
      if (rule.isUnknown) {
        note(couldNotCheck(rule, "is a valid rule"));
        continue;
      }
      if (!rule.isObject) {
        problems.push(`[${rule.path}] is ${show(rule.value)}, but must be a rule object.`);
        continue;
      }
      const name = rule.get("ruleName");
      if (!name.isUnknown && !RULE_NAME.test(name.string() ?? "")) {
        problems.push(
          `[${name.path}] is ${name.isKnown ? show(name.value) : "not set"}, but must be 1-50 letters, digits, periods, dashes or underscores.`,
        );
      }
      const vault = rule.get("targetVaultName");
      if (vault.isAbsent || (vault.isKnown && vault.nonBlankString() === undefined)) {
        problems.push(`[${vault.path}] is not set, but every rule needs a target vault.`);
      }
      const startWindow = rule.get("startWindow").number();
      if (startWindow !== undefined && startWindow < MIN_START_WINDOW_MINUTES) {
        problems.push(
          `[${rule.get("startWindow").path}] is ${startWindow} minutes, but AWS needs at least ${MIN_START_WINDOW_MINUTES}.`,
        );
      }
      problems.push(...lifecycleProblems(rule.get("lifecycle"), note));
      for (const copy of rule.get("copyActions").items()) {
        problems.push(...lifecycleProblems(copy.get("lifecycle"), note));
      }
    }
    problems.forEach((problem) => findings.violation(problem));
  },
});
