/**
 * AWS schedule expressions, as AWS Backup plan rules, restore testing plans and EventBridge take
 * them: parsing with errors that name the field, the instants a cron schedule fires in any IANA
 * time zone, and the worst-case gap between fires.
 *
 * ```ts
 * import { worstCaseGapMinutes, parseSchedule } from "@hybrid-backup/aws-schedule";
 *
 * worstCaseGapMinutes("cron(30 2 ? * * *)", "America/New_York", 2027); // 2820: the spring-forward night
 * parseSchedule("rate(1 day)", { service: "backup-rule" }); // { ok: false, problems: [...] }
 * ```
 */
export {
  DEFAULT_REFERENCE_YEAR,
  FIRST_YEAR,
  LAST_YEAR,
  SCHEDULE_SERVICES,
  ScheduleError,
  ScheduleService,
  checkSchedule,
  checkTimeZone,
  combinedWorstCaseGapMinutes,
  cronFires,
  describeValue,
  fireSpan,
  firesPerDay,
  largestGap,
  matchingDays,
  minIntervalMinutes,
  parseSchedule,
  requireSchedule,
  timeZoneProblem,
  worstCaseGapMinutes,
} from "./cron";
export type {
  CronFieldName,
  CronSchedule,
  DayOfMonthRule,
  DayOfWeekRule,
  FireSpan,
  Gap,
  ParseOptions,
  ParseResult,
  ProblemSink,
  RateSchedule,
  Schedule,
  ZonedSchedule,
} from "./cron";
export { isKnownTimeZone } from "./time-zone";
