import * as assert from "assert";
import { ValidationError } from "../../core";
import type { BackupDesign, BackupRuleDesign, Dataset } from "../../objectives/design";
import { evaluateDataset } from "../../objectives/index";

const LOOSE = { rpoMinutes: 1e9, rtoMinutes: 1e9, monthlyBudgetUsd: 1e9 };

function costOf(
  dataset: Dataset,
  design: BackupDesign,
): { total: number; lines: [string, string, number][] } {
  const { cost } = evaluateDataset(dataset, design, LOOSE);
  return {
    total: cost.totalUsd,
    lines: cost.lines.map((line) => [line.item, line.setting, line.usd]),
  };
}

const PRICED =
  "ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2";

function problems(dataset: Dataset, design: BackupDesign): string {
  try {
    evaluateDataset(dataset, design, LOOSE);
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return error.message;
  }
  assert.fail("expected a ValidationError");
}

function daily(lifecycle: BackupRuleDesign["lifecycle"]): BackupRuleDesign {
  return {
    schedule: "cron(0 5 ? * * *)",
    startWindowMinutes: 60,
    completionWindowMinutes: 180,
    lifecycle,
  };
}

const EBS: Dataset = {
  name: "app-volume",
  resourceClass: "EBS",
  sizeGiB: 1000,
  dailyChangeFraction: 0.02,
};

