/**
 * Parsing AWS schedule expressions and enumerating when a cron schedule fires in an IANA time
 * zone. The public surface is re-exported by `index.ts`.
 *
 * Syntax (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)` with `, - * ? / L W #`, and
 * `rate(value unit)`. Daylight saving follows what EventBridge Scheduler documents
 * (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst): a fire whose local time
 * does not exist on the day clocks go forward is skipped, and a local time that occurs twice on the
 * day clocks go back fires once, at its first occurrence.
 */
import { ZoneClock, isKnownTimeZone } from "./time-zone";

/** The calendar year whose fires are measured unless a caller names another. */
export const DEFAULT_REFERENCE_YEAR = 2027;
/** The earliest and latest years AWS accepts in the year field. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;

const MINUTE_MS = 60_000;
export type CronFieldName = "minutes" | "hours" | "day-of-month" | "month" | "day-of-week" | "year";

const FIELD_ORDER: readonly CronFieldName[] = [
  "minutes",
  "hours",
  "day-of-month",
  "month",
  "day-of-week",
  "year",
];

interface FieldRule {
  readonly min: number;
  readonly max: number;
  /** Upper-case names accepted for values, the first being `min`. */
  readonly names?: readonly string[];
  /** What the field takes, completing "the ... field takes ...". */
  readonly allowed: string;
}

const MONTH_NAMES = [
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
] as const;
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const FIELD_RULES: Readonly<Record<CronFieldName, FieldRule>> = {
  minutes: { min: 0, max: 59, allowed: "0-59 and , - * /" },
  hours: { min: 0, max: 23, allowed: "0-23 and , - * /" },
  "day-of-month": { min: 1, max: 31, allowed: "1-31 and , - * ? / L W" },
  month: { min: 1, max: 12, names: MONTH_NAMES, allowed: "1-12 or JAN-DEC and , - * /" },
  "day-of-week": {
    min: 1,
    max: 7,
    names: WEEKDAY_NAMES,
    allowed: "1-7 or SUN-SAT (1 = SUN) and , - * ? / L #",
  },
  year: { min: FIRST_YEAR, max: LAST_YEAR, allowed: "1970-2199 and , - * /" },
};

/** Which days of a month the day-of-month field selects. */
export type DayOfMonthRule =
  /** Listed days; index 1-31. */
  | { readonly kind: "days"; readonly days: readonly boolean[] }
  /** `L`: the last day of the month. */
  | { readonly kind: "last" }
  /** `LW`: the last weekday (Monday-Friday) of the month. */
  | { readonly kind: "last-weekday" }
  /** `nW`: the weekday nearest to day n, within the same month. */
  | { readonly kind: "nearest-weekday"; readonly day: number };

/** Which days of a month the day-of-week field selects; weekdays are 1 (Sunday) to 7. */
export type DayOfWeekRule =
  /** Listed weekdays; index 1-7. */
  | { readonly kind: "weekdays"; readonly weekdays: readonly boolean[] }
  /** `nL`: the last weekday n of the month. */
  | { readonly kind: "last-of-month"; readonly weekday: number }
  /** `n#k`: the k-th weekday n of the month. */
  | { readonly kind: "nth-of-month"; readonly weekday: number; readonly nth: number };

export interface CronSchedule {
  readonly kind: "cron";
  readonly expression: string;
  /** Ascending minutes 0-59. */
  readonly minutes: readonly number[];
  /** Ascending hours 0-23. */
  readonly hours: readonly number[];
  /** Ascending months 1-12. */
  readonly months: readonly number[];
  /** Whether a year fires; index `year - FIRST_YEAR`. */
  readonly years: readonly boolean[];
  /** Exactly one of the two day rules is set; the other field was `?`. */
  readonly dayOfMonth?: DayOfMonthRule;
  readonly dayOfWeek?: DayOfWeekRule;
}

export interface RateSchedule {
  readonly kind: "rate";
  readonly expression: string;
  readonly intervalMinutes: number;
}

export type Schedule = CronSchedule | RateSchedule;

/** A problem in one field, before it is turned into a sentence. */
class FieldProblem {
  constructor(readonly reason: string) {}
}

