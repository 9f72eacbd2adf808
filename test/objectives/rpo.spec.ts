import * as assert from "assert";
import { Issues } from "../../core";
import { requireSchedule as parse } from "@hybrid-backup/aws-schedule";

const requireSchedule = (expression: string) => parse(expression, { service: "eventbridge" });
import type { BackupDesign, BackupRuleDesign, Dataset } from "../../objectives/design";
import { evaluateDataset } from "../../objectives/index";
import { recoveryPaths, uploadDrainMinutes } from "../../objectives/rpo";

const EBS: Dataset = {
  name: "app-volume",
  resourceClass: "EBS",
  sizeGiB: 100,
  dailyChangeFraction: 0.02,
};
const RDS: Dataset = {
  name: "orders-db",
  resourceClass: "RDS",
  sizeGiB: 100,
  dailyChangeFraction: 0.02,
};
const LOOSE = { rpoMinutes: 1e9, rtoMinutes: 1e9, monthlyBudgetUsd: 1e9 };

function rule(schedule: string, timeZone?: string): BackupRuleDesign {
  return {
    schedule,
    scheduleExpressionTimezone: timeZone,
    startWindowMinutes: 60,
    completionWindowMinutes: 180,
    lifecycle: { deleteAfterDays: 35 },
  };
}

function rpoOf(dataset: Dataset, design: BackupDesign): { minutes: number; drivenBy: string } {
  const result = evaluateDataset(dataset, design, LOOSE);
  const miss = evaluateDataset(dataset, design, { ...LOOSE, rpoMinutes: 0 }).misses[0];
  assert.strictEqual(miss?.metric, "rpo");
  assert.strictEqual(miss.computed, result.rpoMinutes);
  return { minutes: result.rpoMinutes, drivenBy: miss.drivenBy };
}

