import * as assert from "assert";
import { ValidationError } from "../../core";
import {
  BackupDesign,
  Dataset,
  evaluateDataset,
  renderObjectivesTable,
} from "../../objectives/index";
import { formatMinutes, formatUsd } from "../../objectives/table";

const ORDERS: Dataset = {
  name: "orders-db",
  resourceClass: "RDS",
  sizeGiB: 500,
  dailyChangeFraction: 0.02,
};
const ORDERS_DESIGN: BackupDesign = {
  region: "us-east-1",
  rules: [
    {
      schedule: "cron(0 5 ? * * *)",
      startWindowMinutes: 60,
      completionWindowMinutes: 180,
      lifecycle: { deleteAfterDays: 35 },
      copyActions: [{ destinationRegion: "us-west-1" }],
    },
    {
      schedule: "cron(0 5 ? * * *)",
      startWindowMinutes: 60,
      completionWindowMinutes: 180,
      enableContinuousBackup: true,
      lifecycle: { deleteAfterDays: 14 },
    },
  ],
};

const SHARE: Dataset = {
  name: "file-share",
  resourceClass: "StorageGatewayVolume",
  sizeGiB: 2000,
  dailyChangeFraction: 0.05,
  restoreTo: "on-premises",
};
const SHARE_DESIGN: BackupDesign = {
  region: "us-east-1",
  rules: [
    {
      schedule: "cron(0 * ? * * *)",
      startWindowMinutes: 60,
      completionWindowMinutes: 120,
      lifecycle: { deleteAfterDays: 30 },
    },
  ],
  storedVolume: { uploadBitsPerSecond: 100e6 },
  directConnect: { bandwidthBitsPerSecond: 1e9, portSpeed: "1Gbps" },
};

