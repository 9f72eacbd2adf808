/** Durations in minutes as days, hours and minutes, for the objectives table and the runbooks. */

const UNITS = [
  { suffix: "d", minutes: 1440 },
  { suffix: "h", minutes: 60 },
  { suffix: "m", minutes: 1 },
] as const;

/** The non-zero parts among `count` units from the largest non-zero one (`0m` for zero). */
function durationParts(minutes: number, count: number): string {
  const values = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const first = values.findIndex((value) => value > 0);
  if (first === -1) return `${values[2]}m`;
  return UNITS.slice(first, first + count)
    .map((unit, index) => ({ unit, value: values[first + index]! }))
    .filter(({ value }) => value > 0)
    .map(({ unit, value }) => `${value}${unit.suffix}`)
    .join(" ");
}

/** Every unit of a computed figure: `1d 4h`, `17h 54m`, `45m`, `unbounded`. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return "unbounded";
  return durationParts(minutes, 3);
}

/** A runbook estimate rounded up to the minute, to its two largest units: `1d 1h`, `1h 35m`, `45m`. */
export function formatDuration(minutes: number): string {
  return durationParts(Math.ceil(minutes), 2);
}
