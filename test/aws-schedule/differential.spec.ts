import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import {
  ScheduleService,
  cronFires,
  parseSchedule,
  requireSchedule,
  worstCaseGapMinutes,
} from "@hybrid-backup/aws-schedule";
import {
  type CronModel,
  type DayModel,
  WINDOW_FIRST_YEAR,
  WINDOW_LAST_YEAR,
  bruteForceGaps,
} from "./brute-force";

/** A cron field as text, with the values it stands for. */
interface Field {
  readonly text: string;
  readonly values: ReadonlySet<number>;
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
];
const WEEKDAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let value = from; value <= to; value += step) out.push(value);
  return out;
}

/**
 * Random items of a numeric field: a value, a range `a-b`, or a step of the given shapes (`a/n`,
 * `a-b/n`, `* /n` without the space), each value written as a number or (when `names` is given)
 * sometimes as its name.
 */
function itemOf(
  min: number,
  max: number,
  names?: readonly string[],
  shapes: readonly ("from" | "span" | "star")[] = ["from", "span", "star"],
): fc.Arbitrary<Field> {
  const word = (value: number, useName: boolean): string =>
    useName && names !== undefined ? (names[value - min] ?? String(value)) : String(value);
  const value = fc
    .tuple(fc.integer({ min, max }), fc.boolean())
    .map(([v, useName]) => ({ text: word(v, useName), values: new Set([v]) }));
  const span = fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }), fc.boolean())
    .map(([a, b, useName]) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      return {
        text: `${word(from, useName)}-${word(to, useName)}`,
        values: new Set(range(from, to)),
      };
    });
  const stepped = fc
    .tuple(
      fc.integer({ min, max }),
      fc.integer({ min: 1, max: max - min + 1 }),
      fc.constantFrom(...shapes),
      fc.integer({ min, max }),
    )
    .map(([from, step, shape, other]) => {
      if (shape === "star") return { text: `*/${step}`, values: new Set(range(min, max, step)) };
      if (shape === "from") {
        return { text: `${from}/${step}`, values: new Set(range(from, max, step)) };
      }
      const [a, b] = from <= other ? [from, other] : [other, from];
      return { text: `${a}-${b}/${step}`, values: new Set(range(a, b, step)) };
    });
  return fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: span, weight: 2 }, stepped);
}

function listOf(item: fc.Arbitrary<Field>, maxLength: number): fc.Arbitrary<Field> {
  return fc.array(item, { minLength: 1, maxLength }).map((items) => ({
    text: items.map((entry) => entry.text).join(","),
    values: new Set(items.flatMap((entry) => [...entry.values])),
  }));
}

const star = (min: number, max: number): Field => ({ text: "*", values: new Set(range(min, max)) });

/** Minutes stay sparse (at most a few per hour) so that a year's fires stay cheap to list. */
const minutes = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: 0, max: 59 })
      .map((v) => ({ text: String(v), values: new Set([v]) })),
    weight: 5,
  },
  listOf(
    fc.integer({ min: 0, max: 59 }).map((v) => ({ text: String(v), values: new Set([v]) })),
    3,
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 29 }), fc.constant(30))
    .map(([from, step]) => ({ text: `${from}/${step}`, values: new Set(range(from, 59, step)) })),
);
const hours = fc.oneof(
  { arbitrary: fc.constant(star(0, 23)), weight: 1 },
  { arbitrary: listOf(itemOf(0, 23), 3), weight: 7 },
);
const months = fc.oneof(
  { arbitrary: fc.constant(star(1, 12)), weight: 3 },
  { arbitrary: listOf(itemOf(1, 12, MONTH_NAMES), 3), weight: 2 },
);
const years = fc.oneof(
  { arbitrary: fc.constant<Field | undefined>(undefined), weight: 4 },
  // Only bounded forms: "*/n" and "a/n" run to 2199, beyond the brute force's years.
  listOf(itemOf(WINDOW_FIRST_YEAR + 1, WINDOW_LAST_YEAR - 1, undefined, ["span"]), 2),
);

interface Days {
  readonly dom: string;
  readonly dow: string;
  readonly model: DayModel;
}

