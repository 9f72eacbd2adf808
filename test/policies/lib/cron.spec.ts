import * as assert from "node:assert/strict";
import { cronMaxGap, CronSchedule, maxGapMinutes, parseCron } from "../../../policies/lib/cron";

function schedule(expression: string): CronSchedule {
  const parsed = parseCron(expression);
  assert.equal(parsed.kind, "ok", expression);
  return (parsed as { schedule: CronSchedule }).schedule;
}

describe("policies/lib/cron", () => {
  it("measures the longest gap of one expression, in minutes", () => {
    const cases: [string, number][] = [
      ["cron(0 * ? * * *)", 60],
      ["cron(0 */6 ? * * *)", 360],
      ["cron(15,45 8-17 ? * * *)", 14 * 60 + 30],
      ["cron(0 5 ? * * *)", 1440],
      ["cron(0 5 ? * MON-FRI *)", 3 * 1440],
      ["cron(0 5 ? * SUN *)", 7 * 1440],
      ["cron(0 4 1 * ? *)", 31 * 1440],
      ["cron(0 4 L * ? *)", 31 * 1440],
      ["cron(0 6 ? * 7#1 *)", 35 * 1440],
      ["cron(0 6 ? * 2L *)", 35 * 1440],
      ["cron(0 0 1 JAN,JUL ? *)", 184 * 1440],
      ["cron(0 0 29 2 ? *)", 1461 * 1440],
    ];
    for (const [expression, minutes] of cases) {
      assert.deepEqual(cronMaxGap(expression), { kind: "ok", maxGapMinutes: minutes }, expression);
    }
  });

  it("adds schedules up", () => {
    assert.equal(
      maxGapMinutes([schedule("cron(0 2 ? * * *)"), schedule("cron(0 14 ? * * *)")]),
      720,
    );
    assert.equal(
      maxGapMinutes([schedule("cron(0 5 ? * * *)"), schedule("cron(0 4 1 * ? *)")]),
      1440,
    );
    assert.equal(maxGapMinutes([schedule("cron(0 5 30 2 ? *)")]), undefined);
    assert.equal(maxGapMinutes([]), undefined);
  });

  it("rejects what AWS rejects, and says what it does not model", () => {
    assert.deepEqual(cronMaxGap("rate(1 day)"), {
      kind: "invalid",
      reason: "is not a cron(...) expression",
    });
    assert.deepEqual(cronMaxGap("cron(0 5 * * *)"), {
      kind: "invalid",
      reason: "has 5 fields instead of 6",
    });
    assert.deepEqual(cronMaxGap("cron(0 5 * * ? *)"), { kind: "ok", maxGapMinutes: 1440 });
    assert.deepEqual(cronMaxGap("cron(0 5 ? * ? *)"), {
      kind: "invalid",
      reason: "must have ? in exactly one of day-of-month and day-of-week",
    });
    assert.deepEqual(cronMaxGap("cron(0 24 ? * * *)"), {
      kind: "invalid",
      reason: "hours value 24 is outside 0-23",
    });
    assert.deepEqual(cronMaxGap("cron(0 5 ? FOO * *)"), {
      kind: "invalid",
      reason: 'month value "FOO" is not a number',
    });
    assert.deepEqual(cronMaxGap("cron(0 5/0 ? * * *)"), {
      kind: "invalid",
      reason: 'hours step "0" is not valid',
    });
    assert.deepEqual(cronMaxGap("cron(0 5 31 2 ? *)"), { kind: "invalid", reason: "never runs" });
    assert.deepEqual(cronMaxGap("cron(0 5 15W * ? *)"), {
      kind: "unsupported",
      feature: "the W (nearest weekday) day-of-month",
    });
    assert.deepEqual(cronMaxGap("cron(0 5 ? * * 2030)"), {
      kind: "unsupported",
      feature: "a year restriction",
    });
  });
});