describe("objectives/cost", () => {
  it("charges one full copy plus the retained daily incrementals in warm storage", () => {
    // 1000 + 35 days x 1 run x (1000 x 2 %) = 1700 GiB x 0.05 = 85.00. Restoring an EBS snapshot
    // is free.
    assert.deepStrictEqual(
      costOf(EBS, { region: "us-east-1", rules: [daily({ deleteAfterDays: 35 })] }),
      {
        total: 85,
        lines: [
          ["rules[0] warm storage", "rules[0].lifecycle.deleteAfterDays", 85],
          ["restore from rules[0]: retrieval", "rules[0]", 0],
        ],
      },
    );
  });

  it("archives every EBS recovery point in full once it goes cold", () => {
    // Warm: 1000 + 30 x 20 = 1600 GiB x 0.05 = 80.00. Cold: the archive tier keeps full
    // snapshots, 335 days x 1 run x 1000 GiB = 335,000 GiB x 0.0125 = 4187.50.
    assert.deepStrictEqual(
      costOf(EBS, {
        region: "us-east-1",
        rules: [daily({ coldStorageAfterDays: 30, deleteAfterDays: 365 })],
      }),
      {
        total: 4267.5,
        lines: [
          ["rules[0] warm storage", "rules[0].lifecycle.coldStorageAfterDays", 80],
          ["rules[0] cold storage", "rules[0].lifecycle.coldStorageAfterDays", 4187.5],
          ["restore from rules[0]: retrieval", "rules[0]", 0],
        ],
      },
    );
  });

  it("refuses cold storage after 30 days with deletion at 60, as AWS Backup does", () => {
    const efs: Dataset = {
      name: "home",
      resourceClass: "EFS",
      sizeGiB: 200,
      dailyChangeFraction: 0.05,
    };
    assert.strictEqual(
      problems(efs, {
        region: "us-east-1",
        rules: [daily({ coldStorageAfterDays: 30, deleteAfterDays: 60 })],
      }),
      'Dataset "home" has 1 problem:\n[rules[0].lifecycle.deleteAfterDays] is 60 days, but AWS needs at least coldStorageAfterDays + 90 = 120 days.',
    );
  });

  it("adds the copy's storage in the destination region and the cross-region transfer", () => {
    // Source: 500 + 35 x 10 = 850 GiB x 0.095 = 80.75; the same again in us-west-1 (0.095).
    // Transfer: 1 run x 730/24 days x 10 GiB = 304.17 GiB x 0.02 = 6.08. Total 167.58.
    const rds: Dataset = {
      name: "orders-db",
      resourceClass: "RDS",
      sizeGiB: 500,
      dailyChangeFraction: 0.02,
    };
    assert.deepStrictEqual(
      costOf(rds, {
        region: "us-east-1",
        rules: [
          { ...daily({ deleteAfterDays: 35 }), copyActions: [{ destinationRegion: "us-west-1" }] },
        ],
      }),
      {
        total: 167.58,
        lines: [
          ["rules[0] warm storage", "rules[0].lifecycle.deleteAfterDays", 80.75],
          ["rules[0].copyActions[0] warm storage", "rules[0].lifecycle.deleteAfterDays", 80.75],
          [
            "rules[0].copyActions[0] cross-region transfer",
            "rules[0].copyActions[0].destinationRegion",
            6.08,
          ],
          ["restore from rules[0]: retrieval", "rules[0]", 0],
        ],
      },
    );
  });

  it("charges continuous backup as one full copy plus every retained day's changes", () => {
    // 500 + 14 x 10 = 640 GiB x 0.095 = 60.80.
    const rds: Dataset = {
      name: "orders-db",
      resourceClass: "RDS",
      sizeGiB: 500,
      dailyChangeFraction: 0.02,
    };
    assert.deepStrictEqual(
      costOf(rds, {
        region: "us-east-1",
        rules: [{ ...daily({ deleteAfterDays: 14 }), enableContinuousBackup: true }],
      }).lines[0],
      ["rules[0] continuous backup storage", "rules[0].lifecycle.deleteAfterDays", 60.8],
    );
  });

  it("prices a stored volume with archive tiers, gateway and port fees and an on-premises restore", () => {
    // Snapshots of the 4-hourly rule: 2000 + 30 days x 6 runs x (2000 x 5 % / 6) = 5000 GiB x
    // 0.05 = 250.00.
    // Gateway fee 125.00. Monthly archive (12/365 runs a day) of 2000 GiB:
    //   STANDARD 30 days x 0.023 = 45.37; GLACIER 90 days x 0.0036 = 21.30;
    //   DEEP_ARCHIVE 2435 days x 0.00099 = 158.51.
    // Port: 0.30 x 730 = 219.00. Restore from the snapshots: free, plus 2000 GiB x 0.02 over
    // Direct Connect = 40.00. Total 859.18.
    const dataset: Dataset = {
      name: "file-share",
      resourceClass: "StorageGatewayVolume",
      sizeGiB: 2000,
      dailyChangeFraction: 0.05,
      restoreTo: "on-premises",
    };
    assert.deepStrictEqual(
      costOf(dataset, {
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
        directConnect: { bandwidthBitsPerSecond: 1e9, portSpeed: "1Gbps" },
        archive: {
          schedule: "cron(0 2 1 * ? *)",
          writeAllowanceMinutes: 600,
          transitions: [
            { afterDays: 30, storageClass: "GLACIER" },
            { afterDays: 120, storageClass: "DEEP_ARCHIVE" },
          ],
          expireAfterDays: 2555,
          retrievalTier: "bulk",
        },
      }),
      {
        total: 859.18,
        lines: [
          ["rules[0] warm storage", "rules[0].lifecycle.deleteAfterDays", 250],
          ["storedVolume gateway fee", "storedVolume.gatewayFeeShare", 125],
          ["archive STANDARD storage", "archive.storageClass", 45.37],
          ["archive GLACIER storage", "archive.transitions[0].storageClass", 21.3],
          ["archive DEEP_ARCHIVE storage", "archive.transitions[1].storageClass", 158.51],
          ["directConnect port fee", "directConnect.portSpeed", 219],
          ["restore from rules[0]: retrieval", "rules[0]", 0],
          ["restore from rules[0]: transfer", "dataset.restoreTo", 40],
        ],
      },
    );
  });

  it("bills an archive class left early for its minimum duration, and shares fixed fees", () => {
    // Monthly archive of 1000 GiB, GLACIER from day 30 to day 60 but billed 90 days:
    //   12/365 x 90 x 1000 x 0.0036 = 10.65; STANDARD 30 days: 12/365 x 30 x 1000 x 0.023 = 22.68;
    //   DEEP_ARCHIVE 60 -> 365 (305 days): 12/365 x 305 x 1000 x 0.00099 = 9.93.
    // Port fee share 25 % of 219 = 54.75. Restore: the newest archive (RPO 44640 + 60 min, 31
    // days) is in GLACIER: bulk retrieval is free.
    const dataset: Dataset = {
      name: "scans",
      resourceClass: "S3",
      sizeGiB: 1000,
      dailyChangeFraction: 0.01,
    };
    assert.deepStrictEqual(
      costOf(dataset, {
        region: "us-east-1",
        directConnect: { bandwidthBitsPerSecond: 1e9, portSpeed: "1Gbps", feeShare: 0.25 },
        archive: {
          schedule: "cron(0 2 1 * ? *)",
          writeAllowanceMinutes: 60,
          transitions: [
            { afterDays: 30, storageClass: "GLACIER" },
            { afterDays: 60, storageClass: "DEEP_ARCHIVE" },
          ],
          expireAfterDays: 365,
          retrievalTier: "bulk",
        },
      }),
      {
        total: 98.01,
        lines: [
          ["archive STANDARD storage", "archive.storageClass", 22.68],
          ["archive GLACIER storage", "archive.transitions[0].storageClass", 10.65],
          ["archive DEEP_ARCHIVE storage", "archive.transitions[1].storageClass", 9.93],
          ["directConnect port fee", "directConnect.portSpeed", 54.75],
          ["restore from archive: retrieval", "archive.retrievalTier", 0],
        ],
      },
    );
  });

  it("charges a Glacier vault for at least 90 days and its retrieval tier", () => {
    // 12/365 x max(60, 90) x 1000 GiB x 0.0036 = 10.65; bulk retrieval 1000 x 0.0025 = 2.50.
    assert.deepStrictEqual(
      costOf(EBS, {
        region: "us-east-1",
        glacierVault: {
          schedule: "cron(0 2 1 * ? *)",
          uploadAllowanceMinutes: 720,
          retentionDays: 60,
          retrievalTier: "bulk",
        },
      }),
      {
        total: 13.15,
        lines: [
          ["glacierVault storage", "glacierVault.retentionDays", 10.65],
          ["restore from glacierVault: retrieval", "glacierVault.retrievalTier", 2.5],
        ],
      },
    );
  });

  it("names the region and the priced regions for an unknown region", () => {
    assert.strictEqual(
      problems(EBS, {
        region: "me-central-1",
        rules: [
          { ...daily({ deleteAfterDays: 35 }), copyActions: [{ destinationRegion: "af-south-1" }] },
        ],
      }),
      [
        'Dataset "app-volume" has 2 problems:',
        `[region] is "me-central-1", but objectives/data/prices.json has no prices for that region; it prices ${PRICED}.`,
        `[rules[0].copyActions[0].destinationRegion] is "af-south-1", but objectives/data/prices.json has no prices for that region; it prices ${PRICED}.`,
      ].join("\n"),
    );
  });

  it("names each price a priced region lacks", () => {
    const s3: Dataset = {
      name: "bucket",
      resourceClass: "S3",
      sizeGiB: 100,
      dailyChangeFraction: 0.01,
    };
    assert.strictEqual(
      problems(s3, {
        region: "us-east-1",
        rules: [
          { ...daily({ deleteAfterDays: 35 }), copyActions: [{ destinationRegion: "us-west-1" }] },
        ],
        directConnect: { bandwidthBitsPerSecond: 1e9, portSpeed: "100Gbps" },
      }),
      [
        'Dataset "bucket" has 2 problems:',
        `[directConnect.portSpeed] needs the price directConnectPortPerHour.100Gbps in "us-east-1", but objectives/data/prices.json has none (it prices ${PRICED}).`,
        `[rules[0]] needs the price awsBackupRestorePerGb.S3 in "us-east-1", but objectives/data/prices.json has none (it prices ${PRICED}).`,
      ].join("\n"),
    );
  });
});
