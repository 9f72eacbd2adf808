import * as assert from "node:assert/strict";
import {
  backupCopyRetention,
  backupCrossAccountCopy,
  backupCrossRegionCopy,
  backupPlanFrequencyAndRetention,
  backupRetentionWithinVaultLock,
  backupVaultDenyDelete,
  backupVaultLock,
  dynamodbPointInTimeRecovery,
  glacierVaultLock,
  rdsBackupRetention,
  s3ArchiveLifecycle,
  s3ArchiveObjectLock,
  s3ArchiveVersioning,
} from "../../policies/retention";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

const PLAN = "aws:backup/plan:Plan";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const BUCKET = "aws:s3/bucket:Bucket";

const DR_VAULT_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:dr";

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ruleName: "every-6h",
    targetVaultName: "main",
    schedule: "cron(0 */6 ? * * *)",
    lifecycle: { deleteAfter: 35 },
    copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 35 } }],
    ...overrides,
  };
}

function plan(
  rules: unknown,
  tags: unknown = { "backup-tier": "gold" },
  extra: Partial<ResourceFixture> = {},
): ResourceFixture {
  return {
    type: PLAN,
    name: "daily",
    props: { name: "daily", rules, tags },
    provider: { props: { region: "us-east-1" } },
    ...extra,
  };
}