/** Which AWS service runs the schedule: it decides whether `rate()` is allowed and how often. */
export const ScheduleService = {
  /**
   * An AWS Backup plan rule (`ScheduleExpression`): cron only, at most hourly (a single minute
   * value, so that no two fires fall in the same hour).
   */
  BackupRule: "backup-rule",
  /** An AWS Backup restore testing plan (`ScheduleExpression`): cron only. */
  RestoreTesting: "restore-testing",
  /** An EventBridge rule or EventBridge Scheduler schedule: cron or rate. */
  EventBridge: "eventbridge",
} as const;
export type ScheduleService = (typeof ScheduleService)[keyof typeof ScheduleService];

/** What a service takes: whether it takes `rate()`, and whether it fires at most hourly. */
const SERVICE_RULES: Readonly<
  Record<
    ScheduleService,
    { readonly name: string; readonly rate: boolean; readonly hourly: boolean }
  >
> = {
  "backup-rule": { name: "AWS Backup plan rules", rate: false, hourly: true },
  "restore-testing": { name: "AWS Backup restore testing plans", rate: false, hourly: false },
  eventbridge: { name: "EventBridge schedules", rate: true, hourly: false },
};

/** The services a schedule may be checked for. */
export const SCHEDULE_SERVICES: readonly ScheduleService[] = Object.values(ScheduleService);

export interface ParseOptions {
  /** The service that runs the schedule. @default "backup-rule" */
  readonly service?: ScheduleService;
}

/**
 * The outcome of parsing: the schedule, or the problems, each the rest of a sentence that starts
 * with the name of the setting, for example
 * `is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".`
 */
export type ParseResult =
  | { readonly ok: true; readonly schedule: Schedule }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Describes a value for a message: strings quoted (and cut at 80 characters), others as JSON. */
export function describeValue(value: unknown): string {
  let text: string | undefined;
  try {
    text =
      typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown by the functions that need a valid schedule; `problems` are whole sentences. */
export class ScheduleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ScheduleError";
  }
}

/**
 * Parses a schedule expression for a service (by default an AWS Backup plan rule, which takes
 * cron only, at most hourly). Never throws: a non-string, a malformed expression or a form the
 * service refuses gives `{ ok: false, problems }`.
 */
