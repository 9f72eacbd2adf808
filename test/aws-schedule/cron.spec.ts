import * as assert from "assert";
import {
  type CronSchedule,
  type Schedule,
  ScheduleError,
  ScheduleService,
  cronFires,
  firesPerDay,
  largestGap,
  matchingDays,
  minIntervalMinutes,
  parseSchedule,
  requireSchedule,
  worstCaseGapMinutes,
} from "@hybrid-backup/aws-schedule";

const EVENTBRIDGE = { service: ScheduleService.EventBridge } as const;

function cron(expression: string): CronSchedule {
  const schedule = requireSchedule(expression, EVENTBRIDGE);
  assert.strictEqual(schedule.kind, "cron");
  return schedule;
}

function problems(expression: unknown, service: ScheduleService = "eventbridge"): string {
  const parsed = parseSchedule(expression, { service });
  assert.strictEqual(parsed.ok, false, `${String(expression)} should be rejected`);
  return parsed.ok
    ? ""
    : parsed.problems.map((problem) => `[rules[0].schedule] ${problem}`).join("\n");
}

function throwsSchedule(run: () => unknown, message: string): void {
  assert.throws(
    run,
    (error: unknown) => error instanceof ScheduleError && error.message === message,
  );
}

function iso(ms: number | undefined): string {
  return ms === undefined ? "none" : new Date(ms).toISOString();
}

function gapOf(
  schedule: Schedule,
  timeZone = "Etc/UTC",
): { minutes: number; from: string; to: string } {
  const gap = largestGap(schedule, timeZone, 2027);
  return { minutes: gap.minutes, from: iso(gap.fromMs), to: iso(gap.toMs) };
}