const daysOfMonth: fc.Arbitrary<Days> = fc.oneof(
  fc.constant<Days>({ dom: "*", dow: "?", model: { field: "dom", days: new Set(range(1, 31)) } }),
  listOf(itemOf(1, 31), 3).map<Days>((field) => ({
    dom: field.text,
    dow: "?",
    model: { field: "dom", days: field.values },
  })),
  fc.constant<Days>({ dom: "L", dow: "?", model: { field: "dom", last: true } }),
  fc.constant<Days>({ dom: "LW", dow: "?", model: { field: "dom", lastWeekday: true } }),
  fc.integer({ min: 1, max: 31 }).map<Days>((day) => ({
    dom: `${day}W`,
    dow: "?",
    model: { field: "dom", nearestWeekdayTo: day },
  })),
);
const daysOfWeek: fc.Arbitrary<Days> = fc.oneof(
  fc.constant<Days>({
    dom: "?",
    dow: "*",
    model: { field: "dow", weekdays: new Set(range(1, 7)) },
  }),
  listOf(itemOf(1, 7, WEEKDAY_NAMES), 3).map<Days>((field) => ({
    dom: "?",
    dow: field.text,
    model: { field: "dow", weekdays: field.values },
  })),
  fc.constant<Days>({ dom: "?", dow: "L", model: { field: "dow", weekdays: new Set([7]) } }),
  fc.integer({ min: 1, max: 7 }).map<Days>((weekday) => ({
    dom: "?",
    dow: `${weekday}L`,
    model: { field: "dow", lastOfMonth: weekday },
  })),
  fc
    .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }))
    .map<Days>(([weekday, nth]) => ({
      dom: "?",
      dow: `${weekday}#${nth}`,
      model: { field: "dow", weekday, nth },
    })),
);

interface Case {
  readonly expression: string;
  readonly model: CronModel;
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    minutes,
    hours,
    months,
    years,
    days: fc.oneof(daysOfMonth, daysOfWeek),
  })
  .map(({ minutes: m, hours: h, months: mo, years: y, days }) => ({
    expression: `cron(${m.text} ${h.text} ${days.dom} ${mo.text} ${days.dow} ${y?.text ?? "*"})`,
    model: {
      minutes: m.values,
      hours: h.values,
      months: mo.values,
      years: y?.values,
      day: days.model,
    },
  }));

function iso(ms: number | undefined): string {
  return ms === undefined ? "none" : new Date(ms).toISOString();
}

/** Zones without daylight saving (whole, half and three-quarter hour offsets) and with it. */
const ZONES = [
  "Etc/UTC",
  "Asia/Tokyo",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/New_York",
  "Europe/Berlin",
  "America/Santiago",
  "Australia/Lord_Howe",
];
const REFERENCE_YEAR = 2027;
const RUNS_PER_ZONE = 250;
const SEED = 20270101;

describe("@hybrid-backup/aws-schedule against a brute-force evaluator", function () {
  this.timeout(120_000);
  let compared = 0;
  let unboundedCompared = 0;

  for (const [zoneIndex, timeZone] of ZONES.entries()) {
    it(`agrees on every fire and the worst gap of ${RUNS_PER_ZONE} random expressions in ${timeZone}`, () => {
      fc.assert(
        fc.property(cases, ({ expression, model }) => {
          const parsed = parseSchedule(expression, { service: ScheduleService.EventBridge });
          assert.ok(parsed.ok, `${expression}: ${parsed.ok ? "" : parsed.problems.join(" ")}`);
          const schedule = requireSchedule(expression, { service: ScheduleService.EventBridge });
          assert.equal(schedule.kind, "cron");
          if (schedule.kind !== "cron") return;
          const oracle = bruteForceGaps(model, timeZone, REFERENCE_YEAR);
          const fires = cronFires(schedule, timeZone, REFERENCE_YEAR);
          const firstDifference = fires.findIndex((ms, index) => oracle.during[index] !== ms);
          assert.deepEqual(
            [fires.length, firstDifference, iso(fires[firstDifference])],
            [oracle.during.length, -1, iso(oracle.during[firstDifference])],
            `${expression} in ${timeZone}: fire count, first differing fire`,
          );
          const gap = worstCaseGapMinutes(expression, timeZone, REFERENCE_YEAR);
          if (oracle.worstMinutes !== undefined) {
            assert.equal(gap, oracle.worstMinutes, `${expression} in ${timeZone}`);
            if (!Number.isFinite(gap)) unboundedCompared++;
          } else {
            // A neighbouring fire lies outside the brute force's years: it can only be farther.
            const windowSpan = (WINDOW_LAST_YEAR - WINDOW_FIRST_YEAR) * 365 * 1440;
            assert.ok(gap > windowSpan / 2 || !Number.isFinite(gap), `${expression}: ${gap}`);
          }
          compared++;
        }),
        { numRuns: RUNS_PER_ZONE, seed: SEED + zoneIndex },
      );
    });
  }

  it("compared every generated case, unbounded ones included", () => {
    assert.equal(compared, ZONES.length * RUNS_PER_ZONE);
    assert.ok(unboundedCompared > 0, "no unbounded schedule was generated");
  });
});
