/**
 * AWS Backup rule schedules for the pack's policies, read by the schedule package
 * `@hybrid-backup/aws-schedule` (the project's one AWS schedule evaluator). The API:
 *
 * - `checkRuleSchedule(expression, timeZone)`: a rule's `schedule` and
 *   `scheduleExpressionTimezone` (undefined: AWS's default, Etc/UTC), judged as AWS Backup plan
 *   rules take them (cron only, at most hourly, an IANA zone). Gives
 *   `{ kind: "ok", schedule }` or `{ kind: "invalid", field, reason }`, where `field` says which of
 *   the two is wrong and `reason` is the rest of a sentence that starts with the value
 *   (`is "rate(1 day)", but AWS Backup plan rules take only cron expressions, ...`). Never throws.
 * - `planGapMinutes(schedules, year?)`: the worst-case gap, in minutes, between backups of several
 *   rules together, each in its own zone, around the reference year (2027 by default); `Infinity`
 *   when unbounded (never runs, stops, or has no run before its first).
 *
 * Packaging: the pack depends on `@hybrid-backup/aws-schedule` as a regular, version-pinned npm
 * dependency (see package.json). In this repository npm workspaces link it; `pulumi policy
 * publish` packs the pack with `npm pack` and the engine runs `npm install` on it, which fetches
 * the package from the organization's registry, where it is published (zero dependencies, built
 * JavaScript in `dist/`) before the pack.
 */
import {
  type CronSchedule,
  DEFAULT_REFERENCE_YEAR,
  ScheduleService,
  combinedWorstCaseGapMinutes,
  parseSchedule,
  timeZoneProblem,
} from "@hybrid-backup/aws-schedule";

/** AWS Backup's time zone when a rule sets no `scheduleExpressionTimezone`. */
export const DEFAULT_RULE_TIME_ZONE = "Etc/UTC";

/** A valid rule schedule in its time zone. */
export interface RuleSchedule {
  readonly schedule: CronSchedule;
  readonly timeZone: string;
}

export type RuleScheduleCheck =
  | { readonly kind: "ok"; readonly schedule: RuleSchedule }
  | {
      readonly kind: "invalid";
      /** Which setting is wrong: the rule's `schedule` or its `scheduleExpressionTimezone`. */
      readonly field: "schedule" | "scheduleExpressionTimezone";
      /** The rest of a sentence starting with the value: `is "...", but ...`. */
      readonly reason: string;
    };

/** Judges a rule's schedule expression and time zone as AWS Backup takes them. */
export function checkRuleSchedule(expression: unknown, timeZone: unknown): RuleScheduleCheck {
  const parsed = parseSchedule(expression, { service: ScheduleService.BackupRule });
  if (!parsed.ok) {
    return { kind: "invalid", field: "schedule", reason: parsed.problems.join(" ") };
  }
  const zone = timeZone ?? DEFAULT_RULE_TIME_ZONE;
  const problem = timeZoneProblem(zone);
  if (problem !== undefined) {
    return { kind: "invalid", field: "scheduleExpressionTimezone", reason: problem };
  }
  // parseSchedule for AWS Backup rules gives cron schedules only.
  const schedule = parsed.schedule as CronSchedule;
  return { kind: "ok", schedule: { schedule, timeZone: zone as string } };
}

/** The worst-case gap, in minutes, between backups of several rules together. */
export function planGapMinutes(
  schedules: readonly RuleSchedule[],
  year: number = DEFAULT_REFERENCE_YEAR,
): number {
  return combinedWorstCaseGapMinutes(schedules, year);
}
