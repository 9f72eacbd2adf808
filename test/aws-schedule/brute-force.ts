/**
 * A brute-force AWS cron evaluator for the differential test, written from AWS's documentation of
 * cron expressions and of EventBridge Scheduler's daylight-saving behaviour, without the package's
 * code:
 * - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 *   (fields, `L`: last day of the month or week, `W`: the weekday nearest to the given day,
 *   `#`: the n-th weekday of the month; day-of-week 1 = Sunday);
 * - https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst (a local time skipped
 *   when clocks go forward does not run; a local time that occurs twice runs once).
 *
 * It does not parse text: it reads a model of what each field means, built beside the expression
 * by the test's generator. Time is stepped through UTC minute by minute (whole 15-minute blocks are
 * skipped when their local hour cannot match, and the rest of a local day that cannot match, up to
 * the next offset change: every UTC offset and every offset change in the tz database falls on a
 * quarter hour), each minute converted to local wall time with the zone's offset, which is read
 * from `Intl.DateTimeFormat`.
 */

/** What a cron expression means, field by field. */
export interface CronModel {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** Undefined: every year. */
  readonly years?: ReadonlySet<number>;
  readonly day: DayModel;
}

export type DayModel =
  | { readonly field: "dom"; readonly days: ReadonlySet<number> }
  | { readonly field: "dom"; readonly last: true }
  | { readonly field: "dom"; readonly lastWeekday: true }
  | { readonly field: "dom"; readonly nearestWeekdayTo: number }
  | { readonly field: "dow"; readonly weekdays: ReadonlySet<number> }
  | { readonly field: "dow"; readonly lastOfMonth: number }
  | { readonly field: "dow"; readonly weekday: number; readonly nth: number };

const MINUTE_MS = 60_000;
const BLOCK_MINUTES = 15;
const BLOCK_MS = BLOCK_MINUTES * MINUTE_MS;
const SAMPLE_BLOCKS = 12;

/** The first and last local years whose fires are enumerated. */
export const WINDOW_FIRST_YEAR = 2024;
export const WINDOW_LAST_YEAR = 2030;
const WINDOW_START_MS = Date.UTC(WINDOW_FIRST_YEAR, 0, 1) - 2 * 86_400_000;
const WINDOW_END_MS = Date.UTC(WINDOW_LAST_YEAR + 1, 0, 1) + 2 * 86_400_000;
const BLOCKS = (WINDOW_END_MS - WINDOW_START_MS) / BLOCK_MS;

function intlOffsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return Math.round((wall - ms) / MINUTE_MS);
}

const offsetTables = new Map<string, Int16Array>();
const changeTables = new Map<string, Int32Array>();

/** For every block, the first block at or after it whose offset differs (or the window's end). */
function nextChangesOf(timeZone: string): Int32Array {
  const cached = changeTables.get(timeZone);
  if (cached !== undefined) return cached;
  const offsets = offsetsOf(timeZone);
  const next = new Int32Array(BLOCKS);
  let change = BLOCKS;
  for (let block = BLOCKS - 1; block >= 0; block--) {
    if (block + 1 < BLOCKS && offsets[block + 1] !== offsets[block]) change = block + 1;
    next[block] = change;
  }
  changeTables.set(timeZone, next);
  return next;
}

