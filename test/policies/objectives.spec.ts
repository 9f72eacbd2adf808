import * as assert from "node:assert/strict";
import {
  minutesInWords,
  parseRecord,
  recoveryObjectivesMet,
  usd,
} from "../../policies/objectives/recovery-objectives-met";
import {
  previewAdvisory,
  type ResourceFixture,
  runStackPolicy,
  secret,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

const PARAMETER = "aws:ssm/parameter:Parameter";
const PLAN: ResourceFixture = { type: "aws:backup/plan:Plan", name: "gold", props: { rules: [] } };

/** A record as topology/objectives.ts writes it: prod's gold EBS dataset, met. */
const GOLD = {
  dataset: "gold/erp-app-volumes",
  kind: "tier",
  tier: "gold",
  rpoMinutes: 300,
  rtoMinutes: 285,
  monthlyCostUsd: 22899.19,
  objective: { rpoMinutes: 300, rtoMinutes: 360, monthlyBudgetUsd: 25000 },
  met: true,
  drivenBy: {
    rpo: {
      design: "rules[0].completionWindowMinutes",
      setting: "hybrid-backup:backup.tiers.gold.rules[0].completionWindow",
    },
    rto: {
      design: "dataset.sizeGiB",
      setting: "hybrid-backup:backup.tiers.gold.datasets[0].sizeGiB",
    },
    cost: {
      design: "rules[1].lifecycle.coldStorageAfterDays",
      setting: "hybrid-backup:backup.tiers.gold.rules[1].lifecycle.coldStorageAfter",
    },
  },
  misses: [],
};

function record(
  name: string,
  document: unknown,
  props: Record<string, unknown> = {},
): ResourceFixture {
  return {
    type: PARAMETER,
    name,
    props: {
      name: `/hybrid-backup/prod/recovery-objectives/${name}`,
      type: "String",
      insecureValue: typeof document === "string" ? document : JSON.stringify(document),
      tags: { "backup-role": "recovery-objectives" },
      ...props,
    },
  };
}

const urn = (name: string): string => urnOf(PARAMETER, name);

describe("policies/objectives", () => {
  describe("recovery-objectives-met", () => {
    it("passes records whose figures meet their objectives (equal is met)", async () => {
      const outcome = await runStackPolicy(recoveryObjectivesMet, [PLAN, record("gold", GOLD)]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
      assert.equal(outcome.notApplicable, undefined);
    });

    it("fails an RPO above its objective, naming the figure, the objective and the setting", async () => {
      const late = {
        ...GOLD,
        rpoMinutes: 1680,
        drivenBy: {
          ...GOLD.drivenBy,
          rpo: {
            design: "rules[1].schedule",
            setting: "hybrid-backup:backup.tiers.gold.rules[1].schedule",
          },
        },
      };
      const outcome = await runStackPolicy(recoveryObjectivesMet, [PLAN, record("gold", late)]);
      assert.deepEqual(outcome.violations, [
        {
          message:
            'Dataset "gold/erp-app-volumes" misses its RPO objective: the design\'s worst-case RPO is 1d 4h (1680 minutes), but the objective is 5h (300 minutes); driven by rules[1].schedule (hybrid-backup:backup.tiers.gold.rules[1].schedule).',
          urn: urn("gold"),
        },
      ]);
    });

    it("judges the figures itself, whatever the record's verdict says", async () => {
      const slow = { ...GOLD, rtoMinutes: 361, monthlyCostUsd: 25000.01, met: true };
      const outcome = await runStackPolicy(recoveryObjectivesMet, [PLAN, record("gold", slow)]);
      assert.deepEqual(outcome.messages, [
        [
          'Dataset "gold/erp-app-volumes" misses its RTO objective: the design\'s worst-case RTO is 6h 1m (361 minutes), but the objective is 6h (360 minutes); driven by dataset.sizeGiB (hybrid-backup:backup.tiers.gold.datasets[0].sizeGiB).',
          'Dataset "gold/erp-app-volumes" misses its budget: protecting it costs $25,000.01 a month, but the budget is $25,000.00; driven by rules[1].lifecycle.coldStorageAfterDays (hybrid-backup:backup.tiers.gold.rules[1].lifecycle.coldStorageAfter).',
        ].join("\n"),
      ]);
    });

    it("fails an unbounded RPO (recorded as null)", async () => {
      const backlog = {
        ...GOLD,
        dataset: "dc-ashburn/db-erp-01",
        rpoMinutes: null,
        drivenBy: {
          ...GOLD.drivenBy,
          rpo: {
            design: "storedVolume.uploadBitsPerSecond",
            setting: "hybrid-backup:sites[0].bandwidth.averageUploadRateLimitInBitsPerSec",
          },
        },
      };
      const outcome = await runStackPolicy(recoveryObjectivesMet, [PLAN, record("db", backlog)]);
      assert.deepEqual(outcome.messages, [
        'Dataset "dc-ashburn/db-erp-01" misses its RPO objective: the design\'s worst-case RPO is unbounded, but the objective is 5h (300 minutes); driven by storedVolume.uploadBitsPerSecond (hybrid-backup:sites[0].bandwidth.averageUploadRateLimitInBitsPerSec).',
      ]);
    });

    it("reads a record kept in the secret `value` input too", async () => {
      const over = { ...GOLD, monthlyCostUsd: 30000 };
      const outcome = await runStackPolicy(recoveryObjectivesMet, [
        PLAN,
        {
          type: PARAMETER,
          name: "gold",
          props: {
            value: secret(JSON.stringify(over)),
            tags: { "backup-role": "recovery-objectives" },
          },
        },
      ]);
      assert.deepEqual(outcome.messages, [
        'Dataset "gold/erp-app-volumes" misses its budget: protecting it costs $30,000.00 a month, but the budget is $25,000.00; driven by rules[1].lifecycle.coldStorageAfterDays (hybrid-backup:backup.tiers.gold.rules[1].lifecycle.coldStorageAfter).',
      ]);
    });

    it("ignores parameters without the role tag and fails malformed records", async () => {
      const outcome = await runStackPolicy(recoveryObjectivesMet, [
        PLAN,
        record("other", "not json", { tags: { "backup-role": "archive" } }),
        record("text", "not json"),
        record("partial", { ...GOLD, objective: { rpoMinutes: 300, rtoMinutes: 360 } }),
      ]);
      assert.deepEqual(outcome.violations, [
        {
          message:
            'aws:ssm/parameter:Parameter "text" [insecureValue] is not a recovery objectives record: it is not JSON.',
          urn: urn("text"),
        },
        {
          message:
            'aws:ssm/parameter:Parameter "partial" [insecureValue] is not a recovery objectives record: its objective.monthlyBudgetUsd is undefined, not a figure.',
          urn: urn("partial"),
        },
      ]);
    });

    it("says what it could not check during preview, and still checks the rest", async () => {
      const over = { ...GOLD, dataset: "gold/erp-app-servers", rtoMinutes: 400 };
      const outcome = await runStackPolicy(recoveryObjectivesMet, [
        PLAN,
        record("gold", UNKNOWN),
        record("tagged-later", GOLD, { tags: UNKNOWN }),
        record("servers", over),
      ]);
      assert.deepEqual(outcome.messages, [
        'Dataset "gold/erp-app-servers" misses its RTO objective: the design\'s worst-case RTO is 6h 40m (400 minutes), but the objective is 6h (360 minutes); driven by dataset.sizeGiB (hybrid-backup:backup.tiers.gold.datasets[0].sizeGiB).',
      ]);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          "recovery-objectives-met",
          'could not check that aws:ssm/parameter:Parameter "tagged-later" [tags["backup-role"]] is "recovery-objectives" (a recovery objectives record), because [tags] is unknown during preview.',
          'could not check that aws:ssm/parameter:Parameter "gold" [insecureValue] records figures that meet their objectives, because it is unknown during preview.',
        ),
      ]);
    });

    it("is not applicable to a stack without records, unless records are required", async () => {
      const optional = await runStackPolicy(recoveryObjectivesMet, [PLAN]);
      assert.equal(optional.notApplicable, "The stack records no recovery objectives.");
      const required = await runStackPolicy(recoveryObjectivesMet, [PLAN], {
        config: { required: true },
      });
      assert.deepEqual(required.messages, [
        "The stack deploys 1 backup plan but records no recovery objectives (no aws:ssm/parameter:Parameter tagged backup-role: recovery-objectives), so nothing shows that its design meets them.",
      ]);
      const noPlans = await runStackPolicy(recoveryObjectivesMet, [], {
        config: { required: true },
      });
      assert.equal(noPlans.notApplicable, "The stack records no recovery objectives.");
    });

    it("takes another role tag", async () => {
      const over = { ...GOLD, rpoMinutes: 301 };
      const fixture = record("gold", over, { tags: { kind: "objectives" } });
      const outcome = await runStackPolicy(recoveryObjectivesMet, [PLAN, fixture], {
        config: { roleTagKey: "kind", roleTagValue: "objectives" },
      });
      assert.deepEqual(outcome.messages, [
        'Dataset "gold/erp-app-volumes" misses its RPO objective: the design\'s worst-case RPO is 5h 1m (301 minutes), but the objective is 5h (300 minutes); driven by rules[0].completionWindowMinutes (hybrid-backup:backup.tiers.gold.rules[0].completionWindow).',
      ]);
    });
  });

  describe("parseRecord", () => {
    it("reads the figures, objectives and settings of a record", () => {
      assert.deepEqual(parseRecord(JSON.stringify(GOLD)), {
        dataset: "gold/erp-app-volumes",
        figures: { rpo: 300, rto: 285, cost: 22899.19 },
        objective: { rpo: 300, rto: 360, cost: 25000 },
        drivenBy: GOLD.drivenBy,
      });
    });

    it("says what is wrong with anything else", () => {
      const without = (key: string): string =>
        JSON.stringify(Object.fromEntries(Object.entries(GOLD).filter(([k]) => k !== key)));
      assert.equal(parseRecord("[1]"), "it is not a JSON object");
      assert.equal(parseRecord(without("dataset")), "it names no dataset");
      assert.equal(parseRecord(without("objective")), "it has no objective");
      assert.equal(
        parseRecord(without("drivenBy")),
        "it does not say which settings drive its figures",
      );
      assert.equal(
        parseRecord(JSON.stringify({ ...GOLD, monthlyCostUsd: null })),
        "its monthlyCostUsd is null, not a figure",
      );
      assert.equal(
        parseRecord(JSON.stringify({ ...GOLD, rtoMinutes: -1 })),
        "its rtoMinutes is -1, not a figure",
      );
      assert.equal(
        parseRecord(JSON.stringify({ ...GOLD, drivenBy: { ...GOLD.drivenBy, cost: "rules" } })),
        "its drivenBy.cost does not name a design path and a setting",
      );
    });
  });

  it("words durations and amounts", () => {
    assert.equal(minutesInWords(0), "0m (0 minutes)");
    assert.equal(minutesInWords(1), "1m (1 minute)");
    assert.equal(minutesInWords(1440), "1d (1440 minutes)");
    assert.equal(minutesInWords(3061), "2d 3h 1m (3061 minutes)");
    assert.equal(usd(1234.5), "$1,234.50");
  });
});
