/**
 * Micro benchmark of schedule evaluation: prints how long the largest-gap measurement takes for a
 * few schedules and time zones: cold (first use of a zone, whose offsets are then cached) and warm
 * (median of repeated runs).
 * Run with `npx ts-node --transpile-only objectives/bench-cron.ts`.
 */
import { Issues } from "../components/lib/validation";
import { largestGap, parseSchedule } from "./aws-cron";

const CASES: readonly (readonly [string, string])[] = [
  ["cron(0 * ? * * *)", "Etc/UTC"],
  ["cron(0 * ? * * *)", "Europe/Berlin"],
  ["cron(0 * ? * * *)", "America/New_York"],
  ["cron(0 5 ? * * *)", "Australia/Lord_Howe"],
  ["cron(0/5 * ? * * *)", "Etc/UTC"],
  ["cron(0 3 ? * MON-FRI *)", "Asia/Tokyo"],
];
const RUNS = 20;

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The first evaluation in a process also pays for loading Intl data and compiling the code.
const warmUp = parseSchedule("cron(0 5 ? * * *)", new Issues("schedule"));
if (warmUp !== undefined) {
  const first = timed(() => largestGap(warmUp, "Asia/Kolkata"));
  console.log(`first evaluation in the process (Asia/Kolkata, daily): ${first.toFixed(1)} ms`);
}

for (const [expression, timeZone] of CASES) {
  const schedule = parseSchedule(expression, new Issues("schedule"));
  if (schedule === undefined) throw new Error(`cannot parse ${expression}`);
  let gapMinutes = 0;
  const cold = timed(() => {
    gapMinutes = largestGap(schedule, timeZone).minutes;
  });
  const warm = Array.from({ length: RUNS }, () => timed(() => largestGap(schedule, timeZone))).sort(
    (a, b) => a - b,
  );
  const median = warm[Math.floor(RUNS / 2)] ?? 0;
  console.log(
    `${expression.padEnd(24)} ${timeZone.padEnd(20)} gap ${String(gapMinutes).padStart(6)} min  ` +
      `cold ${cold.toFixed(1).padStart(6)} ms  warm median ${median.toFixed(2).padStart(6)} ms`,
  );
}
