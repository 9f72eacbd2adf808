import * as assert from "assert";
import { Issues, formatIssues } from "../../core";
import type { BackupDesign, Dataset } from "../../objectives/design";
import { evaluateDataset } from "../../objectives/index";
import { checkInputs } from "../../objectives/inputs";
import { recoveryPaths } from "../../objectives/rpo";
import { restoreTime } from "../../objectives/rto";

const LOOSE = { rpoMinutes: 1e9, rtoMinutes: 1e9, monthlyBudgetUsd: 1e9 };

/** RTO of every recovery path: [path id, minutes, drivenBy, rounded contributions]. */
function rtos(dataset: Dataset, design: BackupDesign): unknown[] {
  const issues = new Issues();
  const schedules = checkInputs(issues, dataset, design, LOOSE);
  const paths = recoveryPaths(dataset, design, schedules, issues.at("rules"));
  const rows = paths.map((path) => {
    const rto = restoreTime(dataset, design, path, issues);
    return [
      path.id,
      rto.minutes,
      rto.drivenBy,
      rto.contributions.map((part) => [part.setting, Math.round(part.minutes * 100) / 100]),
    ];
  });
  assert.strictEqual(formatIssues(issues.all), "");
  return rows;
}

function rtoProblems(dataset: Dataset, design: BackupDesign): string {
  const issues = new Issues();
  const schedules = checkInputs(issues, dataset, design, LOOSE);
  for (const path of recoveryPaths(dataset, design, schedules, issues.at("rules"))) {
    restoreTime(dataset, design, path, issues);
  }
  return formatIssues(issues.all);
}

const daily = {
  schedule: "cron(0 5 ? * * *)",
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
};