describe("@hybrid-backup/aws-schedule", () => {
  describe("parsing", () => {
    it("expands values, ranges, steps, lists and names", () => {
      const schedule = cron("cron(5,10-12,50/5 0/6 ? JAN-MAR,DEC MON-FRI 2027-2030/2)");
      assert.deepStrictEqual(schedule.minutes, [5, 10, 11, 12, 50, 55]);
      assert.deepStrictEqual(schedule.hours, [0, 6, 12, 18]);
      assert.deepStrictEqual(schedule.months, [1, 2, 3, 12]);
      assert.deepStrictEqual(
        schedule.years.flatMap((on, index) => (on ? [1970 + index] : [])),
        [2027, 2029],
      );
      assert.deepStrictEqual(schedule.dayOfWeek, {
        kind: "weekdays",
        weekdays: [false, false, true, true, true, true, true, false],
      });
      assert.strictEqual(schedule.dayOfMonth, undefined);
    });

    it("reads weekday numbers with 1 = Sunday and a lone L in day-of-week as Saturday", () => {
      // January 2027 starts on a Friday: Sundays are the 3rd, 10th, ...; Saturdays the 2nd, 9th, ...
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * 1 *)"), 2027, 1), [3, 10, 17, 24, 31]);
      assert.deepStrictEqual(
        matchingDays(cron("cron(0 0 ? * SUN *)"), 2027, 1),
        [3, 10, 17, 24, 31],
      );
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * L *)"), 2027, 1), [2, 9, 16, 23, 30]);
    });

    it("selects L, LW, nW, nL and n#k days", () => {
      // February 2027: 28 days, the 28th is a Sunday, the 1st a Monday.
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 L * ? *)"), 2027, 2), [28]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 LW * ? *)"), 2027, 2), [26]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 L * ? *)"), 2028, 2), [29]);
      // May 2027: the 15th is a Saturday (nearest weekday Friday 14th), the 1st a Saturday too
      // (nearest weekday within the month is Monday 3rd).
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 15W * ? *)"), 2027, 5), [14]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 1W * ? *)"), 2027, 5), [3]);
      // October 2027: the 31st is a Sunday, so 31W is Friday 29th.
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 31W * ? *)"), 2027, 10), [29]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 31W * ? *)"), 2027, 4), []);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * 6L *)"), 2027, 1), [29]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * 2#1 *)"), 2027, 3), [1]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * 3#5 *)"), 2027, 3), [30]);
      assert.deepStrictEqual(matchingDays(cron("cron(0 0 ? * 3#5 *)"), 2027, 2), []);
    });

    it("accepts rate expressions with a singular unit for 1", () => {
      assert.deepStrictEqual(requireSchedule("rate(1 hour)", EVENTBRIDGE), {
        kind: "rate",
        expression: "rate(1 hour)",
        intervalMinutes: 60,
      });
      assert.deepStrictEqual(requireSchedule("rate(12 hours)", EVENTBRIDGE), {
        kind: "rate",
        expression: "rate(12 hours)",
        intervalMinutes: 720,
      });
      assert.deepStrictEqual(requireSchedule("rate(2 days)", EVENTBRIDGE), {
        kind: "rate",
        expression: "rate(2 days)",
        intervalMinutes: 2880,
      });
    });

    const rejected: readonly (readonly [string, string])[] = [
      [
        "cron(0 5 * * * *)",
        '[rules[0].schedule] is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
      ],
      [
        "cron(0 5 ? * ? *)",
        '[rules[0].schedule] is "cron(0 5 ? * ? *)", but day-of-month and day-of-week cannot both be "?": exactly one of them must be "?".',
      ],
      [
        "cron(0 5 1 * MON *)",
        '[rules[0].schedule] is "cron(0 5 1 * MON *)", but day-of-month "1" and day-of-week "MON" cannot both be set: one of them must be "?".',
      ],
      [
        "cron(0 5 ? * *)",
        '[rules[0].schedule] is "cron(0 5 ? * *)", but a cron expression needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) and this one has 5.',
      ],
      [
        "0 5 ? * * *",
        '[rules[0].schedule] is "0 5 ? * * *", but a schedule must be "cron(Minutes Hours Day-of-month Month Day-of-week Year)" or "rate(value unit)".',
      ],
      [
        "cron(60 5 ? * * *)",
        '[rules[0].schedule] is "cron(60 5 ? * * *)", but its minutes field "60" is invalid (60 is outside 0-59): the minutes field takes 0-59 and , - * /.',
      ],
      [
        "cron(0 24 ? * * *)",
        '[rules[0].schedule] is "cron(0 24 ? * * *)", but its hours field "24" is invalid (24 is outside 0-23): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 5 32 * ? *)",
        '[rules[0].schedule] is "cron(0 5 32 * ? *)", but its day-of-month field "32" is invalid (32 is outside 1-31): the day-of-month field takes 1-31 and , - * ? / L W.',
      ],
      [
        "cron(0 5 ? 13 * *)",
        '[rules[0].schedule] is "cron(0 5 ? 13 * *)", but its month field "13" is invalid (13 is outside 1-12): the month field takes 1-12 or JAN-DEC and , - * /.',
      ],
      [
        "cron(0 5 ? FOO * *)",
        '[rules[0].schedule] is "cron(0 5 ? FOO * *)", but its month field "FOO" is invalid ("FOO" is not a value of this field): the month field takes 1-12 or JAN-DEC and , - * /.',
      ],
      [
        "cron(0 5 ? * 0 *)",
        '[rules[0].schedule] is "cron(0 5 ? * 0 *)", but its day-of-week field "0" is invalid (0 is outside 1-7): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * * 1969)",
        '[rules[0].schedule] is "cron(0 5 ? * * 1969)", but its year field "1969" is invalid (1969 is outside 1970-2199): the year field takes 1970-2199 and , - * /.',
      ],
      [
        "cron(0 10-5 ? * * *)",
        '[rules[0].schedule] is "cron(0 10-5 ? * * *)", but its hours field "10-5" is invalid (the range 10-5 runs backwards): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 */0 ? * * *)",
        '[rules[0].schedule] is "cron(0 */0 ? * * *)", but its hours field "*/0" is invalid (the step "0" must be a whole number of at least 1): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 1/2/3 ? * * *)",
        '[rules[0].schedule] is "cron(0 1/2/3 ? * * *)", but its hours field "1/2/3" is invalid ("1/2/3" has more than one "/"): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 1-2-3 ? * * *)",
        '[rules[0].schedule] is "cron(0 1-2-3 ? * * *)", but its hours field "1-2-3" is invalid ("1-2-3" has more than one "-"): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 5 1,,2 * ? *)",
        '[rules[0].schedule] is "cron(0 5 1,,2 * ? *)", but its day-of-month field "1,,2" is invalid (a list has an empty element): the day-of-month field takes 1-31 and , - * ? / L W.',
      ],
      [
        "cron(0 ? ? * * *)",
        '[rules[0].schedule] is "cron(0 ? ? * * *)", but its hours field "?" is invalid ("?" is only allowed alone, in day-of-month or day-of-week): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 L ? * * *)",
        '[rules[0].schedule] is "cron(0 L ? * * *)", but its hours field "L" is invalid ("L" is only allowed alone, in day-of-month or day-of-week): the hours field takes 0-23 and , - * /.',
      ],
      [
        "cron(0 5 L,1 * ? *)",
        '[rules[0].schedule] is "cron(0 5 L,1 * ? *)", but its day-of-month field "L,1" is invalid ("L", "LW" and "nW" must stand alone): the day-of-month field takes 1-31 and , - * ? / L W.',
      ],
      [
        "cron(0 5 32W * ? *)",
        '[rules[0].schedule] is "cron(0 5 32W * ? *)", but its day-of-month field "32W" is invalid (32 is outside 1-31): the day-of-month field takes 1-31 and , - * ? / L W.',
      ],
      [
        "cron(0 5 3#1 * ? *)",
        '[rules[0].schedule] is "cron(0 5 3#1 * ? *)", but its day-of-month field "3#1" is invalid ("#" is only allowed in day-of-week, alone as n#k): the day-of-month field takes 1-31 and , - * ? / L W.',
      ],
      [
        "cron(0 5 ? * 5W *)",
        '[rules[0].schedule] is "cron(0 5 ? * 5W *)", but its day-of-week field "5W" is invalid ("W" is only allowed alone, in day-of-month): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * 8L *)",
        '[rules[0].schedule] is "cron(0 5 ? * 8L *)", but its day-of-week field "8L" is invalid (8 is outside 1-7): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * 6L,2 *)",
        '[rules[0].schedule] is "cron(0 5 ? * 6L,2 *)", but its day-of-week field "6L,2" is invalid ("L" and "nL" must stand alone): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * 2#6 *)",
        '[rules[0].schedule] is "cron(0 5 ? * 2#6 *)", but its day-of-week field "2#6" is invalid (the occurrence 6 after "#" must be 1-5): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * 8#1 *)",
        '[rules[0].schedule] is "cron(0 5 ? * 8#1 *)", but its day-of-week field "8#1" is invalid (8 is outside 1-7): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "cron(0 5 ? * MON#2 *)",
        '[rules[0].schedule] is "cron(0 5 ? * MON#2 *)", but its day-of-week field "MON#2" is invalid ("#" must be written n#k with n 1-7 and k 1-5, alone): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      ],
      [
        "rate(1 hours)",
        '[rules[0].schedule] is "rate(1 hours)", but the unit must be singular for 1 and plural otherwise: "rate(1 hour)".',
      ],
      [
        "rate(5 minute)",
        '[rules[0].schedule] is "rate(5 minute)", but the unit must be singular for 1 and plural otherwise: "rate(5 minutes)".',
      ],
      [
        "rate(0 minutes)",
        '[rules[0].schedule] is "rate(0 minutes)", but a rate needs a positive whole number and a unit of minutes, hours or days, as in "rate(1 hour)" or "rate(12 hours)".',
      ],
      [
        "rate(2 weeks)",
        '[rules[0].schedule] is "rate(2 weeks)", but a rate needs a positive whole number and a unit of minutes, hours or days, as in "rate(1 hour)" or "rate(12 hours)".',
      ],
    ];
    for (const [expression, message] of rejected) {
      it(`rejects ${expression}`, () => {
        assert.strictEqual(problems(expression), message);
      });
    }

    it("reports a problem in every field at once", () => {
      assert.strictEqual(
        problems("cron(60 24 ? 13 * *)"),
        [
          '[rules[0].schedule] is "cron(60 24 ? 13 * *)", but its minutes field "60" is invalid (60 is outside 0-59): the minutes field takes 0-59 and , - * /.',
          '[rules[0].schedule] is "cron(60 24 ? 13 * *)", but its hours field "24" is invalid (24 is outside 0-23): the hours field takes 0-23 and , - * /.',
          '[rules[0].schedule] is "cron(60 24 ? 13 * *)", but its month field "13" is invalid (13 is outside 1-12): the month field takes 1-12 or JAN-DEC and , - * /.',
        ].join("\n"),
      );
    });

    it("throws a ScheduleError naming the setting from requireSchedule", () => {
      throwsSchedule(
        () => requireSchedule("cron(0 5 * * * *)", { path: "rules[2].schedule" }),
        '[rules[2].schedule] is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
      );
    });

    it("rejects lists of n#k, chained ranges and values that are not strings", () => {
      assert.strictEqual(
        problems("cron(0 5 ? * 3#1,6#3 *)"),
        '[rules[0].schedule] is "cron(0 5 ? * 3#1,6#3 *)", but its day-of-week field "3#1,6#3" is invalid ("#" must be written n#k with n 1-7 and k 1-5, alone): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      );
      assert.strictEqual(
        problems("cron(0 5 ? * SUN-SAT-MON *)"),
        '[rules[0].schedule] is "cron(0 5 ? * SUN-SAT-MON *)", but its day-of-week field "SUN-SAT-MON" is invalid ("SUN-SAT-MON" has more than one "-"): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      );
      assert.strictEqual(
        problems(42),
        '[rules[0].schedule] is 42, but a schedule expression must be a string such as "cron(0 5 ? * * *)".',
      );
      assert.strictEqual(
        problems(undefined),
        '[rules[0].schedule] is undefined, but a schedule expression must be a string such as "cron(0 5 ? * * *)".',
      );
    });

    it("takes rate() only for EventBridge, and at most hourly cron for AWS Backup plan rules", () => {
      assert.strictEqual(
        problems("rate(1 day)", ScheduleService.BackupRule),
        '[rules[0].schedule] is "rate(1 day)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
      );
      assert.strictEqual(
        problems("rate(1 day)", ScheduleService.RestoreTesting),
        '[rules[0].schedule] is "rate(1 day)", but AWS Backup restore testing plans take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
      );
      assert.strictEqual(
        problems("cron(0/30 * ? * * *)", ScheduleService.BackupRule),
        '[rules[0].schedule] is "cron(0/30 * ? * * *)", whose minutes field fires 2 times an hour, but AWS Backup plan rules run at most hourly: the minutes field must be a single minute from 0 to 59.',
      );
      assert.deepStrictEqual(
        parseSchedule("cron(0/30 * ? * * *)", { service: "restore-testing" }).ok,
        true,
      );
      assert.deepStrictEqual(parseSchedule("cron(0 * ? * * *)").ok, true);
      assert.deepStrictEqual(parseSchedule("rate(1 day)", EVENTBRIDGE).ok, true);
    });
  });

  describe("largest gap between fires (reference year 2027)", () => {
    it("is 24 h for a daily rule, across the year boundary", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 5 ? * * *)")), {
        minutes: 1440,
        from: "2026-12-31T05:00:00.000Z",
        to: "2027-01-01T05:00:00.000Z",
      });
    });

    it("is 72 h for a weekday-only rule (Friday to Monday)", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 3 ? * MON-FRI *)")), {
        minutes: 4320,
        from: "2027-01-01T03:00:00.000Z",
        to: "2027-01-04T03:00:00.000Z",
      });
    });

    it("is 60, 240 and 720 min for hourly, 4-hourly and twice-daily rules", () => {
      assert.strictEqual(largestGap(cron("cron(0 * ? * * *)")).minutes, 60);
      assert.strictEqual(largestGap(cron("cron(0 0/4 ? * * *)")).minutes, 240);
      assert.strictEqual(largestGap(cron("cron(0 0,12 ? * * *)")).minutes, 720);
    });

    it("is 31 days for the 1st of every month (December 2026 to January 2027)", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 0 1 * ? *)")), {
        minutes: 44640,
        from: "2026-12-01T00:00:00.000Z",
        to: "2027-01-01T00:00:00.000Z",
      });
    });

    it("is 31 days for the last day of the month (L)", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 0 L * ? *)")), {
        minutes: 44640,
        from: "2026-12-31T00:00:00.000Z",
        to: "2027-01-31T00:00:00.000Z",
      });
    });

    it("is 35 days for the last Friday (6L) and the first Monday (2#1)", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 0 ? * 6L *)")), {
        minutes: 50400,
        from: "2026-12-25T00:00:00.000Z",
        to: "2027-01-29T00:00:00.000Z",
      });
      assert.deepStrictEqual(gapOf(cron("cron(0 0 ? * 2#1 *)")), {
        minutes: 50400,
        from: "2027-03-01T00:00:00.000Z",
        to: "2027-04-05T00:00:00.000Z",
      });
    });

    it("is 33 days for the last weekday (LW) and 32 days for the weekday nearest the 15th", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 0 LW * ? *)")), {
        minutes: 47520,
        from: "2027-02-26T00:00:00.000Z",
        to: "2027-03-31T00:00:00.000Z",
      });
      assert.deepStrictEqual(gapOf(cron("cron(0 0 15W * ? *)")), {
        minutes: 46080,
        from: "2027-05-14T00:00:00.000Z",
        to: "2027-06-15T00:00:00.000Z",
      });
    });

    it("is 92 days for a quarterly rule and 1461 days for 29 February", () => {
      assert.strictEqual(largestGap(cron("cron(0 0 1 1,4,7,10 ? *)")).minutes, 132480);
      assert.deepStrictEqual(gapOf(cron("cron(0 0 29 2 ? *)")), {
        minutes: 2103840,
        from: "2024-02-29T00:00:00.000Z",
        to: "2028-02-29T00:00:00.000Z",
      });
    });

    it("is unbounded when the year field starts in the reference year: nothing fired before", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 5 ? * * 2027-2030)")), {
        minutes: Number.POSITIVE_INFINITY,
        from: "none",
        to: "2027-01-01T05:00:00.000Z",
      });
      assert.strictEqual(worstCaseGapMinutes("cron(0 5 ? * * 2028)", "Etc/UTC", 2027), Infinity);
      // A year list with a hole still has a fire before the reference year: 2020 to 2027.
      assert.strictEqual(
        worstCaseGapMinutes("cron(0 0 1 1 ? 2020,2027-2030)", "Etc/UTC", 2027),
        (Date.UTC(2027, 0, 1) - Date.UTC(2020, 0, 1)) / 60_000,
      );
    });

    it("is unbounded when the year field ends in the reference year", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 5 ? * * 2020-2027)")), {
        minutes: Number.POSITIVE_INFINITY,
        from: "2027-12-31T05:00:00.000Z",
        to: "none",
      });
    });

    it("is the interval of a rate expression", () => {
      assert.strictEqual(largestGap(requireSchedule("rate(12 hours)", EVENTBRIDGE)).minutes, 720);
    });
  });

  describe("daylight saving time", () => {
    it("skips 02:30 on the spring-forward day in Europe/Berlin: a 47 h gap", () => {
      const schedule = cron("cron(30 2 ? * * *)");
      const march = cronFires(schedule, "Europe/Berlin", 2027).map(iso).slice(84, 88);
      // 27 March 02:30 CET, 28 March skipped (02:00 jumps to 03:00), 29 March 02:30 CEST.
      assert.deepStrictEqual(march, [
        "2027-03-26T01:30:00.000Z",
        "2027-03-27T01:30:00.000Z",
        "2027-03-29T00:30:00.000Z",
        "2027-03-30T00:30:00.000Z",
      ]);
      assert.deepStrictEqual(gapOf(schedule, "Europe/Berlin"), {
        minutes: 2820,
        from: "2027-03-27T01:30:00.000Z",
        to: "2027-03-29T00:30:00.000Z",
      });
    });

    it("fires the repeated 02:30 once, at its first occurrence, in Europe/Berlin", () => {
      const fires = cronFires(cron("cron(30 2 ? * * *)"), "Europe/Berlin", 2027).map(iso);
      const around = fires.filter((at) => at >= "2027-10-30" && at < "2027-11-02");
      assert.deepStrictEqual(around, [
        "2027-10-30T00:30:00.000Z",
        "2027-10-31T00:30:00.000Z",
        "2027-11-01T01:30:00.000Z",
      ]);
      assert.strictEqual(fires.length, 364);
    });

    it("skips 02:30 on the spring-forward day in America/New_York: a 47 h gap", () => {
      assert.deepStrictEqual(gapOf(cron("cron(30 2 ? * * *)"), "America/New_York"), {
        minutes: 2820,
        from: "2027-03-13T07:30:00.000Z",
        to: "2027-03-15T06:30:00.000Z",
      });
    });

    it("has a 25 h worst case for a daily 01:30 (23 h in spring, 25 h in autumn)", () => {
      const schedule = cron("cron(30 1 ? * * *)");
      assert.deepStrictEqual(gapOf(schedule, "America/New_York"), {
        minutes: 1500,
        from: "2027-11-07T05:30:00.000Z",
        to: "2027-11-08T06:30:00.000Z",
      });
      assert.strictEqual(minIntervalMinutes(schedule, "America/New_York", 2027), 1380);
      assert.deepStrictEqual(gapOf(schedule, "Europe/Berlin"), {
        minutes: 1500,
        from: "2027-10-30T23:30:00.000Z",
        to: "2027-11-01T00:30:00.000Z",
      });
      assert.strictEqual(minIntervalMinutes(schedule, "Europe/Berlin", 2027), 1380);
    });

    it("has a 2 h gap for an hourly rule on the autumn day and 745 h for a monthly rule", () => {
      assert.deepStrictEqual(gapOf(cron("cron(0 * ? * * *)"), "Europe/Berlin"), {
        minutes: 120,
        from: "2027-10-31T00:00:00.000Z",
        to: "2027-10-31T02:00:00.000Z",
      });
      // 1 October 00:00 CEST to 1 November 00:00 CET: 31 days and the hour given back.
      assert.deepStrictEqual(gapOf(cron("cron(0 0 1 * ? *)"), "Europe/Berlin"), {
        minutes: 44700,
        from: "2027-09-30T22:00:00.000Z",
        to: "2027-10-31T23:00:00.000Z",
      });
    });

    it("handles a 30-minute daylight saving shift (Australia/Lord_Howe)", () => {
      assert.strictEqual(
        largestGap(cron("cron(0 5 ? * * *)"), "Australia/Lord_Howe", 2027).minutes,
        1470,
      );
    });

    it("rejects an unknown time zone", () => {
      throwsSchedule(
        () => worstCaseGapMinutes("cron(0 5 ? * * *)", "Mars/Olympus", 2027),
        '[timeZone] is "Mars/Olympus", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
      );
    });
  });

  describe("frequency", () => {
    it("accepts every 15 minutes and reports its minimum interval", () => {
      const schedule = cron("cron(0/15 * ? * * *)");
      assert.strictEqual(minIntervalMinutes(schedule), 15);
      assert.strictEqual(firesPerDay(schedule), 96);
    });

    it("keeps an hourly minimum interval across the spring-forward gap", () => {
      assert.strictEqual(minIntervalMinutes(cron("cron(0 * ? * * *)"), "Europe/Berlin", 2027), 60);
    });

    it("counts fires per day over the reference year", () => {
      // 2027 has 261 weekdays.
      assert.strictEqual(firesPerDay(cron("cron(0 3 ? * MON-FRI *)"), "Etc/UTC", 2027), 261 / 365);
      assert.strictEqual(firesPerDay(cron("cron(0 0 1 * ? *)"), "Etc/UTC", 2027), 12 / 365);
      assert.strictEqual(firesPerDay(requireSchedule("rate(8 hours)", EVENTBRIDGE)), 3);
      // An hourly rule in Berlin loses the skipped 02:00 in spring; the repeated 02:00 in autumn
      // fires once, as every other hour does.
      assert.strictEqual(firesPerDay(cron("cron(0 * ? * * *)"), "Europe/Berlin", 2027), 8759 / 365);
    });
  });
});