export function parseSchedule(expression: unknown, options: ParseOptions = {}): ParseResult {
  const service = options.service ?? ScheduleService.BackupRule;
  const rules = SERVICE_RULES[service];
  if (rules === undefined) {
    return {
      ok: false,
      problems: [
        `names the service ${describeValue(service)}, but the services are ${SCHEDULE_SERVICES.join(", ")}.`,
      ],
    };
  }
  const problems: string[] = [];
  const schedule = parseAny(expression, problems);
  if (schedule === undefined) return { ok: false, problems };
  if (schedule.kind === "rate" && !rules.rate) {
    problems.push(
      `is ${describeValue(expression)}, but ${rules.name} take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.`,
    );
  } else if (schedule.kind === "cron" && rules.hourly && schedule.minutes.length !== 1) {
    problems.push(
      `is ${describeValue(expression)}, whose minutes field fires ${schedule.minutes.length} times an hour, but ${rules.name} run at most hourly: the minutes field must be a single minute from 0 to 59.`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedule };
}

/**
 * Parses a schedule or throws a {@link ScheduleError} whose sentences start with `[path]`.
 * @param path the name of the setting, for messages. @default "schedule"
 */
export function requireSchedule(
  expression: unknown,
  options: ParseOptions & { readonly path?: string } = {},
): Schedule {
  const parsed = parseSchedule(expression, options);
  if (parsed.ok) return parsed.schedule;
  const path = options.path ?? "schedule";
  throw new ScheduleError(parsed.problems.map((problem) => `[${path}] ${problem}`));
}

function parseAny(expression: unknown, problems: string[]): Schedule | undefined {
  if (typeof expression !== "string") {
    problems.push(
      `is ${describeValue(expression)}, but a schedule expression must be a string such as "cron(0 5 ? * * *)".`,
    );
    return undefined;
  }
  const cron = /^cron\((.*)\)$/s.exec(expression);
  if (cron !== null) {
    return parseCron(expression, cron[1] ?? "", problems);
  }
  const rate = /^rate\((.*)\)$/s.exec(expression);
  if (rate !== null) {
    return parseRate(expression, rate[1] ?? "", problems);
  }
  problems.push(
    `is ${describeValue(expression)}, but a schedule must be "cron(Minutes Hours Day-of-month Month Day-of-week Year)" or "rate(value unit)".`,
  );
  return undefined;
}

function parseRate(expression: string, body: string, problems: string[]): RateSchedule | undefined {
  const match = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  const value = match === null ? 0 : Number(match[1]);
  const unit = match?.[2] ?? "";
  if (match === null || !Number.isSafeInteger(value) || value < 1) {
    problems.push(
      `is ${describeValue(expression)}, but a rate needs a positive whole number and a unit of minutes, hours or days, as in "rate(1 hour)" or "rate(12 hours)".`,
    );
    return undefined;
  }
  const singular = !unit.endsWith("s");
  if (singular !== (value === 1)) {
    const wanted = value === 1 ? unit.replace(/s$/, "") : `${unit}s`;
    problems.push(
      `is ${describeValue(expression)}, but the unit must be singular for 1 and plural otherwise: "rate(${value} ${wanted})".`,
    );
    return undefined;
  }
  const minutesPerUnit = unit.startsWith("minute") ? 1 : unit.startsWith("hour") ? 60 : 1440;
  return { kind: "rate", expression, intervalMinutes: value * minutesPerUnit };
}

function parseCron(expression: string, body: string, problems: string[]): CronSchedule | undefined {
  const fields = body
    .trim()
    .split(/\s+/)
    .filter((field) => field !== "");
  if (fields.length !== 6) {
    problems.push(
      `is ${describeValue(expression)}, but a cron expression needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) and this one has ${fields.length}.`,
    );
    return undefined;
  }
  const text = (name: CronFieldName): string => fields[FIELD_ORDER.indexOf(name)] ?? "";
  const before = problems.length;
  const fieldProblem = (name: CronFieldName, problem: FieldProblem): undefined => {
    problems.push(
      `is ${describeValue(expression)}, but its ${name} field ${describeValue(text(name))} is invalid (${problem.reason}): the ${name} field takes ${FIELD_RULES[name].allowed}.`,
    );
    return undefined;
  };
  const simple = (name: CronFieldName): boolean[] | undefined => {
    const parsed = parseList(text(name), FIELD_RULES[name]);
    return parsed instanceof FieldProblem ? fieldProblem(name, parsed) : parsed;
  };

  const minutes = simple("minutes");
  const hours = simple("hours");
  const months = simple("month");
  const years = simple("year");

  const domText = text("day-of-month");
  const dowText = text("day-of-week");
  let dayOfMonth: DayOfMonthRule | undefined;
  let dayOfWeek: DayOfWeekRule | undefined;
  if (domText === "?" && dowText === "?") {
    problems.push(
      `is ${describeValue(expression)}, but day-of-month and day-of-week cannot both be "?": exactly one of them must be "?".`,
    );
  } else if (domText === "*" && dowText === "*") {
    problems.push(
      `is ${describeValue(expression)}, but day-of-month and day-of-week cannot both be "*": one of them must be "?".`,
    );
  } else if (domText !== "?" && dowText !== "?") {
    problems.push(
      `is ${describeValue(expression)}, but day-of-month ${describeValue(domText)} and day-of-week ${describeValue(dowText)} cannot both be set: one of them must be "?".`,
    );
  } else if (dowText === "?") {
    const parsed = parseDayOfMonth(domText);
    if (parsed instanceof FieldProblem) fieldProblem("day-of-month", parsed);
    else dayOfMonth = parsed;
  } else {
    const parsed = parseDayOfWeek(dowText);
    if (parsed instanceof FieldProblem) fieldProblem("day-of-week", parsed);
    else dayOfWeek = parsed;
  }

  if (
    problems.length > before ||
    minutes === undefined ||
    hours === undefined ||
    months === undefined ||
    years === undefined
  ) {
    return undefined;
  }
  return {
    kind: "cron",
    expression,
    minutes: indexesOf(minutes),
    hours: indexesOf(hours),
    months: indexesOf(months),
    years: years.slice(FIRST_YEAR),
    dayOfMonth,
    dayOfWeek,
  };
}

function indexesOf(flags: readonly boolean[]): number[] {
  const out: number[] = [];
  flags.forEach((set, index) => {
    if (set) out.push(index);
  });
  return out;
}

/** Parses `*`, values, ranges, steps and lists into flags indexed by value. */
function parseList(text: string, rule: FieldRule): boolean[] | FieldProblem {
  const flags: boolean[] = new Array<boolean>(rule.max + 1).fill(false);
  if (text.includes("?")) {
    return new FieldProblem(`"?" is only allowed alone, in day-of-month or day-of-week`);
  }
  for (const item of text.split(",")) {
    if (item === "") {
      return new FieldProblem("a list has an empty element");
    }
    const parsed = parseItem(item, rule);
    if (parsed instanceof FieldProblem) return parsed;
    for (let value = parsed.from; value <= parsed.to; value += parsed.step) {
      flags[value] = true;
    }
  }
  return flags;
}

interface Stepped {
  readonly from: number;
  readonly to: number;
  readonly step: number;
}

function parseItem(item: string, rule: FieldRule): Stepped | FieldProblem {
  const slash = item.split("/");
  if (slash.length > 2) {
    return new FieldProblem(`"${item}" has more than one "/"`);
  }
  const [base = "", stepText] = slash;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
      return new FieldProblem(`the step "${stepText}" must be a whole number of at least 1`);
    }
    step = Number(stepText);
  }
  if (base === "*") {
    return { from: rule.min, to: rule.max, step };
  }
  const dash = base.split("-");
  if (dash.length > 2) {
    return new FieldProblem(`"${base}" has more than one "-"`);
  }
  const from = parseValue(dash[0] ?? "", rule);
  if (from instanceof FieldProblem) return from;
  if (dash.length === 1) {
    // `a/n` runs from a to the end of the field; a lone value is just itself.
    return { from, to: stepText === undefined ? from : rule.max, step };
  }
  const to = parseValue(dash[1] ?? "", rule);
  if (to instanceof FieldProblem) return to;
  if (to < from) {
    return new FieldProblem(`the range ${base} runs backwards`);
  }
  return { from, to, step };
}

