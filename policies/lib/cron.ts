/**
 * The longest gap between two runs of AWS cron expressions, `cron(min hour dom month dow year)`,
 * as AWS Backup schedules take. Days are evaluated on a real calendar over four years (every month
 * length and a leap day), so `L`, `#`, weekday lists and monthly schedules come out exactly.
 */

export type CronGap =
  | { readonly kind: "ok"; readonly maxGapMinutes: number }
  /** AWS rejects the expression (or it never runs). */
  | { readonly kind: "invalid"; readonly reason: string }
  /** A valid feature this evaluator does not model (`W`, year lists). */
  | { readonly kind: "unsupported"; readonly feature: string };

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

class CronError extends Error {
  constructor(
    readonly kind: "invalid" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Number of the first name (1 for JAN and SUN). */
  readonly nameBase?: number;
}

const MINUTE: FieldSpec = { name: "minutes", min: 0, max: 59 };
const HOUR: FieldSpec = { name: "hours", min: 0, max: 23 };
const DOM: FieldSpec = { name: "day-of-month", min: 1, max: 31 };
const MONTH: FieldSpec = { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 };
const DOW: FieldSpec = { name: "day-of-week", min: 1, max: 7, names: DAYS, nameBase: 1 };

function atom(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) {
    return named + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(text)) {
    throw new CronError("invalid", `${spec.name} value ${JSON.stringify(text)} is not a number`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronError(
      "invalid",
      `${spec.name} value ${value} is outside ${spec.min}-${spec.max}`,
    );
  }
  return value;
}

/** Expands `*`, `a`, `a-b`, with an optional `/step`, and comma lists. */
function expand(field: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (
      !Number.isInteger(step) ||
      step < 1 ||
      (stepText !== undefined && !/^\d+$/.test(stepText))
    ) {
      throw new CronError("invalid", `${spec.name} step ${JSON.stringify(stepText)} is not valid`);
    }
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max;
    } else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      from = atom(a, spec);
      to = atom(b, spec);
    } else {
      from = atom(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    if (from > to) {
      throw new CronError("invalid", `${spec.name} range ${JSON.stringify(range)} is reversed`);
    }
    for (let v = from; v <= to; v += step) {
      values.add(v);
    }
  }
  return values;
}

type DayRule = (date: Date) => boolean;

function daysInMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

function domRule(field: string): DayRule {
  if (field === "?" || field === "*") {
    return () => true;
  }
  if (/W/i.test(field)) {
    throw new CronError("unsupported", "the W (nearest weekday) day-of-month");
  }
  const rules = field.split(",").map((part): DayRule => {
    if (part.toUpperCase() === "L") {
      return (date) => date.getUTCDate() === daysInMonth(date);
    }
    const days = expand(part, DOM);
    return (date) => days.has(date.getUTCDate());
  });
  return (date) => rules.some((rule) => rule(date));
}

function dowRule(field: string): DayRule {
  if (field === "?" || field === "*") {
    return () => true;
  }
  const rules = field.split(",").map((part): DayRule => {
    const nth = /^(\w+)#([1-5])$/.exec(part);
    if (nth !== null) {
      const day = atom(nth[1] ?? "", DOW);
      const n = Number(nth[2]);
      return (date) => date.getUTCDay() + 1 === day && Math.ceil(date.getUTCDate() / 7) === n;
    }
    const last = /^(\w+)L$/i.exec(part);
    if (last !== null) {
      const day = atom(last[1] ?? "", DOW);
      return (date) => date.getUTCDay() + 1 === day && date.getUTCDate() + 7 > daysInMonth(date);
    }
    if (part.toUpperCase() === "L") {
      return (date) => date.getUTCDay() === 6;
    }
    const days = expand(part, DOW);
    return (date) => days.has(date.getUTCDay() + 1);
  });
  return (date) => rules.some((rule) => rule(date));
}

const MINUTES_PER_DAY = 24 * 60;
const HORIZON_DAYS = 4 * 365 + 1;
const HORIZON_START = Date.UTC(2024, 0, 1);

/** A parsed schedule: the times of day it runs (minutes after midnight UTC) and on which days. */
export interface CronSchedule {
  readonly times: readonly number[];
  runsOn(date: Date): boolean;
}

export type CronParse =
  | { readonly kind: "ok"; readonly schedule: CronSchedule }
  /** AWS rejects the expression. */
  | { readonly kind: "invalid"; readonly reason: string }
  /** A valid feature this evaluator does not model (`W`, year lists). */
  | { readonly kind: "unsupported"; readonly feature: string };

/** Parses `cron(...)`; anything else (including `rate(...)`) is invalid for AWS Backup. */
export function parseCron(expression: string): CronParse {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (match === null) {
    return { kind: "invalid", reason: "is not a cron(...) expression" };
  }
  const fields = (match[1] ?? "").trim().split(/\s+/);
  if (fields.length !== 6) {
    return { kind: "invalid", reason: `has ${fields.length} fields instead of 6` };
  }
  const [minutes = "", hours = "", dom = "", month = "", dow = "", year = ""] = fields;
  if ((dom === "?") === (dow === "?")) {
    return {
      kind: "invalid",
      reason: "must have ? in exactly one of day-of-month and day-of-week",
    };
  }
  try {
    if (year !== "*") {
      throw new CronError("unsupported", "a year restriction");
    }
    const hourSet = [...expand(hours, HOUR)];
    const times = [...expand(minutes, MINUTE)]
      .flatMap((m) => hourSet.map((h) => h * 60 + m))
      .sort((a, b) => a - b);
    const months = expand(month, MONTH);
    const onDom = domRule(dom);
    const onDow = dowRule(dow);
    const runsOn = (date: Date): boolean =>
      months.has(date.getUTCMonth() + 1) && onDom(date) && onDow(date);
    return { kind: "ok", schedule: { times, runsOn } };
  } catch (error) {
    if (error instanceof CronError) {
      return error.kind === "invalid"
        ? { kind: "invalid", reason: error.message }
        : { kind: "unsupported", feature: error.message };
    }
    throw error;
  }
}

/**
 * The longest gap in minutes between two runs of any of the schedules together (a plan's rules
 * add up), or undefined when none of them ever runs.
 */
export function maxGapMinutes(schedules: readonly CronSchedule[]): number | undefined {
  let previous: number | undefined;
  let runs = 0;
  let maxGap = 0;
  for (let day = 0; day < HORIZON_DAYS; day++) {
    const date = new Date(HORIZON_START + day * 86_400_000);
    const times = new Set<number>();
    for (const schedule of schedules) {
      if (schedule.runsOn(date)) {
        schedule.times.forEach((time) => times.add(time));
      }
    }
    for (const time of [...times].sort((a, b) => a - b)) {
      const at = day * MINUTES_PER_DAY + time;
      if (previous !== undefined) {
        maxGap = Math.max(maxGap, at - previous);
      }
      previous = at;
      runs++;
    }
  }
  if (runs === 0) {
    return undefined;
  }
  // A schedule that runs once in four years (29 February) shows no gap inside the horizon.
  return runs === 1 ? HORIZON_DAYS * MINUTES_PER_DAY : maxGap;
}

/** The longest gap of one expression. */
export function cronMaxGap(expression: string): CronGap {
  const parsed = parseCron(expression);
  if (parsed.kind !== "ok") {
    return parsed;
  }
  const gap = maxGapMinutes([parsed.schedule]);
  return gap === undefined
    ? { kind: "invalid", reason: "never runs" }
    : { kind: "ok", maxGapMinutes: gap };
}