/** The zone's UTC offset in minutes for every 15-minute UTC block of the window. */
function offsetsOf(timeZone: string): Int16Array {
  const cached = offsetTables.get(timeZone);
  if (cached !== undefined) return cached;
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const table = new Int16Array(BLOCKS);
  let previous = intlOffsetMinutes(format, WINDOW_START_MS);
  for (let sample = 0; sample < BLOCKS; sample += SAMPLE_BLOCKS) {
    const end = Math.min(sample + SAMPLE_BLOCKS, BLOCKS);
    const at = intlOffsetMinutes(format, WINDOW_START_MS + (end - 1) * BLOCK_MS);
    for (let block = sample; block < end; block++) {
      // Read every block of a stretch whose ends disagree; otherwise the offset held throughout.
      table[block] =
        at === previous ? at : intlOffsetMinutes(format, WINDOW_START_MS + block * BLOCK_MS);
    }
    previous = at;
  }
  offsetTables.set(timeZone, table);
  return table;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday ... 7 = Saturday. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWorkday(year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  return weekday >= 2 && weekday <= 6;
}

function dayMatches(model: CronModel, year: number, month: number, day: number): boolean {
  if (model.years !== undefined && !model.years.has(year)) return false;
  if (!model.months.has(month)) return false;
  const length = daysInMonth(year, month);
  const rule = model.day;
  if ("days" in rule) return rule.days.has(day);
  if ("last" in rule) return day === length;
  if ("lastWeekday" in rule) {
    let last = length;
    while (!isWorkday(year, month, last)) last--;
    return day === last;
  }
  if ("nearestWeekdayTo" in rule) {
    const target = rule.nearestWeekdayTo;
    if (target > length) return false;
    // The closest Monday-Friday to the target day without leaving the month.
    for (let distance = 0; distance < 7; distance++) {
      for (const candidate of [target - distance, target + distance]) {
        if (candidate >= 1 && candidate <= length && isWorkday(year, month, candidate)) {
          return day === candidate;
        }
      }
    }
    return false;
  }
  const weekday = weekdayOf(year, month, day);
  if ("weekdays" in rule) return rule.weekdays.has(weekday);
  if ("lastOfMonth" in rule) return weekday === rule.lastOfMonth && day + 7 > length;
  return weekday === rule.weekday && Math.ceil(day / 7) === rule.nth;
}

/** Fires (ms since the epoch, ascending) with the local year of each. */
interface Fires {
  readonly ms: number[];
  readonly localYears: number[];
}

/**
 * Every fire whose local year is in the window, among the 15-minute UTC blocks
 * `[fromBlock, toBlock)`. A repeated wall-clock minute counts as repeated only when its first
 * occurrence lies inside the blocks stepped through.
 */
function bruteForceFires(
  model: CronModel,
  timeZone: string,
  fromBlock = 0,
  toBlock = BLOCKS,
): Fires {
  const offsets = offsetsOf(timeZone);
  const nextChanges = nextChangesOf(timeZone);
  // Per local day of the window: 0 not yet known, 1 matches, 2 does not.
  const firstDay = Math.floor(WINDOW_START_MS / 86_400_000) - 1;
  const dayCache = new Uint8Array(Math.ceil((WINDOW_END_MS - WINDOW_START_MS) / 86_400_000) + 3);
  const yearOfDay = new Int16Array(dayCache.length);
  const fires: Fires = { ms: [], localYears: [] };
  let latestLocalMinute = Number.NEGATIVE_INFINITY;
  for (let block = fromBlock; block < toBlock; ) {
    const utcMs = WINDOW_START_MS + block * BLOCK_MS;
    const localStart = utcMs / MINUTE_MS + (offsets[block] ?? 0);
    const localDay = Math.floor(localStart / 1440);
    const dayIndex = localDay - firstDay;
    let known = dayCache[dayIndex] ?? 0;
    if (known === 0) {
      const date = new Date(localDay * 86_400_000);
      const year = date.getUTCFullYear();
      const matching =
        year >= WINDOW_FIRST_YEAR &&
        year <= WINDOW_LAST_YEAR &&
        dayMatches(model, year, date.getUTCMonth() + 1, date.getUTCDate());
      known = matching ? 1 : 2;
      dayCache[dayIndex] = known;
      yearOfDay[dayIndex] = year;
    }
    const minuteOfDay = localStart - localDay * 1440;
    if (known !== 1) {
      // The rest of this local day cannot fire: step over it, but never past an offset change,
      // after which local time no longer follows the blocks one for one.
      const skip = Math.max(
        1,
        Math.min((1440 - minuteOfDay) / BLOCK_MINUTES, (nextChanges[block] ?? BLOCKS) - block),
      );
      latestLocalMinute = Math.max(latestLocalMinute, localStart + skip * BLOCK_MINUTES - 1);
      block += skip;
      continue;
    }
    if (model.hours.has(Math.floor(minuteOfDay / 60))) {
      for (let step = 0; step < BLOCK_MINUTES; step++) {
        const localMinute = localStart + step;
        // A wall-clock minute already passed (the repeated hour when clocks go back) runs once.
        if (localMinute > latestLocalMinute && model.minutes.has(localMinute % 60)) {
          fires.ms.push(utcMs + step * MINUTE_MS);
          fires.localYears.push(yearOfDay[dayIndex] ?? 0);
        }
      }
    }
    latestLocalMinute = Math.max(latestLocalMinute, localStart + BLOCK_MINUTES - 1);
    block += 1;
  }
  return fires;
}

/** What the brute force can tell about the gaps around a reference year. */
export interface BruteForceGaps {
  /** The reference year's fires. */
  readonly during: readonly number[];
  /** The worst gap, or undefined when a neighbouring fire lies outside the window. */
  readonly worstMinutes?: number;
}

const DAY_BLOCKS = 96;

function blockOf(ms: number): number {
  return Math.floor((ms - WINDOW_START_MS) / BLOCK_MS);
}

/**
 * The reference year's fires and the worst gap around it. The blocks from 40 days before the year
 * to 40 days after it are stepped first; the whole window only when a neighbouring fire is not
 * found at least two days inside them.
 */
export function bruteForceGaps(
  model: CronModel,
  timeZone: string,
  referenceYear: number,
): BruteForceGaps {
  const near = [
    blockOf(Date.UTC(referenceYear, 0, 1)) - 40 * DAY_BLOCKS,
    blockOf(Date.UTC(referenceYear + 1, 0, 1)) + 40 * DAY_BLOCKS,
  ] as const;
  let fires = bruteForceFires(model, timeZone, near[0], near[1]);
  let around = neighbours(fires, referenceYear);
  const firstSafe = WINDOW_START_MS + (near[0] + 2 * DAY_BLOCKS) * BLOCK_MS;
  const lastSafe = WINDOW_START_MS + (near[1] - 2 * DAY_BLOCKS) * BLOCK_MS;
  const beforeFire = fires.ms[around.beforeIndex];
  const afterFire = fires.ms[around.afterIndex];
  if (
    beforeFire === undefined ||
    afterFire === undefined ||
    beforeFire < firstSafe ||
    afterFire > lastSafe
  ) {
    fires = bruteForceFires(model, timeZone);
    around = neighbours(fires, referenceYear);
  }
  const during = fires.ms.filter((_, index) => fires.localYears[index] === referenceYear);
  if (around.beforeIndex < 0 || around.afterIndex < 0) {
    // With the year field inside the window, a missing neighbour means none at all.
    const yearsInside =
      model.years !== undefined &&
      [...model.years].every((year) => year > WINDOW_FIRST_YEAR && year < WINDOW_LAST_YEAR);
    return { during, worstMinutes: yearsInside ? Number.POSITIVE_INFINITY : undefined };
  }
  let worst = 0;
  for (let index = around.beforeIndex + 1; index <= around.afterIndex; index++) {
    worst = Math.max(worst, ((fires.ms[index] ?? 0) - (fires.ms[index - 1] ?? 0)) / MINUTE_MS);
  }
  return { during, worstMinutes: worst };
}

/** The index of the last fire before the reference year and of the first after it (-1: none). */
function neighbours(
  fires: Fires,
  referenceYear: number,
): { beforeIndex: number; afterIndex: number } {
  let beforeIndex = -1;
  let afterIndex = -1;
  fires.localYears.forEach((year, index) => {
    if (year < referenceYear) beforeIndex = index;
    if (year > referenceYear && afterIndex < 0) afterIndex = index;
  });
  return { beforeIndex, afterIndex };
}
