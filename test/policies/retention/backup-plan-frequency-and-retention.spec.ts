import * as assert from "node:assert/strict";
import { backupPlanFrequencyAndRetention } from "../../../policies/retention/backup-plan-frequency-and-retention";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";
import { plan, rule } from "./plan-fixtures";

describe("policies/retention/backup-plan-frequency-and-retention", () => {
  const policy = backupPlanFrequencyAndRetention;
  const run = (fixture: ResourceFixture, config?: Record<string, unknown>) =>
    runResourcePolicy(policy, fixture, { config });

  it("passes a gold plan that backs up every 6 hours and keeps 35 days", async () => {
    const outcome = await run(plan([rule()]));
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("applies the floors of the plan's tier (a minimum, not an exact match)", async () => {
    const silver = await run(
      plan([rule({ schedule: "cron(30 1 * * ? *)", lifecycle: { deleteAfter: 90 } })], {
        "backup-tier": "silver",
      }),
    );
    assert.deepEqual(silver.messages, []);
    const weekdays = await run(
      plan([rule({ schedule: "cron(0 5 ? * MON-FRI *)", lifecycle: { deleteAfter: 7 } })], {
        "backup-tier": "bronze",
      }),
    );
    assert.deepEqual(weekdays.messages, []);
  });

  it("keeps recovery points without an expiry, and counts continuous backup as frequent enough", async () => {
    const outcome = await run(
      plan([
        rule({
          lifecycle: undefined,
          schedule: "cron(0 5 ? * * *)",
          enableContinuousBackup: true,
        }),
      ]),
    );
    assert.deepEqual(outcome.messages, []);
  });

  it("fails a retention below the tier's floor", async () => {
    const outcome = await run(plan([rule(), rule({ lifecycle: { deleteAfter: 7 } })]));
    assert.deepEqual(outcome.messages, [
      "[rules[1].lifecycle.deleteAfter] is 7, but must be at least 35 days for the gold tier.",
    ]);
    const text = await run(plan([rule({ lifecycle: { deleteAfter: "forever" } })]));
    assert.deepEqual(text.messages, [
      '[rules[0].lifecycle.deleteAfter] is "forever", but must be at least 35 days for the gold tier.',
    ]);
  });

  it("fails a schedule with gaps longer than the tier allows", async () => {
    const daily = await run(plan([rule({ schedule: "cron(0 5 ? * * *)" })]));
    assert.deepEqual(daily.messages, [
      '[rules[0].schedule] is "cron(0 5 ? * * *)", which leaves up to 24 hours between backups, but the gold tier needs one at least every 12 hours.',
    ]);
    const weekdays = await run(
      plan([rule({ schedule: "cron(0 5 ? * MON-FRI *)", lifecycle: { deleteAfter: 14 } })], {
        "backup-tier": "silver",
      }),
    );
    assert.deepEqual(weekdays.messages, [
      '[rules[0].schedule] is "cron(0 5 ? * MON-FRI *)", which leaves up to 72 hours between backups, but the silver tier needs one at least every 24 hours.',
    ]);
  });

  it("measures the gaps in the rule's scheduleExpressionTimezone", async () => {
    const nightly = (scheduleExpressionTimezone?: string) =>
      plan([rule({ schedule: "cron(30 2 ? * * *)", scheduleExpressionTimezone })], {
        "backup-tier": "silver",
      });
    assert.deepEqual((await run(nightly())).messages, []);
    assert.deepEqual((await run(nightly("Asia/Tokyo"))).messages, []);
    // 14 March 2027: 02:30 does not exist in New York, so that night has no backup.
    assert.deepEqual((await run(nightly("America/New_York"))).messages, [
      '[rules[0].schedule] is "cron(30 2 ? * * *)", which leaves up to 47 hours between backups, but the silver tier needs one at least every 24 hours.',
    ]);
    assert.deepEqual((await run(nightly("Mars/Olympus"))).messages, [
      '[rules[0].scheduleExpressionTimezone] is "Mars/Olympus", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
    ]);
  });

  it("evaluates W, L, # and year fields, and fails lists AWS refuses", async () => {
    const nearest = await run(plan([rule({ schedule: "cron(0 5 15W * ? *)" })]));
    assert.deepEqual(nearest.messages, [
      '[rules[0].schedule] is "cron(0 5 15W * ? *)", which leaves up to 768 hours between backups, but the gold tier needs one at least every 12 hours.',
    ]);
    const years = await run(plan([rule({ schedule: "cron(0 */6 ? * * 2027-2030)" })]));
    assert.deepEqual(years.messages, [
      '[rules[0].schedule] is "cron(0 */6 ? * * 2027-2030)", which never runs, but the gold tier needs one at least every 12 hours.',
    ]);
    const lists = await run(plan([rule({ schedule: "cron(0 5 ? * 3#1,6#3 *)" })]));
    assert.deepEqual(lists.messages, [
      '[rules[0].schedule] is "cron(0 5 ? * 3#1,6#3 *)", but its day-of-week field "3#1,6#3" is invalid ("#" must be written n#k with n 1-7 and k 1-5, alone): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
    ]);
    const number = await run(plan([rule({ schedule: 42 })]));
    assert.deepEqual(number.messages, [
      "[rules[0].schedule] is 42, but must be a cron(...) expression.",
    ]);
  });

  it("holds untagged plans to the untagged-plan tier, and a rule without schedule to AWS's daily default", async () => {
    const outcome = await run(plan([rule({ schedule: undefined })], {}));
    assert.deepEqual(outcome.messages, [
      "[rules[0].schedule] is not set, so AWS runs cron(0 5 ? * * *), which leaves up to 24 hours between backups, but the gold tier needs one at least every 12 hours.",
    ]);
    const relaxed = await run(
      plan([rule({ schedule: undefined, lifecycle: { deleteAfter: 7 } })], {}),
      {
        untaggedPlanTier: "bronze",
      },
    );
    assert.deepEqual(relaxed.messages, []);
  });

  it("lets the rules of a plan add up: frequent rules next to long-term ones", async () => {
    const prodGold = plan([
      rule({ schedule: "cron(0 * ? * * *)", lifecycle: { deleteAfter: 35 } }),
      rule({
        schedule: "cron(30 2 ? * * *)",
        lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
      }),
      rule({
        schedule: "cron(0 4 1 * ? *)",
        lifecycle: { deleteAfter: 2555, coldStorageAfter: 90 },
      }),
    ]);
    assert.deepEqual((await run(prodGold)).messages, []);
    const twiceDaily = plan([
      rule({ schedule: "cron(0 2 ? * * *)" }),
      rule({ schedule: "cron(0 14 ? * * *)" }),
    ]);
    assert.deepEqual((await run(twiceDaily)).messages, []);
    const sparse = plan([rule({ schedule: "cron(30 2 ? * * *)" }), rule({ schedule: undefined })]);
    assert.deepEqual((await run(sparse)).messages, [
      '[rules] schedules "cron(30 2 ? * * *)" and "cron(0 5 ? * * *)" (the default) together leave up to 21.50 hours between backups, but the gold tier needs one at least every 12 hours.',
    ]);
    const never = await run(plan([rule({ schedule: "cron(0 5 30 2 ? *)" })]));
    assert.deepEqual(never.messages, [
      '[rules[0].schedule] is "cron(0 5 30 2 ? *)", which never runs, but the gold tier needs one at least every 12 hours.',
    ]);
  });

  it("fails an expression AWS Backup does not take", async () => {
    const outcome = await run(
      plan([rule({ schedule: "rate(1 hour)" }), rule({ schedule: "cron(0 5 * * * *)" })]),
    );
    assert.deepEqual(outcome.messages, [
      [
        '[rules[0].schedule] is "rate(1 hour)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
        '[rules[1].schedule] is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
      ].join("\n"),
    ]);
  });

  it("uses configured floors and intervals", async () => {
    const config = { retentionFloorDays: { gold: 90 }, maxIntervalHours: { gold: 1 } };
    const outcome = await run(plan([rule()]), config);
    assert.deepEqual(outcome.messages, [
      [
        "[rules[0].lifecycle.deleteAfter] is 35, but must be at least 90 days for the gold tier.",
        '[rules[0].schedule] is "cron(0 */6 ? * * *)", which leaves up to 6 hours between backups, but the gold tier needs one at least every 1 hours.',
      ].join("\n"),
    ]);
  });

  it("says which value is unknown during preview and still checks the others", async () => {
    const outcome = await run(
      plan([
        rule({ lifecycle: { deleteAfter: UNKNOWN }, schedule: "cron(0 5 ? * * *)" }),
        rule({ schedule: UNKNOWN, lifecycle: { deleteAfter: 1 } }),
      ]),
    );
    assert.deepEqual(outcome.messages, [
      "[rules[1].lifecycle.deleteAfter] is 1, but must be at least 35 days for the gold tier.",
    ]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        policy.name,
        "could not check that [rules[0].lifecycle.deleteAfter] is at least 35 days for the gold tier, because it is unknown during preview.",
        "could not check that [rules[1].schedule] runs at least every 12 hours, because it is unknown during preview.",
      ),
    ]);
    const satisfied = await run(plan([rule(), rule({ schedule: UNKNOWN })]));
    assert.deepEqual(satisfied.advisories, []);
    const rules = await run(plan(UNKNOWN));
    assert.deepEqual(rules.advisories, [
      previewAdvisory(
        policy.name,
        "could not check that [rules] meet the gold tier's frequency and retention, because it is unknown during preview.",
      ),
    ]);
    const tier = await run(plan([rule()], { "backup-tier": UNKNOWN }));
    assert.deepEqual(tier.advisories, [
      previewAdvisory(
        policy.name,
        'could not check that [tags["backup-tier"]] names the tier whose floors apply, because it is unknown during preview.',
      ),
    ]);
    const zone = await run(plan([rule({ scheduleExpressionTimezone: UNKNOWN })]));
    assert.deepEqual(zone.advisories, [
      previewAdvisory(
        policy.name,
        "could not check that [rules[0].scheduleExpressionTimezone] runs at least every 12 hours, because it is unknown during preview.",
      ),
    ]);
  });
});