describe("objectives/rpo", () => {
  describe("scheduled rules: largest gap + start window (60) + completion window (180)", () => {
    // Each figure is the largest gap between fires around 2027 plus 240 minutes of windows.
    const cases: readonly (readonly [string, string, string | undefined, number, string?])[] = [
      ["daily 05:00: 24 h + 4 h = 28 h", "cron(0 5 ? * * *)", undefined, 1680],
      [
        "weekdays 03:00: Friday to Monday 72 h + 4 h = 76 h",
        "cron(0 3 ? * MON-FRI *)",
        undefined,
        4560,
      ],
      [
        "hourly: 1 h + 4 h (the 3 h completion window is the largest term)",
        "cron(0 * ? * * *)",
        undefined,
        300,
        "rules[0].completionWindowMinutes",
      ],
      ["every 4 hours: 4 h + 4 h", "cron(0 0/4 ? * * *)", undefined, 480],
      ["twice a day: 12 h + 4 h", "cron(0 0,12 ? * * *)", undefined, 960],
      ["weekly on Sunday: 168 h + 4 h", "cron(0 1 ? * SUN *)", undefined, 10320],
      [
        "the 1st of the month: 31 days (December to January) + 4 h",
        "cron(0 0 1 * ? *)",
        undefined,
        44880,
      ],
      [
        "the last day of the month (L): 31 days (31 Dec to 31 Jan) + 4 h",
        "cron(0 0 L * ? *)",
        undefined,
        44880,
      ],
      [
        "the last weekday (LW): 33 days (26 Feb to 31 Mar 2027) + 4 h",
        "cron(0 0 LW * ? *)",
        undefined,
        47760,
      ],
      [
        "the last Friday (6L): 35 days (25 Dec 2026 to 29 Jan 2027) + 4 h",
        "cron(0 0 ? * 6L *)",
        undefined,
        50640,
      ],
      ["quarterly: 92 days (1 Jul to 1 Oct) + 4 h", "cron(0 0 1 1,4,7,10 ? *)", undefined, 132720],
      [
        "02:30 in Europe/Berlin: 28 March 2027 skipped, 47 h + 4 h",
        "cron(30 2 ? * * *)",
        "Europe/Berlin",
        3060,
      ],
      [
        "02:30 in America/New_York: 14 March 2027 skipped, 47 h + 4 h",
        "cron(30 2 ? * * *)",
        "America/New_York",
        3060,
      ],
      [
        "01:30 in America/New_York: the autumn day lasts 25 h, + 4 h",
        "cron(30 1 ? * * *)",
        "America/New_York",
        1740,
      ],
      [
        "01:30 in Europe/Berlin: the autumn day lasts 25 h, + 4 h",
        "cron(30 1 ? * * *)",
        "Europe/Berlin",
        1740,
      ],
      [
        "hourly in Europe/Berlin: the repeated 02:00 fires once, 2 h + 4 h",
        "cron(0 * ? * * *)",
        "Europe/Berlin",
        360,
        "rules[0].completionWindowMinutes",
      ],
      [
        "the 1st in Europe/Berlin: October has 31 days and 1 h more, 745 h + 4 h",
        "cron(0 0 1 * ? *)",
        "Europe/Berlin",
        44940,
      ],
    ];
    for (const [title, schedule, timeZone, minutes, drivenBy] of cases) {
      it(title, () => {
        assert.deepStrictEqual(
          rpoOf(EBS, { region: "us-east-1", rules: [rule(schedule, timeZone)] }),
          {
            minutes,
            drivenBy: drivenBy ?? "rules[0].schedule",
          },
        );
      });
    }

    it("names the window that dominates a frequent schedule", () => {
      const frequent: BackupRuleDesign = {
        ...rule("cron(0 * ? * * *)"),
        completionWindowMinutes: 600,
      };
      // 60 + 60 + 600 = 720: the completion window is the largest term.
      assert.deepStrictEqual(rpoOf(EBS, { region: "us-east-1", rules: [frequent] }), {
        minutes: 720,
        drivenBy: "rules[0].completionWindowMinutes",
      });
    });

    it("takes the best of several rules", () => {
      const design: BackupDesign = {
        region: "us-east-1",
        rules: [
          rule("cron(0 5 ? * * *)"),
          rule("cron(0 0/4 ? * * *)"),
          rule("cron(0 3 ? * MON-FRI *)"),
        ],
      };
      assert.deepStrictEqual(rpoOf(EBS, design), { minutes: 480, drivenBy: "rules[1].schedule" });
    });
  });

  describe("continuous backup", () => {
    it("gives 5 minutes on a supported resource class", () => {
      const continuous: BackupRuleDesign = {
        ...rule("cron(0 5 ? * * *)"),
        enableContinuousBackup: true,
      };
      assert.deepStrictEqual(rpoOf(RDS, { region: "us-east-1", rules: [continuous] }), {
        minutes: 5,
        drivenBy: "rules[0].enableContinuousBackup",
      });
    });

    it("falls back to the schedule on a class without continuous backup (EBS)", () => {
      const continuous: BackupRuleDesign = {
        ...rule("cron(0 5 ? * * *)"),
        enableContinuousBackup: true,
      };
      assert.deepStrictEqual(rpoOf(EBS, { region: "us-east-1", rules: [continuous] }), {
        minutes: 1680,
        drivenBy: "rules[0].schedule",
      });
    });
  });

  describe("copies", () => {
    it("adds the copy completion allowance to the scheduled RPO, even for a continuous rule", () => {
      const design: BackupDesign = {
        region: "us-east-1",
        rules: [
          {
            ...rule("cron(0 5 ? * * *)"),
            enableContinuousBackup: true,
            copyActions: [
              { destinationRegion: "us-west-1" },
              { destinationRegion: "us-west-1", completionAllowanceMinutes: 120 },
            ],
          },
        ],
      };
      const schedules = { rules: [requireSchedule("cron(0 5 ? * * *)")] };
      const paths = recoveryPaths(RDS, design, schedules, new Issues("rules"));
      // 1680 + the default 1440-minute allowance = 3120; 1680 + 120 = 1800.
      assert.deepStrictEqual(
        paths.map((path) => [path.id, path.region, path.rpo.minutes, path.rpo.drivenBy]),
        [
          ["rules[0]", "us-east-1", 5, "rules[0].enableContinuousBackup"],
          ["rules[0].copyActions[0]", "us-west-1", 3120, "rules[0].schedule"],
          ["rules[0].copyActions[1]", "us-west-1", 1800, "rules[0].schedule"],
        ],
      );
    });
  });

  describe("stored volumes: the AWS Backup rule that selects the volume, plus the upload drain", () => {
    const volumeRule = (schedule: string): BackupRuleDesign => ({
      ...rule(schedule),
      startWindowMinutes: 60,
      completionWindowMinutes: 120,
    });

    it("adds the time to drain the changes of the rule's worst gap to the rule's RPO", () => {
      // Every 4 hours: 2000 GiB x 5 %/day x 240/1440 day = 16.667 GiB = 143,165,576,533 bits; at
      // 100 Mbit/s x 0.8 that is 1789.57 s = 29.83 min. 240 + 60 + 120 + 29.83 = 449.83 -> 450.
      const dataset: Dataset = {
        name: "file-share",
        resourceClass: "StorageGatewayVolume",
        sizeGiB: 2000,
        dailyChangeFraction: 0.05,
      };
      const design: BackupDesign = {
        region: "us-east-1",
        rules: [volumeRule("cron(0 0/4 ? * * *)")],
        storedVolume: { uploadBitsPerSecond: 100e6 },
      };
      assert.deepStrictEqual(rpoOf(dataset, design), {
        minutes: 450,
        drivenBy: "rules[0].schedule",
      });
      assert.strictEqual(uploadDrainMinutes(dataset, design, 240)?.toFixed(2), "29.83");
      assert.strictEqual(uploadDrainMinutes(dataset, { region: "us-east-1" }, 240), undefined);
    });

    it("is unbounded when one gap's changes take longer to upload than the gap", () => {
      // Daily: 1000 GiB x 10 %/day = 100 GiB; at 10 Mbit/s x 0.5 that is 171,799 s = 2863 min,
      // more than the 1440-minute gap: the backlog never clears.
      const dataset: Dataset = {
        name: "scans",
        resourceClass: "StorageGatewayVolume",
        sizeGiB: 1000,
        dailyChangeFraction: 0.1,
      };
      const design: BackupDesign = {
        region: "us-east-1",
        rules: [volumeRule("cron(0 5 ? * * *)")],
        storedVolume: { uploadBitsPerSecond: 10e6, uploadEfficiency: 0.5 },
      };
      assert.deepStrictEqual(rpoOf(dataset, design), {
        minutes: Number.POSITIVE_INFINITY,
        drivenBy: "storedVolume.uploadBitsPerSecond",
      });
    });

    it("is unbounded just above the gap and finite just below it", () => {
      // Hourly: 500 GiB x 100 %/day x 60/1440 = 20.833 GiB; at 60 Mbit/s x 0.8 that takes 3728.3 s
      // = 62.14 min, more than the 60-minute gap: unbounded. At 80 Mbit/s x 0.8 it takes 2796.2 s
      // = 46.60 min: 60 + 60 + 120 + 46.60 = 286.60 -> 287.
      const dataset: Dataset = {
        name: "journal",
        resourceClass: "StorageGatewayVolume",
        sizeGiB: 500,
        dailyChangeFraction: 1,
      };
      const at = (bits: number) =>
        rpoOf(dataset, {
          region: "us-east-1",
          rules: [volumeRule("cron(0 * ? * * *)")],
          storedVolume: { uploadBitsPerSecond: bits },
        });
      assert.strictEqual(at(60e6).minutes, Number.POSITIVE_INFINITY);
      assert.deepStrictEqual(at(80e6), {
        minutes: 287,
        drivenBy: "rules[0].completionWindowMinutes",
      });
    });

    it("has no recovery point without a rule: the volume's own snapshot schedule is not deployed", () => {
      const issues = new Issues("rules");
      recoveryPaths(
        {
          name: "share",
          resourceClass: "StorageGatewayVolume",
          sizeGiB: 10,
          dailyChangeFraction: 0,
        },
        { region: "us-east-1", storedVolume: { uploadBitsPerSecond: 1e9 } },
        { rules: [] },
        issues,
      );
      assert.deepStrictEqual(
        issues.all.map((issue) => issue.message),
        [
          "is empty, but a stored volume's recovery points are the snapshots AWS Backup rules take of it: give at least one rule that selects the volume.",
          "protects the dataset with nothing: give at least one of rules, archive or glacierVault.",
        ],
      );
    });
  });

  describe("archives", () => {
    it("adds the write allowance to the archive schedule's gap", () => {
      const design: BackupDesign = {
        region: "us-east-1",
        archive: {
          schedule: "cron(0 2 ? * SUN *)",
          writeAllowanceMinutes: 600,
          transitions: [{ afterDays: 30, storageClass: "GLACIER" }],
          expireAfterDays: 365,
          retrievalTier: "standard",
        },
        glacierVault: {
          schedule: "cron(0 2 1 * ? *)",
          uploadAllowanceMinutes: 720,
          retentionDays: 3650,
          retrievalTier: "bulk",
        },
      };
      const paths = recoveryPaths(
        EBS,
        design,
        {
          rules: [],
          archive: requireSchedule("cron(0 2 ? * SUN *)"),
          glacierVault: requireSchedule("cron(0 2 1 * ? *)"),
        },
        new Issues("rules"),
      );
      // Weekly: 10080 + 600; monthly: 44640 + 720.
      assert.deepStrictEqual(
        paths.map((path) => [path.id, path.rpo.minutes, path.rpo.drivenBy]),
        [
          ["archive", 10680, "archive.schedule"],
          ["glacierVault", 45360, "glacierVault.schedule"],
        ],
      );
    });

    it("reports a design that protects nothing", () => {
      const issues = new Issues("rules");
      assert.deepStrictEqual(
        recoveryPaths(EBS, { region: "us-east-1" }, { rules: [] }, issues),
        [],
      );
      assert.deepStrictEqual(issues.all, [
        {
          path: "rules",
          message:
            "protects the dataset with nothing: give at least one of rules, archive or glacierVault.",
        },
      ]);
    });
  });
});