describe("objectives/index", () => {
  it("evaluates a dataset against its objective and names what drives each miss", () => {
    // RPO: continuous rule, 5 min. RTO: 500 GiB x 1024 / 125 MiB/s / 60 = 68.27 + 30 -> 99 min.
    // Cost: 80.75 (source) + 80.75 (copy) + 6.08 (transfer) + 60.80 (continuous) = 228.38.
    const result = evaluateDataset(ORDERS, ORDERS_DESIGN, {
      rpoMinutes: 60,
      rtoMinutes: 60,
      monthlyBudgetUsd: 100,
    });
    assert.deepStrictEqual(
      {
        dataset: result.dataset,
        rpoMinutes: result.rpoMinutes,
        rtoMinutes: result.rtoMinutes,
        monthlyCostUsd: result.monthlyCostUsd,
        objective: result.objective,
        met: result.met,
        misses: result.misses,
      },
      {
        dataset: "orders-db",
        rpoMinutes: 5,
        rtoMinutes: 99,
        monthlyCostUsd: 228.38,
        objective: { rpoMinutes: 60, rtoMinutes: 60, monthlyBudgetUsd: 100 },
        met: false,
        misses: [
          { metric: "rto", computed: 99, objective: 60, drivenBy: "dataset.sizeGiB" },
          {
            metric: "cost",
            computed: 228.38,
            objective: 100,
            drivenBy: "rules[0].lifecycle.deleteAfterDays",
          },
        ],
      },
    );
    assert.deepStrictEqual(
      result.paths.map((path) => [path.id, path.region, path.rpo.minutes, path.rto.minutes]),
      [
        ["rules[0]", "us-east-1", 1680, 99],
        ["rules[0].copyActions[0]", "us-west-1", 3120, 99],
        ["rules[1]", "us-east-1", 5, 99],
      ],
    );
  });

  it("meets an objective the design satisfies", () => {
    // RPO: the hourly rule's 60 + 60 + 120 minutes, plus 7.46 to upload an hour's changes
    // (2000 GiB x 5 %/24 over 100 Mbit/s x 0.8) = 247.46 -> 248. RTO 418 (see the RTO spec), cost
    // 250 + 125 + 219 + 40 = 634.00.
    const result = evaluateDataset(SHARE, SHARE_DESIGN, {
      rpoMinutes: 300,
      rtoMinutes: 480,
      monthlyBudgetUsd: 700,
    });
    assert.deepStrictEqual(
      [result.rpoMinutes, result.rtoMinutes, result.monthlyCostUsd, result.met, result.misses],
      [248, 418, 634, true, []],
    );
  });

  it("renders a table of datasets, figures and verdicts", () => {
    const orders = evaluateDataset(ORDERS, ORDERS_DESIGN, {
      rpoMinutes: 60,
      rtoMinutes: 60,
      monthlyBudgetUsd: 100,
    });
    const share = evaluateDataset(SHARE, SHARE_DESIGN, {
      rpoMinutes: 300,
      rtoMinutes: 480,
      monthlyBudgetUsd: 700,
    });
    assert.strictEqual(
      renderObjectivesTable([orders, share]),
      [
        "Dataset       RPO     RTO  Cost/month  Objective met?",
        "----------  -----  ------  ----------  --------------------------------------------------------------------------------------------------",
        "orders-db      5m  1h 39m     $228.38  no: RTO 1h 39m > 1h (dataset.sizeGiB); cost $228.38 > $100.00 (rules[0].lifecycle.deleteAfterDays)",
        "file-share  4h 8m  6h 58m     $634.00  yes",
      ].join("\n"),
    );
  });

  it("formats durations and amounts", () => {
    assert.deepStrictEqual([1680, 4560, 45, 0, 1440, Number.POSITIVE_INFINITY].map(formatMinutes), [
      "1d 4h",
      "3d 4h",
      "45m",
      "0m",
      "1d",
      "unbounded",
    ]);
    assert.deepStrictEqual([1234.5, 0, 99.999].map(formatUsd), ["$1,234.50", "$0.00", "$100.00"]);
  });

  it("reports every input problem at once", () => {
    assert.throws(
      () =>
        evaluateDataset(
          { name: "bad", resourceClass: "Tape" as never, sizeGiB: 0, dailyChangeFraction: 1.5 },
          {
            region: "us-east-1",
            referenceYear: 2199,
            rules: [
              {
                schedule: "cron(0 5 ? * * *)",
                scheduleExpressionTimezone: "Europe/Atlantis",
                startWindowMinutes: -1,
                completionWindowMinutes: 180,
                lifecycle: { deleteAfterDays: 0 },
              },
            ],
            storedVolume: { uploadBitsPerSecond: 0 },
            archive: {
              schedule: "cron(0 2 1 * ? *)",
              writeAllowanceMinutes: 60,
              transitions: [
                { afterDays: 90, storageClass: "GLACIER" },
                { afterDays: 30, storageClass: "COLD" as never },
              ],
              expireAfterDays: 365,
              retrievalTier: "fast" as never,
            },
          },
          { rpoMinutes: 60, rtoMinutes: Number.NaN, monthlyBudgetUsd: 10 },
        ),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.message ===
          [
            'Dataset "bad" has 12 problems:',
            '[dataset.resourceClass] is "Tape", but must be one of "EBS", "EC2", "RDS", "Aurora", "EFS", "DynamoDB", "S3", "StorageGatewayVolume", "SAPHanaOnEC2".',
            "[dataset.sizeGiB] is 0, but must be a number above 0 (GiB).",
            "[dataset.dailyChangeFraction] is 1.5, but must be a number from 0 to 1.",
            "[objective.rtoMinutes] is NaN, but must be a number of at least 0 minutes.",
            "[referenceYear] is 2199, but must be a whole number from 1971 to 2198.",
            '[rules[0].scheduleExpressionTimezone] is "Europe/Atlantis", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
            "[rules[0].startWindowMinutes] is -1, but must be a number of at least 0 minutes.",
            "[rules[0].lifecycle.deleteAfterDays] is 0, but must be a number from 1 to 36500 days.",
            "[storedVolume.uploadBitsPerSecond] is 0, but must be a number above 0 (bits per second).",
            '[archive.transitions[1].storageClass] is "COLD", but must be one of "STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE".',
            "[archive.transitions[1].afterDays] is 30 days, but transitions must be in ascending order (the one before is at 90 days).",
            '[archive.retrievalTier] is "fast", but must be one of "expedited", "standard", "bulk".',
          ].join("\n"),
    );
  });

  it("refuses what AWS refuses, with the validators the components use", () => {
    const refused = (dataset: Dataset, design: BackupDesign): string => {
      try {
        evaluateDataset(dataset, design, {
          rpoMinutes: 1e5,
          rtoMinutes: 1e5,
          monthlyBudgetUsd: 1e6,
        });
      } catch (error) {
        assert.ok(error instanceof ValidationError);
        return error.message;
      }
      return assert.fail("expected a ValidationError");
    };
    const rule = SHARE_DESIGN.rules?.[0];
    assert.ok(rule !== undefined);
    assert.strictEqual(
      refused({ ...SHARE, sizeGiB: 20 * 1024 }, SHARE_DESIGN),
      'Dataset "file-share" has 1 problem:\n[dataset.sizeGiB] is 20480, but must be a whole number from 1 to 16384 GiB.',
    );
    assert.strictEqual(
      refused(SHARE, {
        ...SHARE_DESIGN,
        directConnect: { bandwidthBitsPerSecond: 3e9, portSpeed: "1Gbps" },
      }),
      'Dataset "file-share" has 1 problem:\n[directConnect.bandwidthBitsPerSecond] is 3000000000 bits per second, but the link runs on a 1Gbps port, which carries at most 1000000000 bits per second.',
    );
    assert.strictEqual(
      refused(SHARE, {
        ...SHARE_DESIGN,
        directConnect: { bandwidthBitsPerSecond: 1e9, portSpeed: "3Gbps" },
      }),
      'Dataset "file-share" has 1 problem:\n[directConnect.portSpeed] is "3Gbps", but a dedicated port is one of 1Gbps, 10Gbps, 100Gbps, 400Gbps.',
    );
    assert.strictEqual(
      refused(SHARE, { ...SHARE_DESIGN, rules: [{ ...rule, schedule: "rate(1 hour)" }] }),
      'Dataset "file-share" has 1 problem:\n[rules[0].schedule] is "rate(1 hour)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
    );
    assert.strictEqual(
      refused(SHARE, {
        ...SHARE_DESIGN,
        rules: [{ ...rule, lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 60 } }],
      }),
      'Dataset "file-share" has 1 problem:\n[rules[0].lifecycle.deleteAfterDays] is 60 days, but AWS needs at least coldStorageAfterDays + 90 = 120 days.',
    );
  });
});