function parseValue(text: string, rule: FieldRule): number | FieldProblem {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < rule.min || value > rule.max) {
      return new FieldProblem(`${value} is outside ${rule.min}-${rule.max}`);
    }
    return value;
  }
  const upper = text.toUpperCase();
  const index = rule.names?.indexOf(upper) ?? -1;
  if (index >= 0) {
    return rule.min + index;
  }
  if (upper.includes("#")) {
    return new FieldProblem(`"#" is only allowed in day-of-week, alone as n#k`);
  }
  if (/^\d*L$|^LW$/.test(upper)) {
    return new FieldProblem(`"L" is only allowed alone, in day-of-month or day-of-week`);
  }
  if (/^\d+W$/.test(upper)) {
    return new FieldProblem(`"W" is only allowed alone, in day-of-month`);
  }
  return new FieldProblem(`"${text}" is not a value of this field`);
}

function parseDayOfMonth(text: string): DayOfMonthRule | FieldProblem {
  const upper = text.toUpperCase();
  if (upper === "L") return { kind: "last" };
  if (upper === "LW") return { kind: "last-weekday" };
  const nearest = /^(\d+)W$/.exec(upper);
  if (nearest !== null) {
    const day = Number(nearest[1]);
    if (day < 1 || day > 31) {
      return new FieldProblem(`${day} is outside 1-31`);
    }
    return { kind: "nearest-weekday", day };
  }
  if (/[LW]/.test(upper)) {
    return new FieldProblem(`"L", "LW" and "nW" must stand alone`);
  }
  const days = parseList(text, FIELD_RULES["day-of-month"]);
  return days instanceof FieldProblem ? days : { kind: "days", days };
}

