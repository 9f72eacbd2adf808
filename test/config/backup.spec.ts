import * as assert from "node:assert/strict";
import * as path from "path";
import { formatIssues, Issues } from "../../core";
import { backupSchema, vaultLockSchema } from "../../config/sections/backup";
import { validateStackConfig } from "../../config/stack-config";
import { runProgram } from "../../preview/engine";
import { awsRefusals } from "../helpers/aws-oracle";
import { decode } from "../helpers/outputs";
import { mocks } from "../helpers/mocks";

const REPO = path.resolve(__dirname, "../..");
const BREAK_GLASS = "arn:aws:iam::111111111111:role/backup-break-glass";

type Json = Record<string, unknown>;

function baseBackup(): Json {
  return {
    vault: {
      name: "prod-backup",
      lock: {
        mode: "compliance",
        minRetentionDays: 7,
        maxRetentionDays: 3650,
        changeableForDays: 3,
        acknowledgeComplianceLockIsPermanent: true,
      },
      breakGlassRoleArns: [BREAK_GLASS],
      notifications: { emails: ["backup-oncall@example.com"] },
    },
    tiers: {
      gold: {
        resourceTypes: ["EBS", "EC2", "EFS"],
        rules: [
          { name: "hourly", schedule: "cron(0 * ? * * *)", lifecycle: { deleteAfter: 35 } },
          {
            name: "daily",
            schedule: "cron(0 3 ? * * *)",
            lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
          },
        ],
        restoreTesting: {
          schedule: "cron(0 6 ? * SUN *)",
          selectionWindowDays: 7,
          startWindowHours: 8,
        },
      },
    },
    audit: {
      frameworkName: "prod_backup_controls",
      reportBucketName: "hb-prod-backup-reports-111111111111",
    },
  };
}

function validate(backup: unknown): {
  issues: string;
  config?: ReturnType<typeof validateStackConfig>["config"];
} {
  const values: Json = {
    environment: "prod",
    accounts: { workload: "111111111111" },
    protect: true,
  };
  if (backup !== undefined) values.backup = backup;
  const result = validateStackConfig(values, "us-east-1");
  return { issues: formatIssues(result.issues), config: result.config };
}

/** The base section with one value replaced at a dotted path (array indexes as numbers). */
function withValue(pathText: string, value: unknown): Json {
  const backup = baseBackup();
  const keys = pathText.split(".");
  let node: Record<string, unknown> = backup;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return backup;
}

const NS = "hybrid-backup:backup";