describe("objectives/rto", () => {
  it("restores a warm RDS snapshot in AWS: transfer at 125 MiB/s plus 30 minutes to provision", () => {
    // 500 GiB x 1024 / 125 MiB/s = 4096 s = 68.27 min; + 30 = 98.27, rounded up to 99.
    const dataset: Dataset = {
      name: "orders-db",
      resourceClass: "RDS",
      sizeGiB: 500,
      dailyChangeFraction: 0.02,
    };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        rules: [{ ...daily, lifecycle: { deleteAfterDays: 35 } }],
      }),
      [
        [
          "rules[0]",
          99,
          "dataset.sizeGiB",
          [
            ["rules[0]", 0],
            ["dataset.sizeGiB", 68.27],
            ["dataset.resourceClass", 30],
          ],
        ],
      ],
    );
  });

  it("waits up to 72 h for an EBS recovery point that may already be in cold storage", () => {
    // Monthly rule: RPO 44640 + 240 = 44880 min (31.2 days). With cold storage after 30 days
    // (43200 min) the newest point can be archived: 4320 + 100 x 1024 / 125 / 60 (13.65) + 5 =
    // 4338.65, rounded up to 4339. After 60 days it is still warm: 13.65 + 5 = 18.65 -> 19.
    const dataset: Dataset = {
      name: "ledger",
      resourceClass: "EBS",
      sizeGiB: 100,
      dailyChangeFraction: 0.01,
    };
    const monthly = { ...daily, schedule: "cron(0 0 1 * ? *)" };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        rules: [{ ...monthly, lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 365 } }],
      }),
      [
        [
          "rules[0]",
          4339,
          "rules[0].lifecycle.coldStorageAfterDays",
          [
            ["rules[0].lifecycle.coldStorageAfterDays", 4320],
            ["dataset.sizeGiB", 13.65],
            ["dataset.resourceClass", 5],
          ],
        ],
      ],
    );
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        rules: [{ ...monthly, lifecycle: { coldStorageAfterDays: 60, deleteAfterDays: 365 } }],
      }).map((row) => (row as unknown[]).slice(0, 3)),
      [["rules[0]", 19, "dataset.sizeGiB"]],
    );
  });

  it("ignores cold storage for a class AWS Backup does not move to cold storage (RDS)", () => {
    const dataset: Dataset = {
      name: "orders-db",
      resourceClass: "RDS",
      sizeGiB: 500,
      dailyChangeFraction: 0.02,
    };
    const monthly = { ...daily, schedule: "cron(0 0 1 * ? *)" };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        rules: [{ ...monthly, lifecycle: { coldStorageAfterDays: 1, deleteAfterDays: 365 } }],
      }).map((row) => (row as unknown[]).slice(0, 3)),
      [["rules[0]", 99, "dataset.sizeGiB"]],
    );
  });

  it("restores a stored volume on premises over Direct Connect", () => {
    // 2000 GiB x 2^33 bits / (1 Gbit/s x 0.8) = 21,474.84 s = 357.91 min; + 60 = 417.91 -> 418.
    const dataset: Dataset = {
      name: "file-share",
      resourceClass: "StorageGatewayVolume",
      sizeGiB: 2000,
      dailyChangeFraction: 0.05,
      restoreTo: "on-premises",
    };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        rules: [
          {
            schedule: "cron(0 0/4 ? * * *)",
            startWindowMinutes: 60,
            completionWindowMinutes: 180,
            lifecycle: { deleteAfterDays: 30 },
          },
        ],
        storedVolume: { uploadBitsPerSecond: 100e6 },
        directConnect: { bandwidthBitsPerSecond: 1e9 },
      }),
      [
        [
          "rules[0]",
          418,
          "directConnect.bandwidthBitsPerSecond",
          [
            ["rules[0]", 0],
            ["directConnect.bandwidthBitsPerSecond", 357.91],
            ["dataset.resourceClass", 60],
          ],
        ],
      ],
    );
  });

  it("retrieves archives from Glacier classes by the configured tier", () => {
    // Weekly archive: RPO 10080 + 600 = 10680 min (7.4 days), so the newest archive can be past
    // its 7-day transition to GLACIER: standard retrieval 300 + 1000 x 1024 / 100 / 60 (170.67)
    // + 5 (EBS) = 475.67 -> 476. The monthly vault upload: bulk 720 + 170.67 + 5 = 895.67 -> 896.
    const dataset: Dataset = {
      name: "images",
      resourceClass: "EBS",
      sizeGiB: 1000,
      dailyChangeFraction: 0.01,
    };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        archive: {
          schedule: "cron(0 2 ? * SUN *)",
          writeAllowanceMinutes: 600,
          transitions: [{ afterDays: 7, storageClass: "GLACIER" }],
          expireAfterDays: 365,
          retrievalTier: "standard",
        },
        glacierVault: {
          schedule: "cron(0 2 1 * ? *)",
          uploadAllowanceMinutes: 720,
          retentionDays: 3650,
          retrievalTier: "bulk",
        },
      }),
      [
        [
          "archive",
          476,
          "archive.retrievalTier",
          [
            ["archive.retrievalTier", 300],
            ["dataset.sizeGiB", 170.67],
            ["dataset.resourceClass", 5],
          ],
        ],
        [
          "glacierVault",
          896,
          "glacierVault.retrievalTier",
          [
            ["glacierVault.retrievalTier", 720],
            ["dataset.sizeGiB", 170.67],
            ["dataset.resourceClass", 5],
          ],
        ],
      ],
    );
  });

  it("reads an archive still in STANDARD without a retrieval step", () => {
    // Daily archive: RPO 1440 + 60 = 1500 min, before the 30-day transition: 0 + 170.67 + 5 -> 176.
    const dataset: Dataset = {
      name: "images",
      resourceClass: "EBS",
      sizeGiB: 1000,
      dailyChangeFraction: 0.01,
    };
    assert.deepStrictEqual(
      rtos(dataset, {
        region: "us-east-1",
        archive: {
          schedule: "cron(0 2 ? * * *)",
          writeAllowanceMinutes: 60,
          transitions: [{ afterDays: 30, storageClass: "DEEP_ARCHIVE" }],
          expireAfterDays: 365,
          retrievalTier: "expedited",
        },
      }).map((row) => (row as unknown[]).slice(0, 3)),
      [["archive", 176, "dataset.sizeGiB"]],
    );
  });

  it("takes the fastest path as the dataset's RTO", () => {
    const dataset: Dataset = {
      name: "ledger",
      resourceClass: "EBS",
      sizeGiB: 100,
      dailyChangeFraction: 0.01,
    };
    const result = evaluateDataset(
      dataset,
      {
        region: "us-east-1",
        rules: [
          {
            ...daily,
            schedule: "cron(0 0 1 * ? *)",
            lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 365 },
          },
          { ...daily, lifecycle: { deleteAfterDays: 7 } },
        ],
      },
      { ...LOOSE, rtoMinutes: 10 },
    );
    assert.deepStrictEqual(
      [result.rtoMinutes, result.misses],
      [19, [{ metric: "rto", computed: 19, objective: 10, drivenBy: "dataset.sizeGiB" }]],
    );
  });

  it("reports an archive tier without the chosen retrieval and an on-premises restore without a link", () => {
    const dataset: Dataset = {
      name: "images",
      resourceClass: "EBS",
      sizeGiB: 1000,
      dailyChangeFraction: 0.01,
      restoreTo: "on-premises",
    };
    assert.strictEqual(
      rtoProblems(dataset, {
        region: "us-east-1",
        archive: {
          schedule: "cron(0 2 1 * ? *)",
          writeAllowanceMinutes: 60,
          transitions: [{ afterDays: 0, storageClass: "DEEP_ARCHIVE" }],
          expireAfterDays: 365,
          retrievalTier: "expedited",
        },
      }),
      [
        '[archive.retrievalTier] is "expedited", but DEEP_ARCHIVE (reached through archive.transitions[0].storageClass) has no expedited retrieval.',
        '[dataset.restoreTo] is "on-premises", but the design has no directConnect link to restore over.',
      ].join("\n"),
    );
  });
});
