import * as assert from "node:assert/strict";
import { readObjectives, renderObjectivesReport } from "../../preview/objectives-report";
import { SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../../preview/types";

const LOGS = {
  dataset: "logs-and-dumps/logs/",
  kind: "archive",
  rpoMinutes: 90,
  rtoMinutes: 6,
  monthlyCostUsd: 17.66,
  objective: { rpoMinutes: 1800, rtoMinutes: 60, monthlyBudgetUsd: 100 },
  met: true,
  drivenBy: {},
  misses: [],
};

const STUCK = {
  dataset: "dc-chicago/db-replica-01",
  kind: "site",
  tier: "bronze",
  rpoMinutes: null,
  rtoMinutes: 134,
  monthlyCostUsd: 1504,
  objective: { rpoMinutes: 1800, rtoMinutes: 480, monthlyBudgetUsd: 1000 },
  met: false,
  misses: [
    {
      metric: "rpo",
      computed: null,
      objective: 1800,
      drivenBy: "storedVolume.uploadBitsPerSecond",
      setting: "hybrid-backup:sites[1].bandwidth.averageUploadRateLimitInBitsPerSec",
    },
    {
      metric: "cost",
      computed: 1504,
      objective: 1000,
      drivenBy: "rules[0].lifecycle.deleteAfterDays",
      setting: "hybrid-backup:backup.tiers.bronze.rules[0].lifecycle.deleteAfter",
    },
  ],
  pricedAs: { "us-west-2": "us-east-1" },
};

describe("preview/objectives-report", () => {
  it("reads the objectives output in wire form, secrets unwrapped", () => {
    const report = readObjectives({
      region: "us-east-1",
      objectives: [LOGS, { [SIG_KEY]: SECRET_SIG, value: STUCK }],
    });
    assert.deepEqual(report, {
      rows: [
        {
          dataset: "logs-and-dumps/logs/",
          rpoMinutes: 90,
          rtoMinutes: 6,
          monthlyCostUsd: 17.66,
          objective: { rpoMinutes: 1800, rtoMinutes: 60, monthlyBudgetUsd: 100 },
          met: true,
          misses: [],
        },
        {
          dataset: "dc-chicago/db-replica-01",
          rpoMinutes: null,
          rtoMinutes: 134,
          monthlyCostUsd: 1504,
          objective: { rpoMinutes: 1800, rtoMinutes: 480, monthlyBudgetUsd: 1000 },
          met: false,
          misses: STUCK.misses,
        },
      ],
      pricedAs: { "us-west-2": "us-east-1" },
    });
  });

  it("reads nothing from a program without the output", () => {
    assert.equal(readObjectives({ region: "us-east-1" }), undefined);
  });

  it("refuses an output that is not plain data of the documented shape", () => {
    assert.throws(
      () => readObjectives({ objectives: [{ ...LOGS, rpoMinutes: UNKNOWN_SENTINEL }] }),
      {
        name: "ObjectivesOutputError",
        message:
          'The stack output "objectives" has an unknown value at objectives[0].rpoMinutes; it must be plain data.',
      },
    );
    assert.throws(() => readObjectives({ objectives: { gold: LOGS } }), {
      message:
        'The stack output "objectives" is {"gold":{"dataset":"logs-and-dumps/logs/","kind":"archive","rpoMinutes":90,"rtoMinutes":6,"monthlyCostUsd":17.66,"objective":{"rpoMinutes":1800,"rtoMinutes":60,"monthlyBudgetUsd":100},"met":true,"drivenBy":{},"misses":[]}}, but must be a list of datasets.',
    });
    assert.throws(() => readObjectives({ objectives: [{ ...LOGS, monthlyCostUsd: null }] }), {
      message:
        'The stack output "objectives" has null at objectives[0].monthlyCostUsd, but must have a number.',
    });
    assert.throws(() => readObjectives({ objectives: [{ ...LOGS, met: "yes" }] }), {
      message:
        'The stack output "objectives" has "yes" at objectives[0].met, but must have true or false.',
    });
  });

  it("renders the table with unbounded figures, the misses and the price note", () => {
    const report = readObjectives({ objectives: [LOGS, STUCK] });
    assert.ok(report !== undefined);
    const verdict =
      "no: RPO unbounded > 1d 6h (storedVolume.uploadBitsPerSecond); cost $1,504.00 > $1,000.00 (rules[0].lifecycle.deleteAfterDays)";
    assert.equal(
      renderObjectivesReport(report),
      [
        "Recovery objectives (worst case computed from the design): 1 of 2 datasets meet theirs",
        "",
        "Dataset                         RPO     RTO  Cost/month  Objective met?",
        `------------------------  ---------  ------  ----------  ${"-".repeat(verdict.length)}`,
        "logs-and-dumps/logs/         1h 30m      6m      $17.66  yes",
        `dc-chicago/db-replica-01  unbounded  2h 14m   $1,504.00  ${verdict}`,
        "",
        "note: us-west-2 is priced as us-east-1 (hybrid-backup:objectives.priceAs): the price file has no prices there.",
      ].join("\n"),
    );
  });
});