describe("config section hybrid-backup:backup", () => {
  describe("parsing", () => {
    it("accepts the base section and fills the defaults", () => {
      const { issues, config } = validate(baseBackup());
      assert.equal(issues, "");
      const gold = config?.backup.tiers.gold;
      assert.deepStrictEqual(gold?.rules[0], {
        name: "hourly",
        schedule: "cron(0 * ? * * *)",
        timezone: "Etc/UTC",
        startWindow: 60,
        completionWindow: 180,
        lifecycle: { deleteAfter: 35, coldStorageAfter: 0 },
        continuous: false,
      });
      assert.equal(gold?.windowsVss, false);
      assert.deepStrictEqual(gold?.restoreTesting, {
        schedule: "cron(0 6 ? * SUN *)",
        timezone: "Etc/UTC",
        startWindowHours: 8,
        selectionWindowDays: 7,
        algorithm: "LATEST_WITHIN_WINDOW",
        recoveryPointTypes: ["SNAPSHOT"],
        overrides: {},
        vaults: ["primary"],
      });
      assert.equal(config?.backup.regionSettings, false);
      assert.deepStrictEqual(config?.backup.audit, {
        frameworkName: "prod_backup_controls",
        reportBucketName: "hb-prod-backup-reports-111111111111",
        reports: [
          "RESOURCE_COMPLIANCE_REPORT",
          "CONTROL_COMPLIANCE_REPORT",
          "BACKUP_JOB_REPORT",
          "COPY_JOB_REPORT",
          "RESTORE_JOB_REPORT",
        ],
        formats: ["CSV", "JSON"],
      });
      assert.deepStrictEqual(config?.backup.vault.notifications, {
        emails: ["backup-oncall@example.com"],
        httpsEndpoints: [],
      });
    });

    it("is required", () => {
      assert.equal(
        validate(undefined).issues,
        `[${NS}] is missing; it is required (The AWS Backup core: vault, tiers and audit.).`,
      );
    });

    it("carries a copy lifecycle on rules for the DR vault", () => {
      const backup = baseBackup();
      const gold = (backup.tiers as Json).gold as { rules: Json[] };
      gold.rules[1] = { ...gold.rules[1], copy: { deleteAfter: 365, coldStorageAfter: 30 } };
      const issues = new Issues(NS);
      const section = backupSchema.parse(backup, issues);
      assert.equal(formatIssues(issues.all), "");
      assert.deepStrictEqual(section?.tiers.gold?.rules[1]?.copy, {
        deleteAfter: 365,
        coldStorageAfter: 30,
      });
    });
  });

  describe("errors name the YAML key path", () => {
    it("reports the cold storage floor at the rule's lifecycle", () => {
      assert.equal(
        validate(
          withValue("tiers.gold.rules.1.lifecycle", { deleteAfter: 60, coldStorageAfter: 30 }),
        ).issues,
        `[${NS}.tiers.gold.rules[1].lifecycle.deleteAfter] is 60 days, but AWS needs at least coldStorageAfter + 90 = 120 days.`,
      );
    });

    it("keeps every rule inside the vault lock", () => {
      assert.equal(
        validate(withValue("tiers.gold.rules.0.lifecycle", { deleteAfter: 3 })).issues,
        `[${NS}.tiers.gold.rules[0].lifecycle.deleteAfter] is 3 days, but the target vault's lock only admits a retention from 7 to 3650 days; AWS Backup fails every job outside that range.`,
      );
    });

    it("reports schema ranges with the same words as the components", () => {
      assert.equal(
        validate(withValue("tiers.gold.rules.0.startWindow", 59)).issues,
        `[${NS}.tiers.gold.rules[0].startWindow] is 59, but must be a whole number from 60 to 10080 minutes.`,
      );
      assert.equal(
        validate(withValue("tiers.gold.rules.0.schedule", "cron(*/15 * ? * * *)")).issues,
        `[${NS}.tiers.gold.rules[0].schedule] is "cron(*/15 * ? * * *)", whose minutes field fires 4 times an hour, but AWS Backup plan rules run at most hourly: the minutes field must be a single minute from 0 to 59.`,
      );
    });

    it("needs the acknowledgement of a compliance lock", () => {
      assert.equal(
        validate(withValue("vault.lock.acknowledgeComplianceLockIsPermanent", undefined)).issues,
        `[${NS}.vault.lock.acknowledgeComplianceLockIsPermanent] is undefined, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.`,
      );
      assert.equal(
        validate(withValue("vault.lock.changeableForDays", 2)).issues,
        `[${NS}.vault.lock.changeableForDays] is 2, but must be a whole number from 3 to 36500 days.`,
      );
    });

    it("keeps the tier names of the tag convention and reserves none", () => {
      const tiers = (baseBackup().tiers as Json).gold;
      assert.equal(
        validate(withValue("tiers", { Gold: tiers })).issues,
        `[${NS}.tiers.Gold] is not an allowed key: keys must be 1-32 lowercase letters, digits or hyphens, starting with a letter.`,
      );
      assert.equal(
        validate(withValue("tiers", { none: tiers })).issues,
        `[${NS}.tiers.none] is reserved: the tier value "none" marks resources deliberately not backed up.`,
      );
    });

    it("checks restore testing against the tier", () => {
      const backup = withValue("tiers.gold.resourceTypes", ["StorageGateway"]);
      (((backup.tiers as Json).gold as Json).restoreTesting as Json).recoveryPointTypes = [
        "CONTINUOUS",
      ];
      assert.equal(
        validate(backup).issues,
        [
          `[${NS}.tiers.gold.restoreTesting.recoveryPointTypes] includes "CONTINUOUS", but the tier has no continuous rule, so there is no continuous recovery point to test.`,
          `[${NS}.tiers.gold.resourceTypes] has no type that restore testing supports (StorageGateway), but the tier sets restoreTesting; it supports Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3.`,
        ].join("\n"),
      );
    });

    it("keeps the audit within its limits", () => {
      const roles = Array.from(
        { length: 6 },
        (_, i) => `arn:aws:iam::111111111111:role/break-glass-${i}`,
      );
      assert.equal(
        validate(withValue("vault.breakGlassRoleArns", roles)).issues,
        `[${NS}.vault.breakGlassRoleArns] has 6 roles, but the audit's manual-deletion control exempts at most 5.`,
      );
      const gold = (baseBackup().tiers as Json).gold;
      const tiers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`tier-${i}`, gold]));
      assert.equal(
        validate(withValue("tiers", tiers)).issues,
        `[${NS}.audit] needs 52 controls for 10 tiers (with the DR copies' cross-region and cross-account controls), but AWS Backup Audit Manager allows 50 per account and region.`,
      );
      assert.equal(
        validate(withValue("tiers", Object.fromEntries(Object.entries(tiers).slice(0, 9)))).issues,
        "",
      );
    });

    it("reports problems of several tiers at once", () => {
      const backup = baseBackup();
      const gold = (backup.tiers as Json).gold as Json;
      (backup.tiers as Json).silver = {
        resourceTypes: ["EBS"],
        windowsVss: true,
        rules: [{ name: "daily", schedule: "cron(0 1 ? * * *)", lifecycle: { deleteAfter: 5000 } }],
      };
      gold.rules = [
        {
          name: "pitr",
          schedule: "cron(0 * ? * * *)",
          continuous: true,
          lifecycle: { deleteAfter: 35 },
        },
      ];
      assert.equal(
        validate(backup).issues,
        [
          `[${NS}.tiers.gold.rules[0].continuous] is true, but the tier also protects EBS, EC2, EFS, which have no continuous backup; only RDS, Aurora, S3, SAPHANA do. Give continuously backed-up types a tier of their own.`,
          `[${NS}.tiers.silver.rules[0].lifecycle.deleteAfter] is 5000 days, but the target vault's lock only admits a retention from 7 to 3650 days; AWS Backup fails every job outside that range.`,
          `[${NS}.tiers.silver.windowsVss] is true, but the tier does not protect EC2, the only type with Windows VSS backups; add EC2 to resourceTypes or remove windowsVss.`,
        ].join("\n"),
      );
    });
  });

  describe("vaultLockSchema (shared with the DR vault)", () => {
    it("parses a governance lock and rejects grace days on it", () => {
      const issues = new Issues("hybrid-backup:dr.vault.lock");
      assert.deepStrictEqual(
        vaultLockSchema.parse({ mode: "governance", minRetentionDays: 1 }, issues),
        {
          mode: "governance",
          minRetentionDays: 1,
        },
      );
      assert.equal(
        vaultLockSchema.parse(
          { mode: "governance", minRetentionDays: 1, changeableForDays: 3 },
          issues,
        ),
        undefined,
      );
      assert.equal(
        formatIssues(issues.all),
        '[hybrid-backup:dr.vault.lock.changeableForDays] is 3, but a governance lock takes no changeableForDays: AWS makes any lock that has it a compliance lock. Remove it, or set mode to "compliance".',
      );
    });
  });

  describe("protections", () => {
    const SCANNER = "arn:aws:iam::111111111111:role/backup-malware-scanner";
    const T = `${NS}.tiers.gold`;

    function withGold(extra: Json, rules?: Json[]): Json {
      const backup = baseBackup();
      const gold = (backup.tiers as Record<string, Json>).gold!;
      Object.assign(gold, extra);
      if (rules !== undefined) gold.rules = rules;
      return backup;
    }
    const daily = (extra: Json = {}): Json => ({
      name: "daily",
      schedule: "cron(0 3 ? * * *)",
      lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
      ...extra,
    });

    it("takes an air-gapped vault, scanning, selections, restore test vaults and region settings", () => {
      const backup = withGold(
        {
          airGappedVault: {
            name: "prod-gold-air-gapped",
            minRetentionDays: 7,
            maxRetentionDays: 400,
            sharing: { accountIds: ["444444444444"] },
          },
          scanning: { scannerRoleArn: SCANNER, rules: ["daily"] },
          selection: {
            notResources: ["arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0"],
            conditions: {
              stringLike: { team: "erp-*" },
              stringNotEquals: { "data-class": "scratch" },
            },
          },
          restoreTesting: {
            schedule: "cron(0 6 ? * SUN *)",
            vaults: ["primary", "airGapped"],
          },
        },
        [daily({ airGappedCopy: { deleteAfter: 35 } })],
      );
      backup.regionSettings = true;
      const { issues, config } = validate(backup);
      assert.equal(issues, "");
      const gold = config?.backup.tiers.gold;
      assert.deepEqual(gold?.scanning, {
        scannerRoleArn: SCANNER,
        mode: "INCREMENTAL_SCAN",
        rules: ["daily"],
      });
      assert.deepEqual(gold?.selection, {
        notResources: ["arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0"],
        conditions: {
          stringEquals: {},
          stringLike: { team: "erp-*" },
          stringNotEquals: { "data-class": "scratch" },
          stringNotLike: {},
        },
      });
      assert.deepEqual(gold?.rules[0]?.airGappedCopy, { deleteAfter: 35 });
      assert.deepEqual(gold?.restoreTesting?.vaults, ["primary", "airGapped"]);
      assert.equal(config?.backup.regionSettings, true);
    });

    it("creates the AWS Config recorder only when the audit asks for it", () => {
      const backup = baseBackup();
      assert.equal(validate(backup).config?.backup.audit?.configRecorder, undefined);
      (backup.audit as Json).configRecorder = { deliveryBucketName: "org-config-archive" };
      assert.deepEqual(validate(backup).config?.backup.audit?.configRecorder, {
        deliveryBucketName: "org-config-archive",
        recordingFrequency: "CONTINUOUS",
      });
      (backup.audit as Json).configRecorder = {
        deliveryBucketName: "org-config-archive",
        recordingFrequency: "WEEKLY",
      };
      assert.equal(
        validate(backup).issues,
        `[${NS}.audit.configRecorder.recordingFrequency] is "WEEKLY", but must be one of "CONTINUOUS", "DAILY".`,
      );
    });

    it("names every air-gapped problem with its key", () => {
      const { issues } = validate(
        withGold(
          {
            airGappedVault: {
              name: "prod-gold-air-gapped",
              minRetentionDays: 3,
              maxRetentionDays: 400,
              region: "us-east-9",
              sharing: {},
            },
          },
          [daily({ airGappedCopy: { deleteAfter: 500 } })],
        ),
      );
      assert.equal(
        issues,
        [
          `[${T}.airGappedVault.minRetentionDays] is 3, but must be a whole number from 7 to 36500 days.`,
          `[${T}.airGappedVault.sharing] names no account and no organization; list accountIds or set organizationArn, or leave sharing out.`,
        ].join("\n"),
      );
      // The vault's own cross-field checks run once its fields parse.
      assert.equal(
        validate(
          withGold(
            {
              airGappedVault: {
                name: "prod-gold-air-gapped",
                minRetentionDays: 30,
                maxRetentionDays: 14,
                region: "us-east-9",
              },
            },
            [daily({ airGappedCopy: { deleteAfter: 35 } })],
          ),
        ).issues,
        [
          `[${T}.airGappedVault.maxRetentionDays] is 14 days, but must be at least minRetentionDays (30).`,
          `[${T}.airGappedVault.region] is "us-east-9", but must be an AWS region name such as us-east-1.`,
        ].join("\n"),
      );
      const copies = validate(
        withGold(
          {
            airGappedVault: {
              name: "prod-gold-air-gapped",
              minRetentionDays: 7,
              maxRetentionDays: 400,
            },
          },
          [daily({ airGappedCopy: { deleteAfter: 500 } })],
        ),
      ).issues;
      assert.equal(
        copies,
        `[${T}.rules[0].airGappedCopy.deleteAfter] is 500 days, but the air-gapped vault keeps recovery points at most 400 days (maxRetentionDays).`,
      );
      assert.equal(
        validate(withGold({}, [daily({ airGappedCopy: { deleteAfter: 35 } })])).issues,
        `[${T}.rules[0].airGappedCopy] is set, but the tier has no airGappedVault; add one or remove the copy.`,
      );
      assert.equal(
        validate(
          withGold({
            airGappedVault: {
              name: "prod-gold-air-gapped",
              minRetentionDays: 7,
              maxRetentionDays: 400,
            },
          }),
        ).issues,
        `[${T}.airGappedVault] is set, but no rule of the tier has airGappedCopy, so the vault would stay empty.`,
      );
    });

    it("refuses an air-gapped vault in another region for the types AWS does not copy there", () => {
      const backup = withGold(
        {
          resourceTypes: ["Aurora", "RDS"],
          airGappedVault: {
            name: "prod-gold-air-gapped",
            minRetentionDays: 7,
            maxRetentionDays: 400,
            region: "us-west-2",
          },
          restoreTesting: undefined,
        },
        [daily({ airGappedCopy: { deleteAfter: 35 } })],
      );
      delete (backup.tiers as Record<string, Json>).gold!.restoreTesting;
      assert.equal(
        validate(backup).issues,
        `[${T}.resourceTypes] includes Aurora, whose backups AWS Backup cannot copy to a logically air-gapped vault in another region; place the vault in the tier's region or protect these types in another tier.`,
      );
    });

    it("names scanning, selection and restore test vault problems with their keys", () => {
      const parsing = validate(
        withGold({
          scanning: { scannerRoleArn: SCANNER, mode: "DEEP_SCAN" },
          selection: {
            resources: ["volume/*"],
            conditions: { stringEquals: { team: "erp-*" } },
          },
        }),
      ).issues;
      assert.equal(
        parsing,
        [
          `[${T}.selection.resources[0]] is "volume/*", but must be a resource ARN or ARN pattern such as arn:aws:ec2:*:*:volume/* or arn:aws:dynamodb:us-east-1:111111111111:table/orders.`,
          `[${T}.selection.conditions.stringEquals.team] is "erp-*", but this operator compares values exactly; use the Like operator for a * wildcard.`,
          `[${T}.scanning.mode] is "DEEP_SCAN", but must be one of "FULL_SCAN", "INCREMENTAL_SCAN".`,
        ].join("\n"),
      );
      const { issues } = validate(
        withGold({
          resourceTypes: ["EFS"],
          scanning: { scannerRoleArn: SCANNER, rules: ["weekly"] },
          restoreTesting: {
            schedule: "cron(0 6 ? * SUN *)",
            vaults: ["dr", "airGapped", "dr"],
          },
        }),
      );
      assert.equal(
        issues,
        [
          `[${T}.scanning] is set, but the tier protects EFS, and GuardDuty scans only EBS, EC2, S3 recovery points; add one of them to resourceTypes or remove scanning.`,
          `[${T}.scanning.rules[0]] is "weekly", but the tier has no such rule; its rules are hourly, daily.`,
          `[${T}.restoreTesting.vaults[1]] is "airGapped", but the tier has no airGappedVault to test.`,
          `[${T}.restoreTesting.vaults[2]] repeats the vault "dr" already used at index 0.`,
        ].join("\n"),
      );
      // Stack checks run once every section parsed: the DR vault to test must exist.
      assert.equal(
        validate(
          withGold({
            restoreTesting: { schedule: "cron(0 6 ? * SUN *)", vaults: ["primary", "dr"] },
          }),
        ).issues,
        [
          `[${T}.restoreTesting.vaults[1]] is "dr", but the stack has no hybrid-backup:dr section, so there is no DR vault to test.`,
          `[${T}.restoreTesting.vaults[1]] is "dr", but no rule of the tier copies to the DR vault.`,
        ].join("\n"),
      );
    });
  });

  describe("stacks", () => {
    it("builds the prod backup core: compliance lock, protected vault, four tiers, restore tests and audit", async () => {
      const result = await runProgram({ programDir: REPO, stack: "prod", mocks });
      const byType = (type: string) => result.resources.filter((r) => r.type === type);
      assert.ok(byType("hybrid-backup:index:BackupVault").some((r) => r.name === "prod-backup"));
      const keyPolicy = JSON.parse(
        (decode(result.resources.find((r) => r.name === "prod-backup-key")?.inputs) as Json)
          .policy as string,
      ) as { Statement: Array<{ Sid: string; Principal?: unknown }> };
      assert.deepStrictEqual(
        keyPolicy.Statement.filter((st) => st.Sid.startsWith("AllowCopyDestination")).map(
          (st) => st.Principal,
        ),
        [{ AWS: ["arn:aws:iam::222222222222:root"] }, { AWS: ["arn:aws:iam::222222222222:root"] }],
      );
      assert.deepStrictEqual(
        byType("hybrid-backup:index:BackupPlan").map((r) => r.name),
        ["prod-backup-platinum", "prod-backup-gold", "prod-backup-silver", "prod-backup-bronze"],
      );
      assert.deepStrictEqual(
        byType("hybrid-backup:index:RestoreTesting")
          .map((r) => r.name)
          .sort(),
        [
          "prod-restore-test-gold",
          "prod-restore-test-gold-air-gapped",
          "prod-restore-test-gold-dr",
          "prod-restore-test-platinum",
          "prod-restore-test-platinum-air-gapped",
          "prod-restore-test-platinum-dr",
          "prod-restore-test-silver",
        ],
      );
      // Nothing the stack creates is refused by AWS's own input rules (an independent oracle).
      assert.deepStrictEqual(awsRefusals(result.resources), []);
      // The DR tests run in the DR account and region, through a provider limited to it.
      const drPlan = result.resources.find((r) => r.name === "prod-restore-test-gold-dr-plan");
      assert.equal(drPlan?.provider?.split("::")[3], "prod-restore-test-gold-dr-provider");
      assert.deepStrictEqual((decode(drPlan?.inputs) as Json).recoveryPointSelection, {
        algorithm: "RANDOM_WITHIN_WINDOW",
        includeVaults: ["arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr"],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: 7,
      });
      assert.deepStrictEqual(
        byType("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault").map((r) => [
          r.name,
          r.protect,
        ]),
        [
          ["prod-air-gapped-platinum-vault", true],
          ["prod-air-gapped-gold-vault", true],
        ],
      );
      assert.deepStrictEqual(
        decode(byType("aws:backup/regionSettings:RegionSettings")[0]?.inputs),
        {
          resourceTypeManagementPreference: { DynamoDB: true, EFS: true },
          resourceTypeOptInPreference: {
            Aurora: true,
            DynamoDB: true,
            EBS: true,
            EC2: true,
            EFS: true,
            RDS: true,
            S3: true,
            "Storage Gateway": true,
          },
        },
      );
      const goldPlan = decode(
        result.resources.find((r) => r.name === "prod-backup-gold-plan")?.inputs,
      ) as { rules: Json[]; scanSettings: Json[] };
      assert.deepStrictEqual(goldPlan.scanSettings, [
        {
          malwareScanner: "GUARDDUTY",
          resourceTypes: ["EBS", "EC2"],
          scannerRoleArn: "arn:aws:iam::111111111111:role/backup-malware-scanner",
        },
      ]);
      assert.deepStrictEqual(
        goldPlan.rules.map((rule) => [rule.ruleName, rule.scanActions ?? null]),
        [
          ["hourly", null],
          ["daily", [{ malwareScanner: "GUARDDUTY", scanMode: "INCREMENTAL_SCAN" }]],
          ["monthly", null],
        ],
      );
      const lock = byType("aws:backup/vaultLockConfiguration:VaultLockConfiguration").filter(
        (r) => r.name === "prod-backup-lock",
      );
      assert.equal(lock.length, 1);
      assert.deepStrictEqual(decode(lock[0]?.inputs), {
        backupVaultName: "prod-backup",
        minRetentionDays: 7,
        maxRetentionDays: 3650,
        changeableForDays: 3,
      });
      const protectedBackup = result.resources
        .filter((r) => r.protect && r.name.startsWith("prod-backup"))
        .map((r) => r.name)
        .sort();
      assert.deepStrictEqual(protectedBackup, [
        "prod-backup-audit-report-bucket",
        "prod-backup-audit-report-key",
        "prod-backup-key",
        "prod-backup-lock",
        "prod-backup-policy",
        "prod-backup-topic-key",
        "prod-backup-vault",
      ]);
      assert.equal(byType("aws:backup/framework:Framework").length, 5);
      const gold = byType("aws:backup/framework:Framework").find(
        (r) => r.name === "prod-backup-audit-gold-framework",
      );
      const controls = (decode(gold?.inputs) as { controls: Json[] }).controls;
      assert.deepStrictEqual(
        controls
          .filter((c) => String(c.name).includes("CROSS"))
          .map((c) => [c.name, c.inputParameters]),
        [
          [
            "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
            [{ name: "crossRegionList", value: "us-west-2" }],
          ],
          [
            "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
            [{ name: "crossAccountList", value: "222222222222" }],
          ],
        ],
      );
      assert.deepStrictEqual(
        controls.find((c) => c.name === "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET"),
        {
          name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
          inputParameters: [{ name: "maxRestoreTime", value: "360" }],
          scope: { tags: { "backup-tier": "gold" } },
        },
      );
      assert.equal(byType("aws:backup/reportPlan:ReportPlan").length, 5);
      const backup = result.outputs.backup as Record<string, unknown>;
      assert.equal(backup.vaultName, "prod-backup");
      assert.deepStrictEqual(Object.keys(backup.planIds as object).sort(), [
        "bronze",
        "gold",
        "platinum",
        "silver",
      ]);
    });

    it("builds the staging backup core: governance lock, nothing protected, fewer rules and reports", async () => {
      const result = await runProgram({ programDir: REPO, stack: "staging", mocks });
      const byType = (type: string) => result.resources.filter((r) => r.type === type);
      const lock = byType("aws:backup/vaultLockConfiguration:VaultLockConfiguration").filter(
        (r) => r.name === "staging-backup-lock",
      );
      assert.deepStrictEqual(decode(lock[0]?.inputs), {
        backupVaultName: "staging-backup",
        minRetentionDays: 1,
        maxRetentionDays: 120,
      });
      assert.deepStrictEqual(
        result.resources.filter((r) => r.protect && r.name.startsWith("staging-backup")),
        [],
      );
      assert.deepStrictEqual(
        byType("hybrid-backup:index:BackupPlan").map((r) => r.name),
        ["staging-backup-gold", "staging-backup-bronze"],
      );
      const reports = byType("aws:backup/reportPlan:ReportPlan").map(
        (r) => decode(r.inputs) as Json,
      );
      assert.deepStrictEqual(reports.map((r) => (r.reportSetting as Json).reportTemplate).sort(), [
        "BACKUP_JOB_REPORT",
        "CONTROL_COMPLIANCE_REPORT",
        "RESTORE_JOB_REPORT",
      ]);
      for (const report of reports) {
        assert.deepStrictEqual((report.reportDeliveryChannel as Json).formats, ["CSV"]);
      }
      // The cheaper choices: no air-gapped vault, and the DR copies (same account, another
      // region) tested with the plan's role through the region input, without a provider.
      assert.deepStrictEqual(
        byType("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"),
        [],
      );
      assert.deepStrictEqual(
        byType("hybrid-backup:index:RestoreTesting").map((r) => r.name),
        ["staging-restore-test-gold-dr", "staging-restore-test-gold"],
      );
      const drSelection = result.resources.find(
        (r) => r.name === "staging-restore-test-gold-dr-rds",
      );
      assert.equal((decode(drSelection?.inputs) as Json).region, "eu-west-1");
      assert.deepStrictEqual(drSelection?.propertyDependencies.iamRoleArn, [
        "urn:pulumi:staging::hybrid-backup::hybrid-backup:index:BackupPlan$aws:iam/role:Role::staging-backup-gold-role",
      ]);
      // Staging's DR region is in the workload account: the test goes through the pinned provider.
      assert.match(
        result.resources.find((r) => r.name === "staging-restore-test-gold-dr-plan")?.provider ??
          "",
        /^urn:pulumi:staging::hybrid-backup::pulumi:providers:aws::staging-workload::/,
      );
      assert.deepStrictEqual(awsRefusals(result.resources), []);
    });
  });
});
