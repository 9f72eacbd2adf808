/**
 * Wall-clock time in an IANA time zone, converted to instants without a date library.
 *
 * The UTC offset of a zone is read from `Intl.DateTimeFormat` a few times per year and the moments
 * where it changes are found by bisection; converting a wall-clock time is then plain arithmetic
 * against that short list of offset segments.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/**
 * Offsets are sampled this often and changes located by bisection. No zone in the tz database
 * changes its offset and changes it back within one day.
 */
const SAMPLE_MS = DAY_MS;
/** Each year's segments reach this far beyond the year, more than any UTC offset (UTC+14). */
const YEAR_MARGIN_MS = 2 * DAY_MS;

/** An interval of instants `[startMs, endMs)` during which the zone's offset is `offsetMs`. */
interface OffsetSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMs: number;
}

const knownTimeZones = new Map<string, boolean>();

/** Whether `timeZone` names a zone this runtime knows (an IANA name such as "Europe/Berlin"). */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    // Building a formatter costs far more than the answer; a stack asks about the same few zones.
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(timeZone, known);
  }
  return known;
}

/** Converts wall-clock times of one time zone to instants (milliseconds since the epoch). */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly segmentsByYear = new Map<number, readonly OffsetSegment[]>();

  /** Throws a RangeError when the runtime does not know `timeZone`. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** The zone's offset from UTC at an instant, in milliseconds (east of Greenwich is positive). */
  offsetAt(instantMs: number): number {
    const whole = Math.floor(instantMs / 1000) * 1000;
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(whole)) {
      if (part.type !== "literal") fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
    );
    return wall - whole;
  }

  /**
   * The instant at which the wall-clock time `wallMs` (the wall time's fields read as if UTC)
   * occurs. A wall time that occurs twice (the repeated hour when clocks go back) gives its first
   * occurrence; one that does not occur (skipped when clocks go forward) gives undefined.
   */
  instantOf(wallMs: number): number | undefined {
    const year = new Date(wallMs).getUTCFullYear();
    for (const segment of this.segmentsOf(year)) {
      const instant = wallMs - segment.offsetMs;
      if (instant >= segment.startMs && instant < segment.endMs) {
        return instant;
      }
    }
    return undefined;
  }

  private segmentsOf(year: number): readonly OffsetSegment[] {
    const cached = this.segmentsByYear.get(year);
    if (cached !== undefined) return cached;
    const segments = this.buildSegments(
      Date.UTC(year, 0, 1) - YEAR_MARGIN_MS,
      Date.UTC(year + 1, 0, 1) + YEAR_MARGIN_MS,
    );
    this.segmentsByYear.set(year, segments);
    return segments;
  }

  private buildSegments(fromMs: number, toMs: number): OffsetSegment[] {
    const segments: OffsetSegment[] = [];
    let segmentStart = fromMs;
    let offset = this.offsetAt(fromMs);
    for (let sample = fromMs + SAMPLE_MS; sample < toMs + SAMPLE_MS; sample += SAMPLE_MS) {
      const at = Math.min(sample, toMs);
      const next = this.offsetAt(at);
      if (next !== offset) {
        const change = this.findChange(at - SAMPLE_MS, at, offset);
        segments.push({ startMs: segmentStart, endMs: change, offsetMs: offset });
        segmentStart = change;
        offset = next;
      }
      if (at === toMs) break;
    }
    segments.push({ startMs: segmentStart, endMs: toMs, offsetMs: offset });
    return segments;
  }

  /** The first second in `(lowMs, highMs]` whose offset differs from `before`. */
  private findChange(lowMs: number, highMs: number, before: number): number {
    let low = lowMs;
    let high = highMs;
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (middle <= low) break;
      if (this.offsetAt(middle) === before) low = middle;
      else high = middle;
    }
    return high;
  }
}
