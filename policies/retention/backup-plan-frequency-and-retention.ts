import { MAX_INTERVAL_HOURS, perTier } from "../lib/config";
import { type RuleSchedule, checkRuleSchedule, planGapMinutes } from "../lib/cron";
import { checkRetentionFloor, planTier, planTierProperties } from "../lib/plan-tier";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck, either, Findings, mustBe, show } from "../lib/report";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

/** AWS Backup's schedule when a rule sets none. */
const DEFAULT_SCHEDULE = "cron(0 5 ? * * *)";

function hoursText(minutes: number): string {
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)} hours`;
}

export const backupPlanFrequencyAndRetention = resourcePolicy({
  name: "backup-plan-frequency-and-retention",
  description:
    "A backup plan's rules together back up at least as often as its tier needs, and every rule keeps recovery points at least the tier's floor.",
  severity: "high",
  remediationSteps:
    'Tag the plan with its tier (default key "backup-tier"), then give each rule a `schedule` cron ' +
    "expression so that the rules together leave no gap longer than the tier's `maxIntervalHours` (or " +
    "use `enableContinuousBackup`), and a `lifecycle.deleteAfter` of at least the tier's `retentionFloorDays`.",
  configSchema: {
    properties: {
      ...planTierProperties,
      maxIntervalHours: perTier(
        "Longest allowed gap between two scheduled backups in hours, per tier.",
        MAX_INTERVAL_HOURS,
        8784,
      ),
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings }) => {
    const tier = planTier(props, providerProps, config, findings);
    if (tier === undefined) {
      return;
    }
    const floor = config.retentionFloorDays[tier];
    const maxHours = config.maxIntervalHours[tier];
    const rules = props.get("rules");
    if (rules.isUnknown) {
      findings.unknown(couldNotCheck(rules, `meet the ${tier} tier's frequency and retention`));
      return;
    }
    const known = rules.items().filter((rule) => {
      if (rule.isUnknown) {
        findings.unknown(couldNotCheck(rule, `meets the ${tier} tier's frequency and retention`));
      }
      return !rule.isUnknown;
    });
    if (floor !== undefined) {
      known.forEach((rule) => checkRetentionFloor(findings, rule.get("lifecycle"), floor, tier));
    }
    if (maxHours !== undefined) {
      checkPlanFrequency(findings, known, maxHours, tier, known.length < rules.items().length);
    }
  },
});

/**
 * Checks that the plan's rules together back up at least every `maxHours`: a plan's rules add up
 * (a daily rule next to a monthly long-term one is fine), and a continuous rule is always enough.
 */
function checkPlanFrequency(
  findings: Findings,
  rules: readonly Prop[],
  maxHours: number,
  tier: string,
  someRulesUnknown: boolean,
): void {
  const expectation = `runs at least every ${maxHours} hours`;
  const undecided: string[] = [];
  const schedules: { schedule: RuleSchedule; expression: string; prop: Prop }[] = [];
  let continuousRule = false;
  for (const rule of rules) {
    const continuous = rule.get("enableContinuousBackup");
    if (continuous.boolean() === true) {
      continuousRule = true;
      continue;
    }
    const schedule = rule.get("schedule");
    const timeZone = rule.get("scheduleExpressionTimezone");
    const unknown = [continuous, schedule, timeZone].find((p) => p.isUnknown);
    if (unknown !== undefined) {
      undecided.push(
        couldNotCheck(
          unknown,
          unknown === continuous ? `makes backups at least every ${maxHours} hours` : expectation,
        ),
      );
      continue;
    }
    const expression = schedule.isAbsent ? DEFAULT_SCHEDULE : schedule.string();
    if (expression === undefined) {
      findings.violation(mustBe(schedule, "a cron(...) expression"));
      continue;
    }
    const parsed = checkRuleSchedule(expression, timeZone.isAbsent ? undefined : timeZone.value);
    if (parsed.kind === "invalid") {
      const prop = parsed.field === "schedule" ? schedule : timeZone;
      findings.violation(`[${prop.path}] ${parsed.reason}`);
    } else {
      schedules.push({ schedule: parsed.schedule, expression, prop: schedule });
    }
  }
  const minutes = planGapMinutes(schedules.map((entry) => entry.schedule));
  const gap = Number.isFinite(minutes) ? minutes : undefined;
  if (continuousRule || (gap !== undefined && gap <= maxHours * 60)) {
    return;
  }
  if (undecided.length > 0 || someRulesUnknown) {
    // The rules not evaluated may well close the gaps.
    undecided.forEach((note) => findings.unknown(note));
    return;
  }
  if (schedules.length === 0) {
    return;
  }
  const need = `the ${tier} tier needs one at least every ${maxHours} hours`;
  const leaves =
    gap === undefined ? "never runs" : `leaves up to ${hoursText(gap)} between backups`;
  const only = schedules.length === 1 ? schedules[0] : undefined;
  if (only !== undefined) {
    const given = only.prop.isAbsent
      ? `is not set, so AWS runs ${DEFAULT_SCHEDULE}`
      : `is ${show(only.expression)}`;
    findings.violation(`[${only.prop.path}] ${given}, which ${leaves}, but ${need}.`);
    return;
  }
  const expressions = either(
    schedules.map(
      (entry) => `${show(entry.expression)}${entry.prop.isAbsent ? " (the default)" : ""}`,
    ),
    "and",
  );
  findings.violation(
    `[rules] schedules ${expressions} together ${gap === undefined ? "never run" : `leave up to ${hoursText(gap)} between backups`}, but ${need}.`,
  );
}
