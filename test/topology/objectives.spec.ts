import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatIssue } from "../../core";
import { auditTiers, copyPlacement } from "../../config/sections/backup";
import { type StackConfig, validateStackConfig } from "../../config/stack-config";
import { main } from "../../preview/cli";
import type { PreviewReport } from "../../preview/types";
import {
  type ObjectiveResult,
  bandwidthBitsPerSecond,
  configSetting,
  evaluateObjectives,
} from "../../topology/objectives";
import { decode } from "../helpers/outputs";
import { runStack, stackValues } from "../helpers/stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stack values are edited freely
type Values = Record<string, any>;

function valuesOf(stack: "prod" | "staging"): Values {
  return structuredClone(stackValues(stack).values);
}

const REGIONS = { prod: "us-east-1", staging: "eu-central-1" } as const;

function problems(values: Values, stack: "prod" | "staging" = "prod"): string[] {
  return validateStackConfig(values, REGIONS[stack]).issues.map(formatIssue);
}

function configOf(values: Values, stack: "prod" | "staging" = "prod"): StackConfig {
  const result = validateStackConfig(values, REGIONS[stack]);
  assert.deepEqual(result.issues.map(formatIssue), []);
  return result.config!;
}

function resultFor(results: readonly ObjectiveResult[], dataset: string): ObjectiveResult {
  const found = results.find((result) => result.dataset === dataset);
  assert.ok(found !== undefined, `no result for ${dataset}`);
  return found;
}

const GOLD = "hybrid-backup:backup.tiers.gold";
const PRICED =
  "ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2";