function parseDayOfWeek(text: string): DayOfWeekRule | FieldProblem {
  const upper = text.toUpperCase();
  if (upper === "L") {
    // A lone L in day-of-week is the last day of the week: Saturday.
    const weekdays = new Array<boolean>(8).fill(false);
    weekdays[7] = true;
    return { kind: "weekdays", weekdays };
  }
  const last = /^(\d+)L$/.exec(upper);
  if (last !== null) {
    const weekday = Number(last[1]);
    if (weekday < 1 || weekday > 7) {
      return new FieldProblem(`${weekday} is outside 1-7`);
    }
    return { kind: "last-of-month", weekday };
  }
  const nth = /^(\d+)#(\d+)$/.exec(upper);
  if (nth !== null) {
    const weekday = Number(nth[1]);
    const k = Number(nth[2]);
    if (weekday < 1 || weekday > 7) {
      return new FieldProblem(`${weekday} is outside 1-7`);
    }
    if (k < 1 || k > 5) {
      return new FieldProblem(`the occurrence ${k} after "#" must be 1-5`);
    }
    return { kind: "nth-of-month", weekday, nth: k };
  }
  if (upper.includes("#")) {
    return new FieldProblem(`"#" must be written n#k with n 1-7 and k 1-5, alone`);
  }
  if (upper.includes("L")) {
    return new FieldProblem(`"L" and "nL" must stand alone`);
  }
  const weekdays = parseList(text, FIELD_RULES["day-of-week"]);
  return weekdays instanceof FieldProblem ? weekdays : { kind: "weekdays", weekdays };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 (Sunday) to 7 (Saturday). */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The days of `month` on which the schedule fires, ascending. */
export function matchingDays(schedule: CronSchedule, year: number, month: number): number[] {
  const length = daysInMonth(year, month);
  const firstWeekday = weekdayOf(year, month, 1);
  const weekday = (day: number): number => ((firstWeekday - 1 + day - 1) % 7) + 1;
  const dom = schedule.dayOfMonth;
  if (dom !== undefined) {
    switch (dom.kind) {
      case "days": {
        const out: number[] = [];
        for (let day = 1; day <= length; day++) {
          if (dom.days[day] === true) out.push(day);
        }
        return out;
      }
      case "last":
        return [length];
      case "last-weekday": {
        const last = weekday(length);
        return [last === 7 ? length - 1 : last === 1 ? length - 2 : length];
      }
      case "nearest-weekday": {
        if (dom.day > length) return [];
        const at = weekday(dom.day);
        if (at === 7) return [dom.day > 1 ? dom.day - 1 : dom.day + 2];
        if (at === 1) return [dom.day < length ? dom.day + 1 : dom.day - 2];
        return [dom.day];
      }
    }
  }
  const dow = schedule.dayOfWeek;
  if (dow === undefined) return [];
  switch (dow.kind) {
    case "weekdays": {
      const out: number[] = [];
      for (let day = 1; day <= length; day++) {
        if (dow.weekdays[weekday(day)] === true) out.push(day);
      }
      return out;
    }
    case "last-of-month":
      return [length - ((weekday(length) - dow.weekday + 7) % 7)];
    case "nth-of-month": {
      const day = 1 + ((dow.weekday - firstWeekday + 7) % 7) + 7 * (dow.nth - 1);
      return day <= length ? [day] : [];
    }
  }
}

function isAcceptedYear(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/**
 * The instants (ms since the epoch) at which a cron schedule fires during the local calendar year
 * `year` in `clock`'s zone, ascending, or descending when `descending` is set.
 */
export function* cronFiresInYear(
  schedule: CronSchedule,
  clock: ZoneClock,
  year: number,
  descending = false,
): Generator<number> {
  if (!isAcceptedYear(year) || schedule.years[year - FIRST_YEAR] !== true) return;
  const order = <T>(values: readonly T[]): readonly T[] =>
    descending ? [...values].reverse() : values;
  const months = order(schedule.months);
  const hours = order(schedule.hours);
  const minutes = order(schedule.minutes);
  for (const month of months) {
    for (const day of order(matchingDays(schedule, year, month))) {
      const midnight = Date.UTC(year, month - 1, day);
      for (const hour of hours) {
        for (const minute of minutes) {
          const instant = clock.instantOf(midnight + (hour * 60 + minute) * MINUTE_MS);
          if (instant !== undefined) yield instant;
        }
      }
    }
  }
}

/** Every fire of a cron schedule in the local calendar year `year` of `timeZone`, ascending. */
export function cronFires(schedule: CronSchedule, timeZone: string, year: number): number[] {
  return [...cronFiresInYear(schedule, clockFor(timeZone), year)];
}

/**
 * The problem with a time zone (the rest of a sentence), or undefined when it is an IANA time zone
 * this runtime knows.
 */
export function timeZoneProblem(timeZone: unknown): string | undefined {
  if (typeof timeZone === "string" && isKnownTimeZone(timeZone)) return undefined;
  return `is ${describeValue(timeZone)}, but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".`;
}

const clocks = new Map<string, ZoneClock>();

/** A cached clock for `timeZone`; throws a {@link ScheduleError} for an unknown zone. */
function clockFor(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    const problem = timeZoneProblem(timeZone);
    if (problem !== undefined) throw new ScheduleError([`[timeZone] ${problem}`]);
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The fires a gap measurement looks at: the reference year's, and the one on each side. */
export interface FireSpan {
  /** The last fire before the reference year, if the schedule ever fired before it. */
  readonly before?: number;
  /** Every fire in the reference year, ascending. */
  readonly during: readonly number[];
  /** The first fire after the reference year, if the schedule ever fires after it. */
  readonly after?: number;
}

/**
 * The fires of the local calendar year `referenceYear`, plus the last fire before it and the first
 * after it, searched through every year AWS accepts (1970-2199), so that gaps across both year
 * boundaries are measured exactly.
 */
export function fireSpan(
  schedule: CronSchedule,
  timeZone: string,
  referenceYear = DEFAULT_REFERENCE_YEAR,
): FireSpan {
  const clock = clockFor(timeZone);
  const during = [...cronFiresInYear(schedule, clock, referenceYear)];
  let before: number | undefined;
  for (let year = Math.min(referenceYear - 1, LAST_YEAR); year >= FIRST_YEAR; year--) {
    const first = cronFiresInYear(schedule, clock, year, true).next();
    if (first.done !== true) {
      before = first.value;
      break;
    }
  }
  let after: number | undefined;
  for (let year = Math.max(referenceYear + 1, FIRST_YEAR); year <= LAST_YEAR; year++) {
    const first = cronFiresInYear(schedule, clock, year).next();
    if (first.done !== true) {
      after = first.value;
      break;
    }
  }
  return { before, during, after };
}

/** A gap between two consecutive fires. */
export interface Gap {
  readonly minutes: number;
  /** The fire that opens the gap (ms since the epoch); absent when nothing fired before. */
  readonly fromMs?: number;
  /** The fire that closes the gap; absent when the schedule never fires again. */
  readonly toMs?: number;
}

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ScheduleError([
      `[year] is ${describeValue(year)}, but must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}.`,
    ]);
  }
}

/**
 * The largest gap between consecutive fires of a schedule around the local calendar year
 * `referenceYear`: from the last fire before that year, through the year's fires, to the first
 * fire after it. The gap is infinite when the schedule never fired before the year's first fire
 * (there is no recovery point to fall back on) or never fires again after its last.
 */
export function largestGap(
  schedule: Schedule,
  timeZone = "Etc/UTC",
  referenceYear = DEFAULT_REFERENCE_YEAR,
): Gap {
  requireYear(referenceYear);
  if (schedule.kind === "rate") {
    clockFor(timeZone);
    const fromMs = Date.UTC(referenceYear, 0, 1);
    return {
      minutes: schedule.intervalMinutes,
      fromMs,
      toMs: fromMs + schedule.intervalMinutes * MINUTE_MS,
    };
  }
  const span = fireSpan(schedule, timeZone, referenceYear);
  if (span.before === undefined) {
    return { minutes: Number.POSITIVE_INFINITY, toMs: span.during[0] ?? span.after };
  }
  const fires = [span.before, ...span.during];
  if (span.after === undefined) {
    return { minutes: Number.POSITIVE_INFINITY, fromMs: fires[fires.length - 1] };
  }
  fires.push(span.after);
  let widest: Gap = { minutes: 0 };
  for (let index = 1; index < fires.length; index++) {
    const fromMs = fires[index - 1] ?? 0;
    const toMs = fires[index] ?? 0;
    const minutes = (toMs - fromMs) / MINUTE_MS;
    if (minutes > widest.minutes) widest = { minutes, fromMs, toMs };
  }
  return widest;
}

/**
 * The worst-case gap, in minutes, between consecutive fires of an AWS schedule expression in the
 * IANA time zone `timeZone`, around the local calendar year `year` (the gap that opens before the
 * year's first fire and the one that closes after its last count too). `Infinity` when the
 * schedule never fired before its first fire in or after the year, or never fires again.
 * A `rate()` expression gives its interval. Throws a {@link ScheduleError} naming the problem for
 * an invalid expression, time zone or year.
 *
 * @example worstCaseGapMinutes("cron(30 2 ? * * *)", "America/New_York", 2027) // 2820 (47 h)
 */
export function worstCaseGapMinutes(
  expression: string | Schedule,
  timeZone: string,
  year: number,
): number {
  const schedule =
    typeof expression === "string"
      ? requireSchedule(expression, { service: ScheduleService.EventBridge })
      : expression;
  return largestGap(schedule, timeZone, year).minutes;
}

/**
 * The smallest gap between consecutive fires around the reference year, in minutes: how often a
 * schedule can fire at its most frequent (AWS Backup snapshot rules may fire at most hourly).
 * Infinite when the schedule fires fewer than twice.
 */
export function minIntervalMinutes(
  schedule: Schedule,
  timeZone = "Etc/UTC",
  referenceYear = DEFAULT_REFERENCE_YEAR,
): number {
  if (schedule.kind === "rate") return schedule.intervalMinutes;
  const span = fireSpan(schedule, timeZone, referenceYear);
  const fires = [
    ...(span.before === undefined ? [] : [span.before]),
    ...span.during,
    ...(span.after === undefined ? [] : [span.after]),
  ];
  let smallest = Number.POSITIVE_INFINITY;
  for (let index = 1; index < fires.length; index++) {
    smallest = Math.min(smallest, ((fires[index] ?? 0) - (fires[index - 1] ?? 0)) / MINUTE_MS);
  }
  return smallest;
}

/** How many times a schedule fires per day on average over the local calendar year. */
export function firesPerDay(
  schedule: Schedule,
  timeZone = "Etc/UTC",
  referenceYear = DEFAULT_REFERENCE_YEAR,
): number {
  if (schedule.kind === "rate") return 1440 / schedule.intervalMinutes;
  const count = [...cronFiresInYear(schedule, clockFor(timeZone), referenceYear)].length;
  const days = (Date.UTC(referenceYear + 1, 0, 1) - Date.UTC(referenceYear, 0, 1)) / 86_400_000;
  return count / days;
}

/** Where a problem is recorded: anything with `add(rest of the sentence)`. */
export interface ProblemSink {
  add(message: string): void;
}

/**
 * Parses `expression` for `service` and records every problem on `issues` (whose own path names
 * the setting); returns the schedule, or undefined exactly when a problem was recorded.
 */
export function checkSchedule(
  issues: ProblemSink,
  expression: unknown,
  service: ScheduleService,
): Schedule | undefined {
  const parsed = parseSchedule(expression, { service });
  if (parsed.ok) return parsed.schedule;
  parsed.problems.forEach((problem) => issues.add(problem));
  return undefined;
}

/** Records an issue unless `timeZone` is an IANA time zone name; returns whether it was valid. */
export function checkTimeZone(issues: ProblemSink, timeZone: unknown): boolean {
  const problem = timeZoneProblem(timeZone);
  if (problem === undefined) return true;
  issues.add(problem);
  return false;
}

/** A cron schedule and the IANA time zone it runs in. */
export interface ZonedSchedule {
  readonly schedule: CronSchedule;
  readonly timeZone: string;
}

/**
 * The worst-case gap, in minutes, between consecutive fires of several cron schedules together
 * (the rules of one AWS Backup plan add up), each in its own time zone, around the local calendar
 * year `year` of each. `Infinity` when, all together, nothing fired before the first fire in or
 * after the year, or nothing fires after the last; with no schedule at all, `Infinity` too.
 */
export function combinedWorstCaseGapMinutes(
  schedules: readonly ZonedSchedule[],
  year: number = DEFAULT_REFERENCE_YEAR,
): number {
  requireYear(year);
  let before: number | undefined;
  let after: number | undefined;
  const during: number[] = [];
  for (const { schedule, timeZone } of schedules) {
    const span = fireSpan(schedule, timeZone, year);
    if (span.before !== undefined) before = Math.max(before ?? span.before, span.before);
    if (span.after !== undefined) after = Math.min(after ?? span.after, span.after);
    during.push(...span.during);
  }
  if (before === undefined || after === undefined) return Number.POSITIVE_INFINITY;
  const fires = [before, ...during.sort((a, b) => a - b), after];
  let widest = 0;
  for (let index = 1; index < fires.length; index++) {
    widest = Math.max(widest, ((fires[index] ?? 0) - (fires[index - 1] ?? 0)) / MINUTE_MS);
  }
  return widest;
}
