import * as assert from "node:assert/strict";
import {
  DEFAULT_RULE_TIME_ZONE,
  type RuleSchedule,
  checkRuleSchedule,
  planGapMinutes,
} from "../../../policies/lib/cron";

function valid(expression: string, timeZone?: string): RuleSchedule {
  const checked = checkRuleSchedule(expression, timeZone);
  assert.equal(checked.kind, "ok", JSON.stringify(checked));
  if (checked.kind !== "ok") throw new Error("unreachable");
  return checked.schedule;
}

describe("policies/lib/cron", () => {
  it("reads a rule in its scheduleExpressionTimezone, Etc/UTC when unset", () => {
    assert.equal(DEFAULT_RULE_TIME_ZONE, "Etc/UTC");
    assert.equal(valid("cron(0 5 ? * * *)").timeZone, "Etc/UTC");
    assert.equal(valid("cron(0 5 ? * * *)", "Europe/Berlin").timeZone, "Europe/Berlin");
  });

  it("measures a nightly 02:30 in New York at 47 hours (the spring-forward night), 24 in UTC", () => {
    assert.equal(planGapMinutes([valid("cron(30 2 ? * * *)", "America/New_York")]), 47 * 60);
    assert.equal(planGapMinutes([valid("cron(30 2 ? * * *)")]), 24 * 60);
  });

  it("adds up the rules of a plan, each in its own zone", () => {
    // 02:00 UTC and 14:00 Tokyo (05:00 UTC): 3 h, then 21 h.
    assert.equal(
      planGapMinutes([valid("cron(0 2 ? * * *)"), valid("cron(0 14 ? * * *)", "Asia/Tokyo")]),
      21 * 60,
    );
    assert.equal(
      planGapMinutes([valid("cron(0 3 ? * MON-FRI *)"), valid("cron(0 0 ? * 2#1 *)")]),
      72 * 60,
    );
  });

  it("evaluates W and year fields, unbounded when there is no run before the first", () => {
    assert.equal(planGapMinutes([valid("cron(0 0 LW * ? *)")]), 47520);
    assert.equal(planGapMinutes([valid("cron(0 5 ? * * 2027-2030)")]), Infinity);
    assert.equal(planGapMinutes([valid("cron(0 5 30 2 ? *)")]), Infinity);
    assert.equal(planGapMinutes([]), Infinity);
  });

  it("refuses what AWS Backup refuses, naming the setting, without throwing", () => {
    assert.deepEqual(checkRuleSchedule("cron(0 5 ? * SUN-SAT-MON *)", undefined), {
      kind: "invalid",
      field: "schedule",
      reason:
        'is "cron(0 5 ? * SUN-SAT-MON *)", but its day-of-week field "SUN-SAT-MON" is invalid ("SUN-SAT-MON" has more than one "-"): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
    });
    assert.deepEqual(checkRuleSchedule("rate(1 day)", undefined), {
      kind: "invalid",
      field: "schedule",
      reason:
        'is "rate(1 day)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
    });
    assert.deepEqual(checkRuleSchedule({ cron: true }, undefined), {
      kind: "invalid",
      field: "schedule",
      reason:
        'is {"cron":true}, but a schedule expression must be a string such as "cron(0 5 ? * * *)".',
    });
    assert.deepEqual(checkRuleSchedule("cron(0 5 ? * * *)", 7), {
      kind: "invalid",
      field: "scheduleExpressionTimezone",
      reason: 'is 7, but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
    });
  });
});
