/**
 * Speed of the schedule evaluator: how long the worst-case gap of one rule over one reference year
 * takes, cold (the first use of a time zone, whose offsets are then cached) and warm (median of
 * repeated runs), for a few rules and zones.
 * Run with `npm run bench:schedule`.
 */
import { worstCaseGapMinutes } from "@hybrid-backup/aws-schedule";

const YEAR = 2027;
const CASES: readonly (readonly [string, string])[] = [
  ["cron(0 5 ? * * *)", "Etc/UTC"],
  ["cron(30 2 ? * * *)", "America/New_York"],
  ["cron(0 * ? * * *)", "Europe/Berlin"],
  ["cron(0 5 ? * * *)", "Australia/Lord_Howe"],
  ["cron(0 3 ? * MON-FRI *)", "Asia/Tokyo"],
  ["cron(0 0 LW * ? *)", "America/Sao_Paulo"],
  ["cron(0 0 ? * 2#1 *)", "Asia/Kolkata"],
];
const RUNS = 50;

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

console.log(`worst-case gap of one rule over ${YEAR} (${RUNS} warm runs each)`);
for (const [expression, timeZone] of CASES) {
  let gap = 0;
  const cold = timed(() => {
    gap = worstCaseGapMinutes(expression, timeZone, YEAR);
  });
  const warm = Array.from({ length: RUNS }, () =>
    timed(() => worstCaseGapMinutes(expression, timeZone, YEAR)),
  ).sort((a, b) => a - b);
  const median = warm[Math.floor(RUNS / 2)] ?? 0;
  console.log(
    `${expression.padEnd(26)} ${timeZone.padEnd(20)} gap ${String(gap).padStart(6)} min  ` +
      `cold ${cold.toFixed(2).padStart(7)} ms  warm median ${median.toFixed(3).padStart(7)} ms`,
  );
}