describe("policies/retention", () => {
  describe("backup-plan-frequency-and-retention", () => {
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
      const sparse = plan([
        rule({ schedule: "cron(30 2 ? * * *)" }),
        rule({ schedule: undefined }),
      ]);
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
        '[rules[0].schedule] is "rate(1 hour)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
        '[rules[1].schedule] is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
      ]);
    });

    it("uses configured floors and intervals", async () => {
      const config = { retentionFloorDays: { gold: 90 }, maxIntervalHours: { gold: 1 } };
      const outcome = await run(plan([rule()]), config);
      assert.deepEqual(outcome.messages, [
        "[rules[0].lifecycle.deleteAfter] is 35, but must be at least 90 days for the gold tier.",
        '[rules[0].schedule] is "cron(0 */6 ? * * *)", which leaves up to 6 hours between backups, but the gold tier needs one at least every 1 hours.',
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

  describe("backup-copy-retention", () => {
    it("passes copies kept at least the floor, or without expiry", async () => {
      const outcome = await runResourcePolicy(
        backupCopyRetention,
        plan([rule(), rule({ copyActions: [{ destinationVaultArn: DR_VAULT_ARN }] })]),
      );
      assert.deepEqual(outcome.messages, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("fails a copy kept less than the floor", async () => {
      const outcome = await runResourcePolicy(
        backupCopyRetention,
        plan(
          [
            rule({
              copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
            }),
          ],
          {
            "backup-tier": "silver",
          },
        ),
      );
      assert.deepEqual(outcome.messages, []);
      const gold = await runResourcePolicy(
        backupCopyRetention,
        plan([
          rule({
            copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
          }),
        ]),
      );
      assert.deepEqual(gold.messages, [
        "[rules[0].copyActions[0].lifecycle.deleteAfter] is 14, but must be at least 35 days for the gold tier.",
      ]);
    });

    it("says which copy retention is unknown during preview", async () => {
      const outcome = await runResourcePolicy(
        backupCopyRetention,
        plan([rule({ copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: UNKNOWN }] })]),
      );
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupCopyRetention.name,
          "could not check that [rules[0].copyActions[0].lifecycle.deleteAfter] is at least 35 days for the gold tier, because [rules[0].copyActions[0].lifecycle] is unknown during preview.",
        ),
      ]);
    });
  });

  describe("backup-cross-region-copy", () => {
    const config = { required: true };
    const sameRegion = "arn:aws:backup:us-east-1:111111111111:backup-vault:local";

    it("is not applicable unless required", async () => {
      const outcome = await runResourcePolicy(
        backupCrossRegionCopy,
        plan([rule({ copyActions: [] })]),
      );
      assert.equal(
        outcome.notApplicable,
        "Cross-region copies are not required by this policy's configuration.",
      );
    });

    it("passes rules that copy to another region (provider region, plan region or config)", async () => {
      const outcome = await runResourcePolicy(backupCrossRegionCopy, plan([rule()]), { config });
      assert.deepEqual(outcome.messages, []);
      assert.deepEqual(outcome.advisories, []);
      const planRegion = await runResourcePolicy(
        backupCrossRegionCopy,
        {
          type: PLAN,
          name: "p",
          props: {
            region: "us-west-2",
            rules: [rule({ copyActions: [{ destinationVaultArn: sameRegion }] })],
          },
        },
        { config },
      );
      assert.deepEqual(planRegion.messages, []);
      const fromConfig = await runResourcePolicy(
        backupCrossRegionCopy,
        { type: PLAN, name: "p", props: { rules: [rule()] } },
        { config: { ...config, homeRegion: "us-east-1" } },
      );
      assert.deepEqual(fromConfig.messages, []);
    });

    it("passes a plan once one rule copies to another region, unless every rule must", async () => {
      const mixed = plan([rule(), rule({ copyActions: undefined })]);
      const onePlan = await runResourcePolicy(backupCrossRegionCopy, mixed, { config });
      assert.deepEqual(onePlan.messages, []);
      const everyRule = await runResourcePolicy(backupCrossRegionCopy, mixed, {
        config: { ...config, everyRule: true },
      });
      assert.deepEqual(everyRule.messages, [
        '[rules[1].copyActions] is not set, but must be a list with a copy to a vault in another region than "us-east-1".',
      ]);
    });

    it("fails plans whose rules copy nowhere or only within the region", async () => {
      const rules = plan([
        rule({ copyActions: [{ destinationVaultArn: sameRegion }] }),
        rule({ copyActions: undefined }),
      ]);
      const perPlan = await runResourcePolicy(backupCrossRegionCopy, rules, { config });
      assert.deepEqual(perPlan.messages, [
        '[rules] has no rule with a copy to a vault in another region than "us-east-1", but at least one rule must have one.',
      ]);
      const outcome = await runResourcePolicy(backupCrossRegionCopy, rules, {
        config: { ...config, everyRule: true },
      });
      assert.deepEqual(outcome.messages, [
        '[rules[0].copyActions] copies only to vaults in "us-east-1", but must include a copy to a vault in another region than "us-east-1".',
        '[rules[1].copyActions] is not set, but must be a list with a copy to a vault in another region than "us-east-1".',
      ]);
    });

    it("says when a destination or the plan's region is unknown", async () => {
      const outcome = await runResourcePolicy(
        backupCrossRegionCopy,
        plan([rule({ copyActions: [{ destinationVaultArn: UNKNOWN }] })]),
        { config },
      );
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupCrossRegionCopy.name,
          'could not check that [rules[0].copyActions[0].destinationVaultArn] is in another region than "us-east-1", because it is unknown during preview.',
        ),
      ]);
      const noRegion = await runResourcePolicy(
        backupCrossRegionCopy,
        { type: PLAN, name: "p", props: { rules: [rule()] } },
        { config },
      );
      assert.deepEqual(noRegion.advisories, [
        previewAdvisory(
          backupCrossRegionCopy.name,
          "could not check that the rules copy to another region, because the plan's region is set on neither the plan, its provider nor the policy config `homeRegion`.",
        ),
      ]);
    });
  });

  describe("backup-cross-account-copy", () => {
    const config = { required: true, sourceAccountIds: ["111111111111"] };

    it("passes rules that copy to another account (config or provider accounts)", async () => {
      const outcome = await runResourcePolicy(backupCrossAccountCopy, plan([rule()]), { config });
      assert.deepEqual(outcome.messages, []);
      const provider = await runResourcePolicy(
        backupCrossAccountCopy,
        plan([rule()], undefined, {
          provider: { props: { allowedAccountIds: '["111111111111"]' } },
        }),
        { config: { required: true } },
      );
      assert.deepEqual(provider.messages, []);
      assert.deepEqual(provider.advisories, []);
    });

    it("fails plans that copy only within the account", async () => {
      const local = "arn:aws:backup:us-west-2:111111111111:backup-vault:dr";
      const outcome = await runResourcePolicy(
        backupCrossAccountCopy,
        plan([rule({ copyActions: [{ destinationVaultArn: local }] })]),
        { config },
      );
      assert.deepEqual(outcome.messages, [
        '[rules] has no rule with a copy to a vault in another account than "111111111111", but at least one rule must have one.',
      ]);
      const everyRule = await runResourcePolicy(
        backupCrossAccountCopy,
        plan([rule({ copyActions: [{ destinationVaultArn: local }] })]),
        { config: { ...config, everyRule: true } },
      );
      assert.deepEqual(everyRule.messages, [
        '[rules[0].copyActions] copies only to vaults in "111111111111", but must include a copy to a vault in another account than "111111111111".',
      ]);
    });

    it("says when the plan's account is not known", async () => {
      const outcome = await runResourcePolicy(backupCrossAccountCopy, plan([rule()]), {
        config: { required: true },
      });
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupCrossAccountCopy.name,
          "could not check that the rules copy to another account, because the plan's account is unknown: set `sourceAccountIds` in the policy config.",
        ),
      ]);
    });
  });

  describe("backup-vault-lock", () => {
    const vault: ResourceFixture = {
      type: VAULT,
      name: "main",
      props: { name: "main", kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/k" },
    };
    const lock = (
      props: Record<string, unknown>,
      extra: Partial<ResourceFixture> = {},
    ): ResourceFixture => ({
      type: LOCK,
      name: "main-lock",
      props: { backupVaultName: "main", minRetentionDays: 7, maxRetentionDays: 365, ...props },
      ...extra,
    });
    const lockUrn = urnOf(LOCK, "main-lock");
    const vaultUrn = urnOf(VAULT, "main");

    it("passes a vault with a lock within the bounds", async () => {
      const outcome = await runStackPolicy(backupVaultLock, [vault, lock({})]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("joins a lock to an auto-named vault through its property dependencies", async () => {
      const unnamed: ResourceFixture = { type: VAULT, name: "main", props: {} };
      const outcome = await runStackPolicy(backupVaultLock, [
        unnamed,
        lock(
          { backupVaultName: UNKNOWN },
          { propertyDependencies: { backupVaultName: [vaultUrn] } },
        ),
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("fails a vault without a lock", async () => {
      const outcome = await runStackPolicy(backupVaultLock, [
        vault,
        lock({ backupVaultName: "other" }),
      ]);
      assert.deepEqual(outcome.violations, [
        {
          message:
            'aws:backup/vault:Vault "main" has no aws:backup/vaultLockConfiguration:VaultLockConfiguration, so its recovery points can be deleted before their retention ends.',
          urn: vaultUrn,
        },
      ]);
    });

    it("fails bounds outside the configured range, one message each", async () => {
      const low = await runStackPolicy(backupVaultLock, [vault, lock({ minRetentionDays: 1 })]);
      assert.deepEqual(low.violations, [
        {
          message: `${LOCK} "main-lock" [minRetentionDays] is 1, but must be at least 7 days.`,
          urn: lockUrn,
        },
      ]);
      const noMax = await runStackPolicy(backupVaultLock, [
        vault,
        lock({ maxRetentionDays: undefined }),
      ]);
      assert.deepEqual(noMax.violations, [
        {
          message: `${LOCK} "main-lock" [maxRetentionDays] is not set, but must be at most 3650 days.`,
          urn: lockUrn,
        },
      ]);
      const high = await runStackPolicy(backupVaultLock, [
        vault,
        lock({ maxRetentionDays: 36500 }),
      ]);
      assert.deepEqual(high.violations, [
        {
          message: `${LOCK} "main-lock" [maxRetentionDays] is 36500, but must be at most 3650 days.`,
          urn: lockUrn,
        },
      ]);
    });

    it("requires compliance mode where configured", async () => {
      const config = { requireComplianceMode: true };
      const governance = await runStackPolicy(backupVaultLock, [vault, lock({})], { config });
      assert.deepEqual(governance.violations, [
        {
          message: `${LOCK} "main-lock" [changeableForDays] is not set, but must be at least 3 days, so that the lock enters compliance mode.`,
          urn: lockUrn,
        },
      ]);
      const compliance = await runStackPolicy(
        backupVaultLock,
        [vault, lock({ changeableForDays: 3 })],
        { config },
      );
      assert.deepEqual(compliance.violations, []);
    });

    it("says when the lock's vault or bounds are unknown during preview", async () => {
      const outcome = await runStackPolicy(backupVaultLock, [
        vault,
        lock({ backupVaultName: UNKNOWN, minRetentionDays: UNKNOWN }),
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupVaultLock.name,
          `could not tell whether aws:backup/vault:Vault "main" is configured by ${LOCK} "main-lock" [backupVaultName], because that input is unknown during preview.`,
          `could not check that ${LOCK} "main-lock" [minRetentionDays] is at least 7 days, because it is unknown during preview.`,
        ),
      ]);
    });
  });

  describe("backup-retention-within-vault-lock", () => {
    const vault: ResourceFixture = { type: VAULT, name: "main", props: { name: "main" } };
    const drVault: ResourceFixture = {
      type: VAULT,
      name: "dr",
      props: { name: "dr", region: "us-west-2" },
    };
    const lock: ResourceFixture = {
      type: LOCK,
      name: "main-lock",
      props: { backupVaultName: "main", minRetentionDays: 7, maxRetentionDays: 365 },
    };
    const drLock: ResourceFixture = {
      type: LOCK,
      name: "dr-lock",
      props: { backupVaultName: "dr", minRetentionDays: 30, maxRetentionDays: 365 },
    };
    const planUrn = urnOf(PLAN, "daily");
    const range = `the lock ${LOCK} "main-lock" on aws:backup/vault:Vault "main" makes AWS fail backup jobs outside that range.`;

    it("passes rules and copies whose retention lies within the locks", async () => {
      const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        drVault,
        drLock,
        plan([rule()]),
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("fails a rule retention below the lock's minimum or kept indefinitely under a maximum", async () => {
      const short = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        plan([rule({ lifecycle: { deleteAfter: 3 } })]),
      ]);
      assert.deepEqual(short.violations, [
        {
          message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is 3, but must be from 7 to 365 days: ${range}`,
          urn: planUrn,
        },
      ]);
      const forever = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        plan([rule({ lifecycle: undefined })]),
      ]);
      assert.deepEqual(forever.violations, [
        {
          message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is not set (recovery points kept indefinitely), but must be from 7 to 365 days: ${range}`,
          urn: planUrn,
        },
      ]);
    });

    it("checks copies against the destination vault's lock (found by ARN)", async () => {
      const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        drVault,
        drLock,
        plan([
          rule({
            copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
          }),
        ]),
      ]);
      assert.deepEqual(outcome.violations, [
        {
          message: `aws:backup/plan:Plan "daily" [rules[0].copyActions[0].lifecycle.deleteAfter] is 14, but must be from 30 to 365 days: the lock ${LOCK} "dr-lock" on aws:backup/vault:Vault "dr" makes AWS fail backup jobs outside that range.`,
          urn: planUrn,
        },
      ]);
    });

    it("finds the target vault through property dependencies when its name is unknown", async () => {
      const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        plan(
          [
            rule({
              targetVaultName: UNKNOWN,
              copyActions: undefined,
              lifecycle: { deleteAfter: 400 },
            }),
          ],
          undefined,
          {
            propertyDependencies: { rules: [urnOf(VAULT, "main")] },
          },
        ),
      ]);
      assert.deepEqual(outcome.violations, [
        {
          message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is 400, but must be from 7 to 365 days: ${range}`,
          urn: planUrn,
        },
      ]);
    });

    it("says when a retention or lock bound is unknown during preview", async () => {
      const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        lock,
        plan([rule({ lifecycle: { deleteAfter: UNKNOWN }, copyActions: undefined })]),
      ]);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupRetentionWithinVaultLock.name,
          'could not check that aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] falls within the lock range of the vault it writes to, because it is unknown during preview.',
        ),
      ]);
      const bound = await runStackPolicy(backupRetentionWithinVaultLock, [
        vault,
        { ...lock, props: { backupVaultName: "main", minRetentionDays: UNKNOWN } },
        plan([rule({ copyActions: undefined })]),
      ]);
      assert.deepEqual(bound.advisories, [
        previewAdvisory(
          backupRetentionWithinVaultLock.name,
          `could not check that ${LOCK} "main-lock" [minRetentionDays] falls within the lock range of the vault it writes to, because it is unknown during preview.`,
        ),
      ]);
    });

    it("is not applicable without plans or locks", async () => {
      const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [vault, plan([rule()])]);
      assert.equal(
        outcome.notApplicable,
        "The stack has no backup plan writing to a locked vault.",
      );
    });
  });

  describe("backup-vault-deny-delete", () => {
    const vault: ResourceFixture = { type: VAULT, name: "main", props: { name: "main" } };
    const deny = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyDelete",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
          Resource: "*",
          Condition: {
            ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/break-glass" },
          },
        },
      ],
    };
    const vaultPolicy = (policy: unknown): ResourceFixture => ({
      type: VAULT_POLICY,
      name: "main-policy",
      props: { backupVaultName: "main", policy },
    });
    const policyUrn = urnOf(VAULT_POLICY, "main-policy");

    it("passes a vault whose policy denies both actions to everyone", async () => {
      const outcome = await runStackPolicy(backupVaultDenyDelete, [
        vault,
        vaultPolicy(JSON.stringify(deny)),
      ]);
      assert.deepEqual(outcome.violations, []);
      const wildcard = await runStackPolicy(backupVaultDenyDelete, [
        vault,
        vaultPolicy(
          JSON.stringify({
            Statement: { Effect: "Deny", Principal: "*", Action: "backup:*", Resource: "*" },
          }),
        ),
      ]);
      assert.deepEqual(wildcard.violations, []);
    });

    it("fails a vault without a policy", async () => {
      const outcome = await runStackPolicy(backupVaultDenyDelete, [vault]);
      assert.deepEqual(outcome.violations, [
        {
          message:
            'aws:backup/vault:Vault "main" has no aws:backup/vaultPolicy:VaultPolicy, but must have one that denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.',
          urn: urnOf(VAULT, "main"),
        },
      ]);
    });

    it("fails a policy that misses an action, or denies only some principals", async () => {
      const partial = structuredClone(deny);
      partial.Statement[0]!.Action = ["backup:DeleteRecoveryPoint"];
      const missing = await runStackPolicy(backupVaultDenyDelete, [
        vault,
        vaultPolicy(JSON.stringify(partial)),
      ]);
      assert.deepEqual(missing.violations, [
        {
          message: `${VAULT_POLICY} "main-policy" [policy] does not deny backup:UpdateRecoveryPointLifecycle to every principal ("Principal": "*"), but must.`,
          urn: policyUrn,
        },
      ]);
      const narrow = structuredClone(deny);
      narrow.Statement[0]!.Principal = { AWS: "arn:aws:iam::111111111111:root" };
      const some = await runStackPolicy(backupVaultDenyDelete, [
        vault,
        vaultPolicy(JSON.stringify(narrow)),
      ]);
      assert.deepEqual(some.messages, [
        `${VAULT_POLICY} "main-policy" [policy] does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal ("Principal": "*"), but must.`,
      ]);
      const broken = await runStackPolicy(backupVaultDenyDelete, [vault, vaultPolicy("{not json")]);
      assert.deepEqual(broken.messages, [
        `${VAULT_POLICY} "main-policy" [policy] is not valid JSON, but must deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.`,
      ]);
    });

    it("says when the policy document is unknown during preview", async () => {
      const outcome = await runStackPolicy(backupVaultDenyDelete, [vault, vaultPolicy(UNKNOWN)]);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupVaultDenyDelete.name,
          `could not check that ${VAULT_POLICY} "main-policy" [policy] denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal, because it is unknown during preview.`,
        ),
      ]);
    });
  });

  describe("s3 archive buckets", () => {
    const archiveTags = { "backup-role": "archive" };
    const bucket = (props: Record<string, unknown> = {}, type = BUCKET_V2): ResourceFixture => ({
      type,
      name: "archive",
      props: { bucket: "org-archive", objectLockEnabled: true, tags: archiveTags, ...props },
    });
    const bucketUrn = urnOf(BUCKET_V2, "archive");
    const objectLock = (
      retention: Record<string, unknown>,
      extra: Partial<ResourceFixture> = {},
    ): ResourceFixture => ({
      type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      name: "archive-lock",
      props: {
        bucket: "org-archive",
        rule: { defaultRetention: { mode: "COMPLIANCE", days: 365, ...retention } },
      },
      ...extra,
    });
    const LOCK_CONFIG =
      'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration "archive-lock"';

    describe("s3-archive-object-lock", () => {
      const policy = s3ArchiveObjectLock;

      it("passes archive buckets with a compliant default retention (split or inline, both families)", async () => {
        const split = await runStackPolicy(policy, [bucket(), objectLock({})]);
        assert.deepEqual(split.violations, []);
        assert.deepEqual(split.advisories, []);
        const legacy = await runStackPolicy(policy, [
          bucket(
            {
              objectLockEnabled: undefined,
              objectLockConfiguration: {
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: "GOVERNANCE", years: 1 } },
              },
            },
            BUCKET,
          ),
        ]);
        assert.deepEqual(legacy.violations, []);
        const v2Inline = await runStackPolicy(policy, [
          bucket({
            objectLockConfiguration: {
              rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", days: 400 }] }],
            },
          }),
        ]);
        assert.deepEqual(v2Inline.violations, []);
      });

      it("joins the lock to its bucket through property dependencies when the name is unknown", async () => {
        const outcome = await runStackPolicy(policy, [
          bucket({ bucket: undefined }),
          objectLock(
            {},
            {
              props: {
                bucket: UNKNOWN,
                rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
              },
              propertyDependencies: { bucket: [bucketUrn] },
            },
          ),
        ]);
        assert.deepEqual(outcome.violations, []);
        assert.deepEqual(outcome.advisories, []);
      });

      it("fails a bucket without Object Lock enabled or without default retention", async () => {
        const disabled = await runStackPolicy(policy, [
          bucket({ objectLockEnabled: undefined }),
          objectLock({}),
        ]);
        assert.deepEqual(disabled.violations, [
          {
            message: `${BUCKET_V2} "archive" [objectLockEnabled] is not set, but must be true.`,
            urn: bucketUrn,
          },
        ]);
        const none = await runStackPolicy(policy, [bucket()]);
        assert.deepEqual(none.violations, [
          {
            message: `${BUCKET_V2} "archive" has no default Object Lock retention (neither objectLockConfiguration nor a aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration), but must retain objects at least 365 days.`,
            urn: bucketUrn,
          },
        ]);
      });

      it("fails a mode or a retention outside the configuration", async () => {
        const governance = await runStackPolicy(
          policy,
          [bucket(), objectLock({ mode: "GOVERNANCE" })],
          {
            config: { allowedModes: ["COMPLIANCE"] },
          },
        );
        assert.deepEqual(governance.messages, [
          `${LOCK_CONFIG} [rule.defaultRetention.mode] is "GOVERNANCE", but must be "COMPLIANCE".`,
        ]);
        const short = await runStackPolicy(policy, [bucket(), objectLock({ days: 30 })]);
        assert.deepEqual(short.messages, [
          `${LOCK_CONFIG} [rule.defaultRetention.days] is 30, but must be a retention of at least 365 days.`,
        ]);
        const years = await runStackPolicy(
          policy,
          [bucket(), objectLock({ days: undefined, years: 1 })],
          {
            config: { minRetentionDays: 400 },
          },
        );
        assert.deepEqual(years.messages, [
          `${LOCK_CONFIG} [rule.defaultRetention.years] is 1, but must be a retention of at least 400 days (365 days given).`,
        ]);
      });

      it("ignores buckets without the archive role, and says when the role or lock is unknown", async () => {
        const plain = await runStackPolicy(policy, [bucket({ tags: { team: "web" } })]);
        assert.equal(
          plain.notApplicable,
          "The stack has no bucket tagged as holding backups or archives.",
        );
        const unknownRole = await runStackPolicy(policy, [
          bucket({ tags: UNKNOWN }),
          bucket({ tags: archiveTags }, BUCKET),
        ]);
        assert.deepEqual(unknownRole.advisories, [
          previewAdvisory(
            policy.name,
            `could not tell whether ${BUCKET_V2} "archive" holds backups, because [tags] is unknown during preview.`,
          ),
        ]);
        const unknownLock = await runStackPolicy(policy, [
          bucket(),
          objectLock({}, { props: { bucket: UNKNOWN } }),
        ]);
        assert.deepEqual(unknownLock.violations, []);
        assert.deepEqual(unknownLock.advisories, [
          previewAdvisory(
            policy.name,
            `could not tell whether ${BUCKET_V2} "archive" is configured by ${LOCK_CONFIG} [bucket], because that input is unknown during preview.`,
          ),
        ]);
      });
    });

    describe("s3-archive-versioning", () => {
      const versioning = (status: unknown): ResourceFixture => ({
        type: "aws:s3/bucketVersioningV2:BucketVersioningV2",
        name: "archive-versioning",
        props: { bucket: "org-archive", versioningConfiguration: { status } },
      });

      it("passes versioning turned on separately, inline, or by Object Lock", async () => {
        const split = await runStackPolicy(s3ArchiveVersioning, [
          bucket({ objectLockEnabled: false }),
          versioning("Enabled"),
        ]);
        assert.deepEqual(split.violations, []);
        const inline = await runStackPolicy(s3ArchiveVersioning, [
          bucket({ objectLockEnabled: false, versioning: { enabled: true } }, BUCKET),
        ]);
        assert.deepEqual(inline.violations, []);
        const locked = await runStackPolicy(s3ArchiveVersioning, [bucket()]);
        assert.deepEqual(locked.violations, []);
      });

      it("fails suspended or missing versioning", async () => {
        const suspended = await runStackPolicy(s3ArchiveVersioning, [
          bucket(),
          versioning("Suspended"),
        ]);
        assert.deepEqual(suspended.violations, [
          {
            message:
              'aws:s3/bucketVersioningV2:BucketVersioningV2 "archive-versioning" [versioningConfiguration.status] is "Suspended", but must be "Enabled".',
            urn: urnOf("aws:s3/bucketVersioningV2:BucketVersioningV2", "archive-versioning"),
          },
        ]);
        const none = await runStackPolicy(s3ArchiveVersioning, [
          bucket({ objectLockEnabled: undefined }),
        ]);
        assert.deepEqual(none.violations, [
          {
            message: `${BUCKET_V2} "archive" has versioning off (no aws:s3/bucketVersioning:BucketVersioning with status "Enabled", no versioning.enabled, no Object Lock), but must have it on.`,
            urn: bucketUrn,
          },
        ]);
      });

      it("says when the versioning status is unknown during preview", async () => {
        const outcome = await runStackPolicy(s3ArchiveVersioning, [bucket(), versioning(UNKNOWN)]);
        assert.deepEqual(outcome.advisories, [
          previewAdvisory(
            s3ArchiveVersioning.name,
            'could not check that aws:s3/bucketVersioningV2:BucketVersioningV2 "archive-versioning" [versioningConfiguration.status] is "Enabled", because it is unknown during preview.',
          ),
        ]);
      });
    });

    describe("s3-archive-lifecycle", () => {
      const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
      const lifecycle = (rules: unknown): ResourceFixture => ({
        type: LIFECYCLE,
        name: "archive-lifecycle",
        props: { bucket: "org-archive", rules },
      });
      const lifecycleUrn = urnOf(LIFECYCLE, "archive-lifecycle");
      const good = {
        id: "deep-archive",
        status: "Enabled",
        transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
        expiration: { days: 3650 },
        noncurrentVersionExpiration: { noncurrentDays: 365 },
      };

      it("passes expirations at or beyond the floor, and ignores disabled rules", async () => {
        const outcome = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          lifecycle([good, { id: "off", status: "Disabled", expiration: { days: 1 } }]),
        ]);
        assert.deepEqual(outcome.violations, []);
        assert.deepEqual(outcome.advisories, []);
      });

      it("fails expirations below the floor, current or noncurrent, split or inline", async () => {
        const outcome = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          lifecycle([
            {
              ...good,
              expiration: { days: 30 },
              noncurrentVersionExpiration: { noncurrentDays: 7 },
            },
          ]),
        ]);
        assert.deepEqual(outcome.violations, [
          {
            message: `${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.days] is 30, but must be at least 365 days.`,
            urn: lifecycleUrn,
          },
          {
            message: `${LIFECYCLE} "archive-lifecycle" [rules[0].noncurrentVersionExpiration.noncurrentDays] is 7, but must be at least 365 days.`,
            urn: lifecycleUrn,
          },
        ]);
        const inline = await runStackPolicy(s3ArchiveLifecycle, [
          bucket({ lifecycleRules: [{ enabled: true, expirations: [{ days: 90 }] }] }),
        ]);
        assert.deepEqual(inline.messages, [
          `${BUCKET_V2} "archive" [lifecycleRules[0].expirations[0].days] is 90, but must be at least 365 days.`,
        ]);
        const dated = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          lifecycle([{ ...good, expiration: { date: "2030-01-01T00:00:00Z" } }]),
        ]);
        assert.deepEqual(dated.messages, [
          `${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.date] is "2030-01-01T00:00:00Z", but archive objects must expire by age (at least 365 days), not on a date.`,
        ]);
      });

      it("credits an Object Lock that keeps every version at least the floor (unless configured not to)", async () => {
        const short = lifecycle([{ ...good, noncurrentVersionExpiration: { noncurrentDays: 30 } }]);
        const locked = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          objectLock({ days: 400 }),
          short,
        ]);
        assert.deepEqual(locked.violations, []);
        const strict = await runStackPolicy(
          s3ArchiveLifecycle,
          [bucket(), objectLock({ days: 400 }), short],
          {
            config: { creditObjectLock: false },
          },
        );
        assert.deepEqual(strict.messages, [
          `${LIFECYCLE} "archive-lifecycle" [rules[0].noncurrentVersionExpiration.noncurrentDays] is 30, but must be at least 365 days.`,
        ]);
        const shortLock = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          objectLock({ days: 30 }),
          short,
        ]);
        assert.equal(shortLock.messages.length, 1);
        const unknownLock = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          objectLock({ days: UNKNOWN }),
          short,
        ]);
        assert.deepEqual(unknownLock.violations, []);
        assert.deepEqual(unknownLock.advisories, [
          previewAdvisory(
            s3ArchiveLifecycle.name,
            `could not check that ${BUCKET_V2} "archive" keeps objects at least 365 days, because its lifecycle expires them sooner and its Object Lock default retention is unknown during preview.`,
          ),
        ]);
      });

      it("says when an expiry is unknown during preview", async () => {
        const outcome = await runStackPolicy(s3ArchiveLifecycle, [
          bucket(),
          lifecycle([{ ...good, expiration: { days: UNKNOWN } }]),
        ]);
        assert.deepEqual(outcome.advisories, [
          previewAdvisory(
            s3ArchiveLifecycle.name,
            `could not check that ${LIFECYCLE} "archive-lifecycle" [rules[0].expiration.days] expires objects no sooner than 365 days, because it is unknown during preview.`,
          ),
        ]);
      });
    });
  });

  describe("glacier-vault-lock", () => {
    const GLACIER_LOCK = "aws:glacier/vaultLock:VaultLock";
    const vault: ResourceFixture = {
      type: "aws:glacier/vault:Vault",
      name: "archive",
      props: { name: "archive" },
    };
    const document = (age: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "deny-early-delete",
            Effect: "Deny",
            Principal: "*",
            Action: "glacier:DeleteArchive",
            Resource: "arn:aws:glacier:us-east-1:111111111111:vaults/archive",
            Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": age } },
          },
        ],
      });
    const lock = (props: Record<string, unknown> = {}): ResourceFixture => ({
      type: GLACIER_LOCK,
      name: "archive-lock",
      props: { vaultName: "archive", completeLock: true, policy: document("365"), ...props },
    });
    const lockUrn = urnOf(GLACIER_LOCK, "archive-lock");

    it("passes a vault with a complete lock denying early deletion", async () => {
      const outcome = await runStackPolicy(glacierVaultLock, [vault, lock()]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("fails a vault without a lock", async () => {
      const outcome = await runStackPolicy(glacierVaultLock, [vault]);
      assert.deepEqual(outcome.violations, [
        {
          message:
            'aws:glacier/vault:Vault "archive" has no aws:glacier/vaultLock:VaultLock, so its archives can be deleted at any time.',
          urn: urnOf("aws:glacier/vault:Vault", "archive"),
        },
      ]);
    });

    it("fails an abortable lock, a short age and a policy without the deny", async () => {
      const abortable = await runStackPolicy(glacierVaultLock, [
        vault,
        lock({ completeLock: false }),
      ]);
      assert.deepEqual(abortable.violations, [
        {
          message: `${GLACIER_LOCK} "archive-lock" [completeLock] is false, but must be true.`,
          urn: lockUrn,
        },
      ]);
      const young = await runStackPolicy(glacierVaultLock, [
        vault,
        lock({ policy: document("30") }),
      ]);
      assert.deepEqual(young.messages, [
        `${GLACIER_LOCK} "archive-lock" [policy] denies glacier:DeleteArchive only while glacier:ArchiveAgeInDays is below 30, but the age must be at least 365 days.`,
      ]);
      const allow = await runStackPolicy(glacierVaultLock, [
        vault,
        lock({
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "glacier:*" }],
          }),
        }),
      ]);
      assert.deepEqual(allow.messages, [
        `${GLACIER_LOCK} "archive-lock" [policy] has no Deny of glacier:DeleteArchive under NumericLessThan glacier:ArchiveAgeInDays, but must deny glacier:DeleteArchive while glacier:ArchiveAgeInDays is below at least 365.`,
      ]);
    });

    it("accepts an abortable lock where configured (test stacks)", async () => {
      const outcome = await runStackPolicy(
        glacierVaultLock,
        [vault, lock({ completeLock: false })],
        {
          config: { requireCompleteLock: false },
        },
      );
      assert.deepEqual(outcome.violations, []);
    });

    it("says when the lock policy is unknown during preview", async () => {
      const outcome = await runStackPolicy(glacierVaultLock, [vault, lock({ policy: UNKNOWN })]);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          glacierVaultLock.name,
          `could not check that ${GLACIER_LOCK} "archive-lock" [policy] denies glacier:DeleteArchive for archives younger than 365 days, because it is unknown during preview.`,
        ),
      ]);
    });
  });

  describe("rds-backup-retention", () => {
    const db = (retention: unknown, type = "aws:rds/instance:Instance"): ResourceFixture => ({
      type,
      name: "orders",
      props: {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        backupRetentionPeriod: retention,
      },
    });

    it("passes a retention at or above the floor (a minimum, not an exact match)", async () => {
      for (const retention of [7, 14, 35, "10"]) {
        const outcome = await runResourcePolicy(rdsBackupRetention, db(retention));
        assert.deepEqual(outcome.messages, [], `retention ${String(retention)}`);
      }
      const cluster = await runResourcePolicy(
        rdsBackupRetention,
        db(30, "aws:rds/cluster:Cluster"),
      );
      assert.deepEqual(cluster.messages, []);
    });

    it("fails a missing, zero or short retention", async () => {
      const missing = await runResourcePolicy(rdsBackupRetention, db(undefined));
      assert.deepEqual(missing.messages, [
        "[backupRetentionPeriod] is not set, so AWS keeps automated backups 1 day, but must be at least 7 days.",
      ]);
      const zero = await runResourcePolicy(rdsBackupRetention, db(0));
      assert.deepEqual(zero.messages, [
        "[backupRetentionPeriod] is 0, which turns automated backups off, but must be at least 7 days.",
      ]);
      const short = await runResourcePolicy(rdsBackupRetention, db(3));
      assert.deepEqual(short.messages, [
        "[backupRetentionPeriod] is 3, but must be at least 7 days.",
      ]);
      const configured = await runResourcePolicy(rdsBackupRetention, db(14), {
        config: { minRetentionDays: 35 },
      });
      assert.deepEqual(configured.messages, [
        "[backupRetentionPeriod] is 14, but must be at least 35 days.",
      ]);
    });

    it("says when the retention is unknown during preview", async () => {
      const outcome = await runResourcePolicy(rdsBackupRetention, db(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          rdsBackupRetention.name,
          "could not check that [backupRetentionPeriod] is at least 7 days, because it is unknown during preview.",
        ),
      ]);
    });
  });

  describe("dynamodb-point-in-time-recovery", () => {
    const table = (pitr: unknown): ResourceFixture => ({
      type: "aws:dynamodb/table:Table",
      name: "sessions",
      props: { name: "sessions", hashKey: "id", pointInTimeRecovery: pitr },
    });

    it("passes a table with point-in-time recovery", async () => {
      const outcome = await runResourcePolicy(
        dynamodbPointInTimeRecovery,
        table({ enabled: true }),
      );
      assert.deepEqual(outcome.messages, []);
    });

    it("fails a table with it off or unset", async () => {
      const off = await runResourcePolicy(dynamodbPointInTimeRecovery, table({ enabled: false }));
      assert.deepEqual(off.messages, ["[pointInTimeRecovery.enabled] is false, but must be true."]);
      const unset = await runResourcePolicy(dynamodbPointInTimeRecovery, table(undefined));
      assert.deepEqual(unset.messages, [
        "[pointInTimeRecovery.enabled] is not set, but must be true.",
      ]);
    });

    it("says when it is unknown during preview", async () => {
      const outcome = await runResourcePolicy(dynamodbPointInTimeRecovery, table(UNKNOWN));
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          dynamodbPointInTimeRecovery.name,
          "could not check that [pointInTimeRecovery.enabled] is true, because [pointInTimeRecovery] is unknown during preview.",
        ),
      ]);
    });
  });
});