describe("topology/objectives", () => {
  describe("figures of the stacks", () => {
    let prod: ObjectiveResult[];
    let staging: ObjectiveResult[];

    before(() => {
      prod = evaluateObjectives(configOf(valuesOf("prod")));
      staging = evaluateObjectives(configOf(valuesOf("staging"), "staging"));
    });

    it("evaluates every dataset of both stacks, and both meet their objectives", () => {
      // prod: 9 cloud datasets, 40 + 6 stored volumes, 4 archive prefixes, 1 Glacier vault.
      assert.equal(prod.length, 60);
      assert.equal(staging.length, 13);
      assert.deepEqual(
        [...prod, ...staging].filter((result) => !result.met).map((result) => result.dataset),
        [],
      );
    });

    it("platinum/orders-db: continuous backup, restore at the RDS rate, four cost lines", () => {
      // RPO: continuous backup of RDS = 5 min. RTO: 500 GiB * 1024 / 125 MiB/s = 68.27 min,
      // + 30 min RDS provisioning = 98.27 -> 99. Cost: continuous 500 + 35 d * 25 GiB = 1375 GiB
      // * 0.095 = 130.63; daily rule (RDS has no cold storage) 500 + 365 * 25 = 9625 GiB * 0.095
      // = 914.38, the same for its copy in us-west-2 (0.095 there); transfer of 30.42
      // daily increments of 25 GiB * 0.02 = 15.21; its air-gapped copy kept warm 35 days, 500 +
      // 35 * 25 = 1375 GiB * 0.095 = 130.63; restores of RDS cost nothing = 2105.23.
      const { restore, ...result } = resultFor(prod, "platinum/orders-db");
      // Each kind of copy restores in the same 99 minutes; the copies are as old as the daily
      // rule's worst case plus the copy's allowance.
      const vaultArn = (region: string, account: string, name: string) =>
        `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
      assert.deepEqual(restore?.sources, [
        {
          kind: "primary",
          store: "vault",
          name: "prod-backup",
          arn: vaultArn("us-east-1", "111111111111", "prod-backup"),
          accountId: "111111111111",
          region: "us-east-1",
          rpoMinutes: 5,
          expectedRtoMinutes: 99,
          restoreCostUsd: 0,
        },
        {
          kind: "dr",
          store: "vault",
          name: "prod-dr",
          arn: vaultArn("us-west-2", "222222222222", "prod-dr"),
          accountId: "222222222222",
          region: "us-west-2",
          rpoMinutes: 3120,
          expectedRtoMinutes: 99,
          restoreCostUsd: 0,
        },
        {
          kind: "air-gapped",
          store: "air-gapped-vault",
          name: "prod-platinum-air-gapped",
          arn: vaultArn("us-east-1", "111111111111", "prod-platinum-air-gapped"),
          accountId: "111111111111",
          region: "us-east-1",
          rpoMinutes: 3120,
          expectedRtoMinutes: 99,
          restoreCostUsd: 0,
        },
      ]);
      assert.deepEqual(
        restore?.steps.filter(
          (step) => step.how === "cli" && step.text.includes("start-restore-job"),
        ),
        [
          {
            source: "primary",
            how: "cli",
            text: "aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::111111111111:role/prod-backup-platinum-backup --metadata file://metadata.json --region us-east-1",
          },
          {
            source: "dr",
            how: "cli",
            text: "aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::222222222222:role/prod-platinum-dr-restore-test --metadata file://metadata.json --region us-west-2",
          },
          {
            source: "air-gapped",
            how: "cli",
            text: "aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::444444444444:role/service-role/AWSBackupDefaultServiceRole --metadata file://metadata.json --region us-east-1",
          },
        ],
      );
      assert.deepEqual(result, {
        dataset: "platinum/orders-db",
        kind: "tier",
        tier: "platinum",
        rpoMinutes: 5,
        rtoMinutes: 99,
        monthlyCostUsd: 2105.23,
        objective: { rpoMinutes: 15, rtoMinutes: 360, monthlyBudgetUsd: 2500 },
        met: true,
        drivenBy: {
          rpo: {
            design: "rules[0].enableContinuousBackup",
            setting: "hybrid-backup:backup.tiers.platinum.rules[0].continuous",
          },
          rto: {
            design: "dataset.sizeGiB",
            setting: "hybrid-backup:backup.tiers.platinum.datasets[0].sizeGiB",
          },
          cost: {
            design: "rules[1].lifecycle.deleteAfterDays",
            setting: "hybrid-backup:backup.tiers.platinum.rules[1].lifecycle.deleteAfter",
          },
        },
        misses: [],
      });
    });

    it("dc-ashburn/db-erp-01: the gateway's upload bounds the RPO, Direct Connect the RTO", () => {
      // The volumes' recovery points are the silver rule's snapshots, every 12 hours (01:00 and
      // 13:00 UTC). Gateway 1 holds the 32 volumes before the pinned logs; their daily changes add
      // up to 5079.04 GiB, 2539.52 GiB per 12 hours, drained at 4 Gbps * 0.8 efficiency in
      // 113.6 min: RPO = 720 + 60 + 180 (the rule's windows) + 113.6 -> 1074. RTO: 4096 GiB over
      // 10 Gbps * 0.8 = 73.3 min + 60 min to provision a gateway volume -> 134.
      const result = resultFor(prod, "dc-ashburn/db-erp-01");
      assert.deepEqual(
        [result.kind, result.tier, result.rpoMinutes, result.rtoMinutes, result.met],
        ["site", "silver", 1074, 134, true],
      );
      assert.deepEqual(result.drivenBy.rpo, {
        design: "rules[0].schedule",
        setting: "hybrid-backup:backup.tiers.silver.rules[0].schedule",
      });
      assert.deepEqual(result.drivenBy.rto, {
        design: "directConnect.bandwidthBitsPerSecond",
        setting: "hybrid-backup:directConnect.connections[0].bandwidth",
      });
    });

    it("media/video/: daily uploads written straight to Deep Archive", () => {
      // 800 GiB a month in 30.42 daily uploads = 26.30 GiB each. RPO: 1440 + 360 min to write.
      // RTO: Deep Archive standard retrieval 720 + 4.49 min to read + 5 -> 730. Cost: every upload
      // kept 3653 days in Deep Archive, 26.30 * 3653 * 0.00099 = 95.12, + one retrieval at 0.02
      // per GB = 0.53, which is also the restore cost of the runbook's one source.
      const { restore, ...result } = resultFor(prod, "media/video/");
      assert.deepEqual(restore?.sources, [
        {
          kind: "archive",
          store: "s3",
          name: "hb-prod-archive-media-111111111111",
          arn: "arn:aws:s3:::hb-prod-archive-media-111111111111",
          accountId: "111111111111",
          region: "us-east-1",
          rpoMinutes: 1800,
          expectedRtoMinutes: 730,
          restoreCostUsd: 0.53,
        },
      ]);
      assert.deepEqual(result, {
        dataset: "media/video/",
        kind: "archive",
        rpoMinutes: 1800,
        rtoMinutes: 730,
        monthlyCostUsd: 95.65,
        objective: { rpoMinutes: 2880, rtoMinutes: 1440, monthlyBudgetUsd: 150 },
        met: true,
        drivenBy: {
          rpo: {
            design: "archive.schedule",
            setting: "hybrid-backup:archive.buckets[1].prefixes[1].uploads.schedule",
          },
          rto: {
            design: "archive.retrievalTier",
            setting: "hybrid-backup:archive.buckets[1].prefixes[1].uploads.retrievalTier",
          },
          cost: {
            design: "archive.transitions[0].storageClass",
            setting: "hybrid-backup:archive.buckets[1].prefixes[1].transitions[0].storageClass",
          },
        },
        misses: [],
      });
    });

    it("staging gold/app-volumes: 02:00 Europe/Berlin is skipped the day clocks go forward", () => {
      // The 02:00 and 14:00 rule misses 02:00 on 28 March 2027, a 23-hour day: 14:00 to 14:00 is
      // 23 h + 60 + 180 min windows = 1620. RTO: 500 GiB at 125 MiB/s = 68.27 + 5 -> 74. Cost:
      // priced in eu-central-1 and, for the copies, eu-west-1 themselves (no stand-in region).
      const result = resultFor(staging, "gold/app-volumes");
      assert.deepEqual(
        [result.rpoMinutes, result.rtoMinutes, result.monthlyCostUsd, result.drivenBy.rpo.design],
        [1620, 74, 93.29, "rules[0].schedule"],
      );
      assert.equal(result.pricedAs, undefined);
    });

    it("takes rate() for the on-premises uploads, which EventBridge-style schedules allow", () => {
      const values = valuesOf("prod");
      const uploads = values.archive.buckets[0].prefixes[0].uploads;
      uploads.schedule = "rate(12 hours)";
      const result = resultFor(evaluateObjectives(configOf(values)), "logs-and-dumps/logs/");
      assert.equal(result.rpoMinutes, 720 + (uploads.writeAllowanceMinutes as number));
    });

    it("records an unbounded RPO as null, with the miss and the setting behind it", () => {
      const values = valuesOf("prod");
      // The bronze rule stopped in 2020: no recovery point around the reference year.
      values.backup.tiers.bronze.rules[0].schedule = "cron(0 23 ? * * 2020)";
      const result = resultFor(evaluateObjectives(configOf(values)), "bronze/dev-volumes");
      assert.equal(result.rpoMinutes, null);
      assert.equal(result.met, false);
      assert.deepEqual(result.misses, [
        {
          metric: "rpo",
          computed: null,
          objective: 1800,
          drivenBy: "rules[0].schedule",
          setting: "hybrid-backup:backup.tiers.bronze.rules[0].schedule",
        },
      ]);
    });

    it("names the config key of every input the model cannot use", () => {
      const values = valuesOf("prod");
      (values.backup.tiers.silver.datasets as Values[]).push({
        name: "reports",
        resourceClass: "S3",
        sizeGiB: 512,
        dailyChangePercent: 2,
      });
      assert.throws(() => evaluateObjectives(configOf(values)), {
        name: "ObjectivesError",
        message:
          "The recovery objectives cannot be computed; 1 problem:\n" +
          `[hybrid-backup:backup.tiers.silver.rules[0]] needs the price awsBackupRestorePerGb.S3 in "us-east-1", but objectives/data/prices.json has none (it prices ${PRICED}) (dataset "silver/reports", model input rules[0]).`,
      });
    });

    it("evaluates nothing for a stack that declares no objectives", () => {
      const values = valuesOf("staging");
      for (const tier of Object.values(values.backup.tiers as Record<string, Values>)) {
        delete tier.objectives;
        delete tier.datasets;
      }
      for (const bucket of values.archive.buckets as Values[]) {
        delete bucket.objectives;
        for (const prefix of bucket.prefixes as Values[]) delete prefix.uploads;
      }
      delete values.archive.glacierVaults[0].objectives;
      delete values.archive.glacierVaults[0].uploads;
      delete values.objectives;
      assert.deepEqual(evaluateObjectives(configOf(values, "staging")), []);
    });
  });

  describe("configSetting", () => {
    const tierRoots = {
      rules: `${GOLD}.rules`,
      dataset: {
        size: `${GOLD}.datasets[0].sizeGiB`,
        resourceClass: `${GOLD}.datasets[0].resourceClass`,
      },
      objective: `${GOLD}.objectives`,
    };

    it("maps the model's rule paths to the tier's config keys", () => {
      const cases: Array<[string, string]> = [
        ["rules[1].schedule", `${GOLD}.rules[1].schedule`],
        ["rules[0].scheduleExpressionTimezone", `${GOLD}.rules[0].timezone`],
        ["rules[0].startWindowMinutes", `${GOLD}.rules[0].startWindow`],
        ["rules[2].lifecycle.coldStorageAfterDays", `${GOLD}.rules[2].lifecycle.coldStorageAfter`],
        ["rules[1].copyActions[0].lifecycle.deleteAfterDays", `${GOLD}.rules[1].copy.deleteAfter`],
        ["rules[1].copyActions[0]", `${GOLD}.rules[1].copy`],
        ["rules[1].copyActions[0].destinationRegion", "hybrid-backup:dr.region"],
        [
          "rules[1].copyActions[0].completionAllowanceMinutes",
          "objectives/data/figures.json copyCompletionAllowanceMinutes",
        ],
        ["rules[0]", `${GOLD}.rules[0]`],
        ["region", "aws:region"],
        ["dataset.sizeGiB", `${GOLD}.datasets[0].sizeGiB`],
        ["objective.rtoMinutes", `${GOLD}.objectives.rtoMinutes`],
      ];
      assert.deepEqual(
        cases.map(([design]) => [design, configSetting(design, tierRoots)]),
        cases,
      );
    });

    it("maps archive paths to the prefix and its uploads", () => {
      const at = "hybrid-backup:archive.buckets[0].prefixes[1]";
      const roots = {
        dataset: { size: `${at}.monthlyGrowthGiB`, resourceClass: at },
        objective: "hybrid-backup:archive.buckets[0].objectives",
        archive: { prefix: at, uploads: `${at}.uploads` },
      };
      assert.equal(
        configSetting("archive.scheduleExpressionTimezone", roots),
        `${at}.uploads.timezone`,
      );
      assert.equal(
        configSetting("archive.transitions[1].afterDays", roots),
        `${at}.transitions[1].days`,
      );
      assert.equal(configSetting("archive.expireAfterDays", roots), `${at}.expirationDays`);
      assert.equal(configSetting("archive.storageClass", roots), `${at}.transitions`);
    });

    it("reads Direct Connect speeds", () => {
      assert.deepEqual(
        ["50Mbps", "1Gbps", "10Gbps"].map(bandwidthBitsPerSecond),
        [50e6, 1e9, 10e9],
      );
    });
  });

  describe("configuration", () => {
    it("accepts both stack files", () => {
      assert.deepEqual(problems(valuesOf("prod")), []);
      assert.deepEqual(problems(valuesOf("staging"), "staging"), []);
    });

    it("refuses objectives that are not positive, with exact messages", () => {
      const values = valuesOf("prod");
      values.backup.tiers.gold.objectives = { rpoMinutes: 0, rtoMinutes: 1.5, monthlyBudgetUsd: 0 };
      values.backup.tiers.silver.objectives.monthlyBudgetUsd = "100";
      values.backup.tiers.bronze.objectives.rpoMinutes = 525601;
      assert.deepEqual(problems(values), [
        `[${GOLD}.objectives.rpoMinutes] is 0, but must be a whole number from 1 to 525600 minutes.`,
        `[${GOLD}.objectives.rtoMinutes] is 1.5, but must be a whole number from 1 to 525600 minutes.`,
        `[${GOLD}.objectives.monthlyBudgetUsd] is 0, but must be an amount in USD above 0.`,
        '[hybrid-backup:backup.tiers.silver.objectives.monthlyBudgetUsd] is "100", but must be an amount in USD above 0.',
        "[hybrid-backup:backup.tiers.bronze.objectives.rpoMinutes] is 525601, but must be a whole number from 1 to 525600 minutes.",
      ]);
      values.backup.tiers.gold.objectives = {
        rpoMinutes: 1,
        rtoMinutes: 525600,
        monthlyBudgetUsd: 0.01,
      };
      values.backup.tiers.silver.objectives.monthlyBudgetUsd = 100;
      values.backup.tiers.bronze.objectives.rpoMinutes = 525600;
      assert.deepEqual(problems(values), []);
    });

    it("refuses datasets it cannot evaluate and objectives that clash with rpoHours", () => {
      const values = valuesOf("prod");
      values.backup.tiers.gold.rpoHours = 4;
      values.backup.tiers.gold.datasets[0].resourceClass = "RDS";
      values.backup.tiers.gold.datasets[2].name = "erp-app-servers";
      delete values.backup.tiers.bronze.objectives;
      (values.backup.tiers.bronze.datasets as Values[]).push({
        name: "web",
        resourceClass: "EC2",
        sizeGiB: 100,
        dailyChangePercent: 1,
      });
      delete values.sites[0].volumes[3].dailyChangePercent;
      assert.deepEqual(problems(values), [
        `[${GOLD}.rpoHours] is 4 hours, but the tier also declares objectives.rpoMinutes (300), which sets the audited RPO; remove rpoHours.`,
        `[${GOLD}.datasets[0].resourceClass] is "RDS", but tier "gold" does not protect that type (its resourceTypes are EBS, EC2, EFS, DynamoDB).`,
        "[hybrid-backup:backup.tiers.bronze.objectives] is missing, but the tier declares 3 datasets; give rpoMinutes, rtoMinutes and monthlyBudgetUsd.",
        '[hybrid-backup:sites[0].volumes[3].dailyChangePercent] is missing, but tier "silver" declares objectives, so the upload and storage of volume "db-erp-04" must be computed; give its daily change in percent.',
        `[${GOLD}.datasets[2].name] names the dataset "gold/erp-app-servers", which another dataset of the stack already has; rename one.`,
      ]);
    });

    it("needs the speed of the link sites are restored over", () => {
      const values = valuesOf("prod");
      delete values.directConnect.connections[0].bandwidth;
      assert.deepEqual(problems(values), [
        '[hybrid-backup:directConnect.connections[0].bandwidth] is missing, but sites are restored over connection "ashburn-primary" and their recovery time depends on its speed; give its bandwidth.',
      ]);
    });

    it("needs uploads and growth for archives with objectives, and objectives for uploads", () => {
      const values = valuesOf("prod");
      delete values.archive.buckets[0].prefixes[0].uploads;
      delete values.archive.buckets[0].prefixes[0].monthlyGrowthGiB;
      delete values.archive.buckets[1].objectives;
      delete values.archive.glacierVaults[0].uploads;
      values.archive.glacierVaults[0].monthlyGrowthGiB = 0;
      assert.deepEqual(problems(values), [
        '[hybrid-backup:archive.buckets[0].prefixes[0].uploads] is missing, but bucket "logs-and-dumps" declares objectives; say when the uploader writes to prefix "logs/".',
        '[hybrid-backup:archive.buckets[0].prefixes[0].monthlyGrowthGiB] is missing, but bucket "logs-and-dumps" declares objectives, so the size of each upload to prefix "logs/" must be known; give the GiB added a month (above 0).',
        '[hybrid-backup:archive.buckets[1].prefixes[0].uploads] is set, but bucket "media" declares no objectives to evaluate prefix "images/" against; add objectives to the bucket.',
        '[hybrid-backup:archive.buckets[1].prefixes[1].uploads] is set, but bucket "media" declares no objectives to evaluate prefix "video/" against; add objectives to the bucket.',
        '[hybrid-backup:archive.glacierVaults[0].uploads] is missing, but vault "hb-prod-db-dumps-worm" declares objectives; say when the uploader writes to it.',
        '[hybrid-backup:archive.glacierVaults[0].monthlyGrowthGiB] is 0, but vault "hb-prod-db-dumps-worm" declares objectives, so the size of each upload must be known; give the GiB added a month (above 0).',
      ]);
    });

    it("checks upload schedules and time zones as AWS schedules", () => {
      const values = valuesOf("prod");
      const uploads = values.archive.buckets[0].prefixes[1].uploads;
      uploads.schedule = "cron(0 2 * * * *)";
      uploads.timezone = "Mars/Base";
      values.archive.glacierVaults[0].uploads.schedule = "cron(0 6 ? * SUN 2020-2026)";
      assert.deepEqual(problems(values), [
        '[hybrid-backup:archive.buckets[0].prefixes[1].uploads.schedule] is "cron(0 2 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
        '[hybrid-backup:archive.buckets[0].prefixes[1].uploads.timezone] is "Mars/Base", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
        '[hybrid-backup:archive.glacierVaults[0].uploads.schedule] is "cron(0 6 ? * SUN 2020-2026)", which starts no upload in 2027, the year the recovery objectives are measured over.',
      ]);
    });

    it("needs every region priced, or priced as a region the price file has", () => {
      const prod = valuesOf("prod");
      assert.equal(prod.objectives, undefined);
      assert.deepEqual(problems(prod), []);
      prod.dr.region = "me-central-1";
      assert.deepEqual(problems(prod), [
        `[hybrid-backup:dr.region] is "me-central-1", which objectives/data/prices.json does not price, but the stack declares recovery objectives; add hybrid-backup:objectives.priceAs.me-central-1 naming one of ${PRICED}.`,
      ]);
      prod.objectives = { priceAs: { "me-central-1": "eu-central-1" } };
      assert.deepEqual(problems(prod), []);
      const staging = valuesOf("staging");
      staging.objectives = {
        priceAs: { "eu-west-1": "us-west-1", "eu-west-3": "eu-south-9", "xx-north-9": "us-east-1" },
      };
      assert.deepEqual(problems(staging, "staging"), [
        '[hybrid-backup:objectives.priceAs.eu-west-1] is "us-west-1", but eu-west-1 has its own prices in objectives/data/prices.json; remove this entry.',
        `[hybrid-backup:objectives.priceAs.eu-west-3] is "eu-south-9", but must be a region objectives/data/prices.json prices: ${PRICED}.`,
        "[hybrid-backup:objectives.priceAs.xx-north-9] is not an AWS region name.",
      ]);
    });

    it("bounds the sites' snapshot interval by the RPO objective", () => {
      const values = valuesOf("prod");
      values.backup.tiers.silver.objectives.rpoMinutes = 600;
      assert.deepEqual(problems(values), [
        '[hybrid-backup:sites[0].snapshotIntervalHours] is 12 hours, but the RPO of tier "silver" is 10 hours, so the gateways must snapshot at least that often (1, 2, 4, 8).',
      ]);
    });

    it("gives the audit the RPO objective rounded up to hours, capped at 744", () => {
      const config = configOf(valuesOf("prod"));
      const ages = (backup: StackConfig["backup"]) =>
        auditTiers(backup, copyPlacement(config)).map((tier) => [
          tier.tier,
          tier.lastRecoveryPointMaxAgeHours,
        ]);
      // 15 min -> 1 h, 300 min -> 5 h, 1800 min -> 30 h.
      assert.deepEqual(ages(config.backup), [
        ["platinum", 1],
        ["gold", 5],
        ["silver", 30],
        ["bronze", 30],
      ]);
      const slow = structuredClone(config.backup);
      slow.tiers.bronze!.objectives = { rpoMinutes: 50_000, rtoMinutes: 480, monthlyBudgetUsd: 1 };
      assert.deepEqual(ages(slow).at(-1), ["bronze", 744]);
    });
  });

  describe("in the program", () => {
    it("exports the results once, records each as an SSM parameter and audits the RPO", async () => {
      const run = await runStack("prod");
      const expected = evaluateObjectives(configOf(valuesOf("prod")));
      assert.deepEqual(decode(run.outputs.objectives), expected);
      const parameters = run.resources.filter((r) => r.type === "aws:ssm/parameter:Parameter");
      assert.equal(parameters.length, 60);
      const erp = parameters.find((p) => p.name === "prod-objectives-dc-ashburn/db-erp-01")!;
      assert.equal(erp.inputs.name, "/hybrid-backup/prod/recovery-objectives/dc-ashburn/db-erp-01");
      // The record holds the figures, not the runbook.
      const { restore, ...figures } = resultFor(expected, "dc-ashburn/db-erp-01");
      assert.deepEqual(JSON.parse(erp.inputs.insecureValue as string), figures);
      assert.deepEqual(
        restore?.sources.map((source) => [source.kind, source.name, source.restoreCostUsd]),
        [
          ["primary", "prod-backup", 81.92],
          ["dr", "prod-dr", 81.92],
        ],
      );
      assert.equal(
        (erp.inputs.tags as Record<string, string>)["backup-role"],
        "recovery-objectives",
      );
      const gold = run.resources.find((r) => r.name === "prod-backup-audit-gold-framework")!;
      const control = (gold.inputs.controls as Values[]).find(
        (c) => c.name === "BACKUP_LAST_RECOVERY_POINT_CREATED",
      );
      assert.deepEqual(control?.inputParameters, [
        { name: "recoveryPointAgeUnit", value: "hours" },
        { name: "recoveryPointAgeValue", value: "5" },
      ]);
    });
  });

  describe("offline preview with the policy pack", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "objectives-"));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function preview(
      stack: string,
      configOverrides?: Record<string, unknown>,
    ): Promise<{ code: number; out: string; report: PreviewReport }> {
      const file = path.join(dir, `${stack}.json`);
      const out: string[] = [];
      const code = await main(
        ["--stack", stack, "--quiet", "--no-typecheck", "--json", file],
        { out: (text) => out.push(text), err: (text) => out.push(text) },
        { configOverrides },
      );
      const report = JSON.parse(fs.readFileSync(file, "utf8")) as PreviewReport;
      return { code, out: out.join("\n"), report };
    }

    it("fails prod when gold promises a 4-hour RPO its rules cannot keep", async () => {
      const backup = valuesOf("prod").backup;
      backup.tiers.gold.objectives.rpoMinutes = 240;
      const { code, out, report } = await preview("prod", { "hybrid-backup:backup": backup });
      assert.equal(code, 1);
      const mandatory = (report.policies?.violations ?? []).filter(
        (v) => v.enforcementLevel === "mandatory",
      );
      const miss = (dataset: string): string =>
        `Dataset "gold/${dataset}" misses its RPO objective: the design's worst-case RPO is 5h (300 minutes), but the objective is 4h (240 minutes); driven by rules[0].completionWindowMinutes (${GOLD}.rules[0].completionWindow).`;
      assert.deepEqual(
        mandatory.map((v) => [v.policy, v.urn, v.message.split("\n").at(-1)]),
        ["erp-app-volumes", "erp-app-servers", "shared-home"].map((dataset) => [
          "recovery-objectives-met",
          `urn:pulumi:prod::hybrid-backup::hybrid-backup:index:RecoveryObjectivesRecord$aws:ssm/parameter:Parameter::prod-objectives-gold/${dataset}`,
          miss(dataset),
        ]),
      );
      const { restore, ...row } =
        report.objectives?.find((candidate) => candidate.dataset === "gold/erp-app-volumes") ?? {};
      assert.deepEqual(
        restore?.sources.map((source) => source.kind),
        ["primary", "dr", "air-gapped"],
      );
      assert.deepEqual(row, {
        dataset: "gold/erp-app-volumes",
        rpoMinutes: 300,
        rtoMinutes: 285,
        monthlyCostUsd: 23144.95,
        objective: { rpoMinutes: 240, rtoMinutes: 360, monthlyBudgetUsd: 25000 },
        met: false,
        misses: [
          {
            metric: "rpo",
            computed: 300,
            objective: 240,
            drivenBy: "rules[0].completionWindowMinutes",
            setting: `${GOLD}.rules[0].completionWindow`,
          },
        ],
      });
      assert.match(
        out,
        /\ngold\/erp-app-volumes {2,}5h {3}4h 45m {2}\$23,144\.95 {2}no: RPO 5h > 4h \(rules\[0\]\.completionWindowMinutes\)\n/,
      );
    });

    it("previews staging moved to Tokyo with its DR region in Osaka, every figure priced there", async () => {
      const dr = valuesOf("staging").dr;
      dr.region = "ap-northeast-3";
      const { code, report } = await preview("staging", {
        "aws:region": "ap-northeast-1",
        "hybrid-backup:dr": dr,
      });
      assert.equal(code, 0);
      assert.equal(report.objectives?.length, 13);
      assert.deepEqual(
        report.objectives?.filter((row) => !row.met).map((row) => row.dataset),
        [],
      );
      const checked = validateStackConfig({ ...valuesOf("staging"), dr }, "ap-northeast-1");
      assert.deepEqual(checked.issues.map(formatIssue), []);
      const tokyo = evaluateObjectives(checked.config!);
      assert.equal(tokyo.length, 13);
      assert.deepEqual(
        tokyo.filter((result) => result.pricedAs !== undefined).map((result) => result.dataset),
        [],
      );
    });

    it("passes staging and prints its table after the summary", async () => {
      const { code, out, report } = await preview("staging");
      assert.equal(code, 0);
      assert.equal(report.objectives?.length, 13);
      assert.ok(report.objectives?.every((row) => row.met));
      assert.match(
        out,
        /Recovery objectives \(worst case computed from the design\): 13 of 13 datasets meet theirs\n\nDataset {2,}RPO {2,}RTO {2}Cost\/month {2}Objective met\?\n/,
      );
      assert.match(out, /\ngold\/app-volumes {2,}1d 3h {2,}1h 14m {2,}\$93\.29 {2}yes\n/);
      assert.doesNotMatch(out, /priced as/);
    });
  });
});
