import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  BACKUP_PLAN_TYPE,
  BackupPlan,
  type BackupPlanArgs,
  validateBackupPlanArgs,
} from "../../components/backup-plan";
import {
  type TierRuleConfig,
  ruleIntervalHours,
  tierFloors,
  Issues,
  formatIssues,
} from "../../core";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${BACKUP_PLAN_TYPE}::prod-gold`;
const child = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${BACKUP_PLAN_TYPE}$${type}::${name}`;
const DR_VAULT = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";
const AIR_GAPPED = "arn:aws:backup:us-east-1:111111111111:backup-vault:prod-gold-air-gapped";
const SCANNER = "arn:aws:iam::111111111111:role/backup-malware-scanner";

const HOURLY: TierRuleConfig = {
  name: "hourly",
  schedule: "cron(0 * ? * * *)",
  lifecycle: { deleteAfter: 35 },
};
const MONTHLY: TierRuleConfig = {
  name: "monthly",
  schedule: "cron(0 4 1 * ? *)",
  timezone: "Europe/Berlin",
  startWindow: 120,
  completionWindow: 720,
  lifecycle: { deleteAfter: 2555, coldStorageAfter: 90 },
  copy: { deleteAfter: 400, coldStorageAfter: 30 },
};

const baseArgs: BackupPlanArgs = {
  tier: "gold",
  rules: [HOURLY],
  resourceTypes: ["EBS", "EC2"],
  targetVaultName: "prod-backup",
  targetVaultLock: { minRetentionDays: 7, maxRetentionDays: 3650 },
  tags: { environment: "prod" },
};

function issuesOf(args: Partial<BackupPlanArgs>): string {
  const issues = new Issues();
  validateBackupPlanArgs({ ...baseArgs, ...args }, issues);
  return formatIssues(issues.all);
}

function ruleIssues(rule: Partial<TierRuleConfig>, args: Partial<BackupPlanArgs> = {}): string {
  return issuesOf({ ...args, rules: [{ ...HOURLY, ...rule }] });
}

describe("BackupPlan", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates the role, its policy attachments, the plan and the tier selection as children", async () => {
      new BackupPlan("prod-gold", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/plan:Plan", "prod-gold-plan"],
        ["aws:backup/selection:Selection", "prod-gold-selection"],
        ["aws:iam/role:Role", "prod-gold-role"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-gold-backup-policy"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-gold-restores-policy"],
      ]);
    });

    it("lets only AWS Backup assume the role, with the backup and restore managed policies", async () => {
      new BackupPlan("prod-gold", baseArgs);
      await settled();
      const role = inputsOf("aws:iam/role:Role", "prod-gold-role");
      assert.equal(role.name, "prod-gold-backup");
      assert.deepStrictEqual(role.tags, { environment: "prod", "backup-tier": "gold" });
      assert.deepStrictEqual(jsonInput("aws:iam/role:Role", "prod-gold-role", "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowAwsBackupToAssumeTheRole",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } },
          },
        ],
      });
      assert.deepStrictEqual(
        inputsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-gold-backup-policy"),
        {
          role: "prod-gold-backup",
          policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-gold-restores-policy"),
        {
          role: "prod-gold-backup",
          policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        },
      );
    });

    it("adds the S3 backup and restore policies, without the service-role path, when S3 is selected", async () => {
      new BackupPlan("prod-gold", { ...baseArgs, resourceTypes: ["EBS", "S3"] });
      await settled();
      const attachments = mocks.resources
        .filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .map((r) => [r.name, inputsOf(r.type, r.name).policyArn]);
      assert.deepStrictEqual(attachments, [
        [
          "prod-gold-backup-policy",
          "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        ],
        [
          "prod-gold-restores-policy",
          "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ],
        [
          "prod-gold-s3-backup-policy",
          "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
        ],
        [
          "prod-gold-s3-restore-policy",
          "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        ],
      ]);
    });

    it("builds managed policy and selection ARNs in the provider's partition", async () => {
      mocks.onCall("aws:index/getPartition:getPartition", () => ({
        partition: "aws-us-gov",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
        id: "aws-us-gov",
      }));
      try {
        new BackupPlan("prod-gold", { ...baseArgs, resourceTypes: ["S3"] });
        await settled();
      } finally {
        mocks.onCall("aws:index/getPartition:getPartition", () => ({
          partition: "aws",
          dnsSuffix: "amazonaws.com",
          reverseDnsPrefix: "com.amazonaws",
          id: "aws",
        }));
      }
      assert.equal(
        inputsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "prod-gold-s3-backup-policy")
          .policyArn,
        "arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
      );
      assert.deepStrictEqual(
        inputsOf("aws:backup/selection:Selection", "prod-gold-selection").resources,
        ["arn:aws-us-gov:s3:::*"],
      );
    });

    it("turns each rule into a plan rule with windows, lifecycle, tags and copy action", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        rules: [HOURLY, MONTHLY],
        copyDestinationVaultArn: DR_VAULT,
        copyDestinationLock: { minRetentionDays: 30, maxRetentionDays: 3650 },
      });
      await settled();
      assert.deepStrictEqual(inputsOf("aws:backup/plan:Plan", "prod-gold-plan"), {
        name: "prod-gold",
        tags: { environment: "prod", "backup-tier": "gold" },
        rules: [
          {
            ruleName: "hourly",
            targetVaultName: "prod-backup",
            schedule: "cron(0 * ? * * *)",
            scheduleExpressionTimezone: "Etc/UTC",
            startWindow: 60,
            completionWindow: 180,
            enableContinuousBackup: false,
            lifecycle: { deleteAfter: 35 },
            recoveryPointTags: {
              environment: "prod",
              "backup-tier": "gold",
              "backup-rule": "hourly",
            },
          },
          {
            ruleName: "monthly",
            targetVaultName: "prod-backup",
            schedule: "cron(0 4 1 * ? *)",
            scheduleExpressionTimezone: "Europe/Berlin",
            startWindow: 120,
            completionWindow: 720,
            enableContinuousBackup: false,
            lifecycle: { coldStorageAfter: 90, deleteAfter: 2555 },
            recoveryPointTags: {
              environment: "prod",
              "backup-tier": "gold",
              "backup-rule": "monthly",
            },
            copyActions: [
              {
                destinationVaultArn: DR_VAULT,
                lifecycle: { coldStorageAfter: 30, deleteAfter: 400 },
              },
            ],
          },
        ],
      });
    });

    it("enables continuous backup, and Windows VSS as an advanced setting for EC2", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        resourceTypes: ["EC2"],
        windowsVss: true,
        rules: [HOURLY],
      });
      new BackupPlan("prod-platinum", {
        ...baseArgs,
        tier: "platinum",
        resourceTypes: ["RDS", "Aurora"],
        rules: [{ ...HOURLY, name: "pitr", continuous: true }],
      });
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:backup/plan:Plan", "prod-gold-plan").advancedBackupSettings,
        [{ resourceType: "EC2", backupOptions: { WindowsVSS: "enabled" } }],
      );
      const platinum = inputsOf("aws:backup/plan:Plan", "prod-platinum-plan");
      assert.equal(platinum.advancedBackupSettings, undefined);
      assert.equal(
        (platinum.rules as Array<Record<string, unknown>>)[0]?.enableContinuousBackup,
        true,
      );
    });

    it("selects the tier's resource types by the tier tag, AND-ed with further conditions, after the policies", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        resourceTypes: ["EBS", "EC2", "Aurora", "Neptune", "StorageGateway"],
        selectionConditions: { environment: "prod" },
      });
      await settled();
      assert.deepStrictEqual(inputsOf("aws:backup/selection:Selection", "prod-gold-selection"), {
        name: "prod-gold-tier",
        planId: "prod-gold-plan-id",
        iamRoleArn: "arn:aws:iam::111111111111:role/prod-gold-role",
        resources: [
          "arn:aws:ec2:*:*:volume/*",
          "arn:aws:ec2:*:*:instance/*",
          "arn:aws:rds:*:*:cluster:*",
          "arn:aws:storagegateway:*:*:gateway/*",
        ],
        conditions: [
          {
            stringEquals: [
              { key: "aws:ResourceTag/backup-tier", value: "gold" },
              { key: "aws:ResourceTag/environment", value: "prod" },
            ],
          },
        ],
      });
      const dependencies = one(
        "aws:backup/selection:Selection",
        "prod-gold-selection",
      ).dependencies;
      for (const attachment of ["prod-gold-backup-policy", "prod-gold-restores-policy"]) {
        assert.ok(
          dependencies.includes(
            child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", attachment),
          ),
          attachment,
        );
      }
    });

    it("uses a custom tier tag key and explicit resources", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        tierTagKey: "data-class",
        resources: ["arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0"],
      });
      await settled();
      const selection = inputsOf("aws:backup/selection:Selection", "prod-gold-selection");
      assert.deepStrictEqual(selection.resources, [
        "arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0",
      ]);
      assert.deepStrictEqual(selection.conditions, [
        { stringEquals: [{ key: "aws:ResourceTag/data-class", value: "gold" }] },
      ]);
    });

    it("adds a second selection for OR-ed selection tags", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        selectionTags: [
          { key: "legacy-backup", value: "gold" },
          { key: "app", value: "billing" },
        ],
      });
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:backup/selection:Selection", "prod-gold-tag-selection"),
        {
          name: "prod-gold-tags",
          planId: "prod-gold-plan-id",
          iamRoleArn: "arn:aws:iam::111111111111:role/prod-gold-role",
          selectionTags: [
            { type: "STRINGEQUALS", key: "legacy-backup", value: "gold" },
            { type: "STRINGEQUALS", key: "app", value: "billing" },
          ],
        },
      );
    });

    it("copies to the DR vault and then the air-gapped vault, warm, from the rules that ask", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        rules: [
          HOURLY,
          { ...MONTHLY, airGappedCopy: { deleteAfter: 35 } },
          { ...HOURLY, name: "weekly", copy: undefined, airGappedCopy: { deleteAfter: 14 } },
        ],
        copyDestinationVaultArn: DR_VAULT,
        airGappedVaultArn: AIR_GAPPED,
        airGappedVault: { minRetentionDays: 7, maxRetentionDays: 400 },
      });
      await settled();
      const rules = inputsOf("aws:backup/plan:Plan", "prod-gold-plan").rules as Array<{
        ruleName: string;
        copyActions?: unknown;
        scanActions?: unknown;
      }>;
      assert.deepStrictEqual(
        rules.map((rule) => [rule.ruleName, rule.copyActions ?? null, rule.scanActions ?? null]),
        [
          ["hourly", null, null],
          [
            "monthly",
            [
              {
                destinationVaultArn: DR_VAULT,
                lifecycle: { coldStorageAfter: 30, deleteAfter: 400 },
              },
              { destinationVaultArn: AIR_GAPPED, lifecycle: { deleteAfter: 35 } },
            ],
            null,
          ],
          ["weekly", [{ destinationVaultArn: AIR_GAPPED, lifecycle: { deleteAfter: 14 } }], null],
        ],
      );
    });

    it("scans the named rules' recovery points with GuardDuty, for the scannable types only", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        resourceTypes: ["EBS", "EC2", "EFS"],
        rules: [HOURLY, MONTHLY],
        copyDestinationVaultArn: DR_VAULT,
        scanning: { scannerRoleArn: SCANNER, mode: "FULL_SCAN", rules: ["monthly"] },
      });
      await settled();
      const plan = inputsOf("aws:backup/plan:Plan", "prod-gold-plan") as {
        rules: Array<{ ruleName: string; scanActions?: unknown }>;
        scanSettings: unknown;
      };
      assert.deepStrictEqual(plan.scanSettings, [
        { malwareScanner: "GUARDDUTY", resourceTypes: ["EBS", "EC2"], scannerRoleArn: SCANNER },
      ]);
      assert.deepStrictEqual(
        plan.rules.map((rule) => [rule.ruleName, rule.scanActions ?? null]),
        [
          ["hourly", null],
          ["monthly", [{ malwareScanner: "GUARDDUTY", scanMode: "FULL_SCAN" }]],
        ],
      );
    });

    it("scans every snapshot rule incrementally by default, never a continuous one", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        resourceTypes: ["S3"],
        rules: [
          { ...HOURLY, name: "pitr", continuous: true },
          { ...HOURLY, name: "daily" },
        ],
        scanning: { scannerRoleArn: SCANNER },
      });
      await settled();
      const plan = inputsOf("aws:backup/plan:Plan", "prod-gold-plan") as {
        rules: Array<{ ruleName: string; scanActions?: unknown }>;
        scanSettings: unknown;
      };
      assert.deepStrictEqual(
        plan.rules.map((rule) => [rule.ruleName, rule.scanActions ?? null]),
        [
          ["pitr", null],
          ["daily", [{ malwareScanner: "GUARDDUTY", scanMode: "INCREMENTAL_SCAN" }]],
        ],
      );
      assert.deepStrictEqual(plan.scanSettings, [
        { malwareScanner: "GUARDDUTY", resourceTypes: ["S3"], scannerRoleArn: SCANNER },
      ]);
    });

    it("narrows the tier selection with Like and Not conditions and excluded ARNs", async () => {
      new BackupPlan("prod-gold", {
        ...baseArgs,
        selectionConditions: { environment: "prod" },
        selectionLike: { team: "erp-*" },
        selectionNotEquals: { "data-class": "scratch" },
        selectionNotLike: { Name: "*-tmp" },
        notResources: ["arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0"],
      });
      await settled();
      const selection = inputsOf("aws:backup/selection:Selection", "prod-gold-selection");
      assert.deepStrictEqual(selection.conditions, [
        {
          stringEquals: [
            { key: "aws:ResourceTag/backup-tier", value: "gold" },
            { key: "aws:ResourceTag/environment", value: "prod" },
          ],
          stringLikes: [{ key: "aws:ResourceTag/team", value: "erp-*" }],
          stringNotEquals: [{ key: "aws:ResourceTag/data-class", value: "scratch" }],
          stringNotLikes: [{ key: "aws:ResourceTag/Name", value: "*-tmp" }],
        },
      ]);
      assert.deepStrictEqual(selection.notResources, [
        "arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0",
      ]);
    });

    it("exposes the plan, role and selection", async () => {
      const plan = new BackupPlan("prod-gold", baseArgs);
      await settled();
      assert.equal(await valueOf(plan.planId), "prod-gold-plan-id");
      assert.equal(
        await valueOf(plan.planArn),
        "arn:aws:backup:us-east-1:111111111111:plan/prod-gold-plan",
      );
      assert.equal(await valueOf(plan.roleArn), "arn:aws:iam::111111111111:role/prod-gold-role");
      assert.equal(await valueOf(plan.selectionId), "prod-gold-selection-id");
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("keeps the plan id, role ARN and an unknown DR vault ARN unknown", async () => {
      const drVault = new aws.backup.Vault("dr-vault", { name: "prod-dr" });
      const plan = new BackupPlan("prod-gold", {
        ...baseArgs,
        rules: [{ ...HOURLY, copy: { deleteAfter: 35 } }],
        copyDestinationVaultArn: drVault.arn,
      });
      await settled();
      const selection = inputsOf("aws:backup/selection:Selection", "prod-gold-selection");
      assert.equal(selection.planId, UNKNOWN);
      assert.equal(selection.iamRoleArn, UNKNOWN);
      const rules = inputsOf("aws:backup/plan:Plan", "prod-gold-plan").rules as Array<{
        copyActions: Array<{ destinationVaultArn: unknown }>;
      }>;
      assert.equal(rules[0]?.copyActions[0]?.destinationVaultArn, UNKNOWN);
      assert.equal(await valueOf(plan.planId), UNKNOWN);
    });
  });

  describe("validation", () => {
    it("accepts the base arguments", () => {
      assert.equal(issuesOf({}), "");
    });

    it("rejects rule names AWS refuses", () => {
      assert.equal(
        ruleIssues({ name: "hourly backup" }),
        '[rules[0].name] is "hourly backup", but must be 1-50 letters, digits, periods, hyphens or underscores.',
      );
      assert.equal(ruleIssues({ name: "hourly.v2_a-b" }), "");
    });

    it("rejects schedules that are not 6-field cron expressions or run more than hourly", () => {
      assert.equal(
        ruleIssues({ schedule: "rate(1 hour)" }),
        '[rules[0].schedule] is "rate(1 hour)", but AWS Backup plan rules take only cron expressions, such as "cron(0 5 ? * * *)"; rate() is for EventBridge schedules.',
      );
      assert.equal(
        ruleIssues({ schedule: "cron(0 * ? * *)" }),
        '[rules[0].schedule] is "cron(0 * ? * *)", but a cron expression needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) and this one has 5.',
      );
      assert.equal(
        ruleIssues({ schedule: "cron(*/15 * ? * * *)" }),
        '[rules[0].schedule] is "cron(*/15 * ? * * *)", whose minutes field fires 4 times an hour, but AWS Backup plan rules run at most hourly: the minutes field must be a single minute from 0 to 59.',
      );
      assert.equal(
        ruleIssues({ schedule: "cron(0,30 * ? * * *)" }),
        '[rules[0].schedule] is "cron(0,30 * ? * * *)", whose minutes field fires 2 times an hour, but AWS Backup plan rules run at most hourly: the minutes field must be a single minute from 0 to 59.',
      );
      assert.equal(ruleIssues({ schedule: "cron(59 */2 ? * * *)" }), "");
      assert.equal(
        ruleIssues({ schedule: "cron(0 25 ? * * *)" }),
        '[rules[0].schedule] is "cron(0 25 ? * * *)", but its hours field "25" is invalid (25 is outside 0-23): the hours field takes 0-23 and , - * /.',
      );
      assert.equal(
        ruleIssues({ schedule: "cron(0 5 * * * *)" }),
        '[rules[0].schedule] is "cron(0 5 * * * *)", but day-of-month and day-of-week cannot both be "*": one of them must be "?".',
      );
      assert.equal(ruleIssues({ schedule: "cron(0 5 ? * MON-FRI *)" }), "");
    });

    it("rejects an unknown time zone", () => {
      assert.equal(
        ruleIssues({ timezone: "Mars/Olympus" }),
        '[rules[0].timezone] is "Mars/Olympus", but must be an IANA time zone name such as "Etc/UTC" or "Europe/Berlin".',
      );
      assert.equal(ruleIssues({ timezone: "America/New_York" }), "");
    });

    it("needs a start window of at least 60 minutes and a completion window an hour longer", () => {
      assert.equal(
        ruleIssues({ startWindow: 59 }),
        "[rules[0].startWindow] is 59, but must be a whole number from 60 to 10080 minutes.",
      );
      assert.equal(ruleIssues({ startWindow: 60, completionWindow: 120 }), "");
      assert.equal(
        ruleIssues({ startWindow: 120, completionWindow: 179 }),
        "[rules[0].completionWindow] is 179 minutes, but must be at least startWindow + 60 = 180 minutes (the project's floor; AWS's default is 180).",
      );
      assert.equal(ruleIssues({ startWindow: 120, completionWindow: 180 }), "");
      assert.equal(
        ruleIssues({ completionWindow: 119 }),
        "[rules[0].completionWindow] is 119, but must be a whole number from 120 to 43200 minutes.",
      );
    });

    it("keeps recovery points at least 90 days in cold storage and at most 36500 days", () => {
      assert.equal(
        ruleIssues({ lifecycle: { coldStorageAfter: 30, deleteAfter: 60 } }),
        "[rules[0].lifecycle.deleteAfter] is 60 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
      );
      assert.equal(ruleIssues({ lifecycle: { coldStorageAfter: 30, deleteAfter: 120 } }), "");
      assert.equal(ruleIssues({ lifecycle: { coldStorageAfter: 0, deleteAfter: 7 } }), "");
      assert.equal(
        ruleIssues({ lifecycle: { deleteAfter: 36501 } }, { targetVaultLock: undefined }),
        "[rules[0].lifecycle.deleteAfter] is 36501, but must be a whole number from 1 to 36500 days.",
      );
    });

    it("keeps every retention inside the target vault's lock", () => {
      assert.equal(
        ruleIssues({ lifecycle: { deleteAfter: 6 } }),
        "[rules[0].lifecycle.deleteAfter] is 6 days, but the target vault's lock only admits a retention from 7 to 3650 days; AWS Backup fails every job outside that range.",
      );
      assert.equal(
        ruleIssues({ lifecycle: { deleteAfter: 3651 } }),
        "[rules[0].lifecycle.deleteAfter] is 3651 days, but the target vault's lock only admits a retention from 7 to 3650 days; AWS Backup fails every job outside that range.",
      );
      assert.equal(ruleIssues({ lifecycle: { deleteAfter: 7 } }), "");
      assert.equal(ruleIssues({ lifecycle: { deleteAfter: 3650 } }), "");
      assert.equal(
        ruleIssues({ lifecycle: { deleteAfter: 5 } }, { targetVaultLock: { minRetentionDays: 7 } }),
        "[rules[0].lifecycle.deleteAfter] is 5 days, but the target vault's lock only admits a retention of at least 7 days; AWS Backup fails every job outside that range.",
      );
    });

    it("allows continuous backup only for supported types, 1-35 days, without cold storage", () => {
      assert.equal(
        ruleIssues({ continuous: true }, { resourceTypes: ["RDS", "EBS", "EFS"] }),
        "[rules[0].continuous] is true, but the tier also protects EBS, EFS, which have no continuous backup; only RDS, Aurora, S3, SAPHANA do. Give continuously backed-up types a tier of their own.",
      );
      assert.equal(
        ruleIssues(
          { continuous: true, lifecycle: { deleteAfter: 36, coldStorageAfter: 1 } },
          { resourceTypes: ["RDS", "Aurora", "S3", "SAPHANA"] },
        ),
        [
          "[rules[0].lifecycle.deleteAfter] is 36 days, but AWS needs at least coldStorageAfter + 90 = 91 days.",
          "[rules[0].lifecycle.deleteAfter] is 36 days, but a continuous backup rule keeps recovery points for 1 to 35 days.",
          "[rules[0].lifecycle.coldStorageAfter] is 1 days, but continuous backups never move to cold storage; remove it.",
        ].join("\n"),
      );
      assert.equal(
        ruleIssues({ continuous: true, lifecycle: { deleteAfter: 35 } }, { resourceTypes: ["S3"] }),
        "",
      );
    });

    it("needs EC2 for Windows VSS", () => {
      assert.equal(
        issuesOf({ windowsVss: true, resourceTypes: ["EBS"] }),
        "[windowsVss] is true, but the tier does not protect EC2, the only type with Windows VSS backups; add EC2 to resourceTypes or remove windowsVss.",
      );
      assert.equal(issuesOf({ windowsVss: true, resourceTypes: ["EBS", "EC2"] }), "");
    });

    it("needs a destination for copies, and keeps their retention inside the DR lock", () => {
      assert.equal(
        ruleIssues({ copy: { deleteAfter: 35 } }),
        "[rules[0].copy] is set, but the plan has no copy destination vault: configure the DR vault, or remove the copy.",
      );
      assert.equal(
        ruleIssues(
          { copy: { deleteAfter: 100, coldStorageAfter: 30 } },
          {
            copyDestinationVaultArn: DR_VAULT,
            copyDestinationLock: { minRetentionDays: 30, maxRetentionDays: 90 },
          },
        ),
        [
          "[rules[0].copy.deleteAfter] is 100 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
          "[rules[0].copy.deleteAfter] is 100 days, but the DR vault's lock only admits a retention from 30 to 90 days; AWS Backup fails every job outside that range.",
        ].join("\n"),
      );
      assert.equal(
        ruleIssues(
          { copy: { deleteAfter: 90 } },
          {
            copyDestinationVaultArn: DR_VAULT,
            copyDestinationLock: { minRetentionDays: 30, maxRetentionDays: 90 },
          },
        ),
        "",
      );
    });

    it("rejects empty, unknown and repeated rules and resource types", () => {
      assert.equal(
        issuesOf({ rules: [], resourceTypes: [] }),
        [
          "[resourceTypes] is empty, but a tier must protect at least one resource type.",
          "[rules] is empty, but a tier needs at least one rule.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ rules: [HOURLY, HOURLY], resourceTypes: ["EBS", "Lambda", "EBS"] }),
        [
          '[resourceTypes[1]] is "Lambda", but must be one of "Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3", "SAPHANA", "StorageGateway".',
          '[resourceTypes[2]] repeats the resource type "EBS" already used at index 0.',
          '[rules[1].name] repeats the rule name "hourly" already used at index 0.',
        ].join("\n"),
      );
    });

    it("rejects the reserved and malformed tiers and long plan names", () => {
      assert.equal(
        issuesOf({ tier: "none" }),
        '[tier] is "none", which is reserved for resources deliberately not backed up.',
      );
      assert.equal(
        issuesOf({ tier: "Gold" }),
        '[tier] is "Gold", but must be 1-32 lowercase letters, digits or hyphens, starting with a letter.',
      );
      assert.equal(
        issuesOf({ planName: "p".repeat(46) }),
        "[planName] is 46 characters, but must be at most 45 so that its selections' names stay within 50.",
      );
      assert.equal(issuesOf({ planName: "p".repeat(45) }), "");
    });

    it("bounds the selection's resources and checks condition tag keys", () => {
      const wildcards = Array.from({ length: 31 }, (_, i) => `arn:aws:ec2:*:*:volume/vol-${i}*`);
      assert.equal(
        issuesOf({ resources: wildcards }),
        "[resources] has 31 ARNs with wildcards among them, but a selection with wildcards takes at most 30.",
      );
      assert.equal(issuesOf({ resources: wildcards.slice(0, 30) }), "");
      assert.equal(
        issuesOf({ selectionConditions: { "aws:cloudformation:stack-name": "x" } }),
        "[selectionConditions.aws:cloudformation:stack-name] is not a tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:.",
      );
    });

    it("checks the selection's ARNs, excluded ARNs and Like/Not conditions", () => {
      assert.equal(
        issuesOf({
          resources: ["vol-0123", "arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:volume/*"],
          notResources: ["*"],
          selectionLike: { "aws:team": "erp-*" },
          selectionNotEquals: { "data-class": "scr*tch" },
          selectionNotLike: { Name: "x".repeat(257) },
        }),
        [
          '[resources[0]] is "vol-0123", but must be a resource ARN or ARN pattern such as arn:aws:ec2:*:*:volume/* or arn:aws:dynamodb:us-east-1:111111111111:table/orders.',
          '[resources[2]] repeats the ARN "arn:aws:ec2:*:*:volume/*" already used at index 1.',
          '[notResources[0]] is "*", but must be a resource ARN or ARN pattern such as arn:aws:ec2:*:*:volume/* or arn:aws:dynamodb:us-east-1:111111111111:table/orders.',
          "[selectionLike.aws:team] is not a tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:.",
          '[selectionNotEquals.data-class] is "scr*tch", but this operator compares values exactly; use the Like operator for a * wildcard.',
          `[selectionNotLike.Name] is "${"x".repeat(76)}..., but must be a tag value of at most 256 letters, digits, spaces or _.:/=+-@ (and * in the Like operators).`,
        ].join("\n"),
      );
    });

    it("needs the air-gapped vault for air-gapped copies and keeps them inside its bounds", () => {
      assert.equal(
        ruleIssues({ airGappedCopy: { deleteAfter: 35 } }),
        "[airGappedVaultArn] is missing, but rule hourly copies to an air-gapped vault; give the vault or remove airGappedCopy.",
      );
      assert.equal(
        issuesOf({
          rules: [
            { ...HOURLY, airGappedCopy: { deleteAfter: 5 } },
            { ...HOURLY, name: "yearly", airGappedCopy: { deleteAfter: 500 } },
          ],
          resourceTypes: ["Aurora", "RDS"],
          airGappedVaultArn: AIR_GAPPED,
          airGappedVault: { minRetentionDays: 7, maxRetentionDays: 400, crossRegion: true },
        }),
        [
          "[rules[0].airGappedCopy.deleteAfter] is 5 days, but the air-gapped vault keeps recovery points at least 7 days (minRetentionDays).",
          "[rules[1].airGappedCopy.deleteAfter] is 500 days, but the air-gapped vault keeps recovery points at most 400 days (maxRetentionDays).",
          "[resourceTypes] includes Aurora, whose backups AWS Backup cannot copy to a logically air-gapped vault in another region; place the vault in the tier's region or protect these types in another tier.",
        ].join("\n"),
      );
    });

    it("checks the scanning: role, mode, scannable types and scanned rules", () => {
      assert.deepStrictEqual(
        issuesOf({
          resourceTypes: ["EFS"],
          rules: [HOURLY, { ...HOURLY, name: "pitr", continuous: true }],
          scanning: {
            scannerRoleArn: "backup-malware-scanner",
            mode: "QUICK_SCAN" as "FULL_SCAN",
            rules: ["daily", "pitr", "hourly", "hourly"],
          },
        })
          .split("\n")
          .filter((line) => line.startsWith("[scanning")),
        [
          '[scanning.scannerRoleArn] is "backup-malware-scanner", but must be an IAM role ARN such as arn:aws:iam::111111111111:role/backup-break-glass.',
          '[scanning.mode] is "QUICK_SCAN", but must be one of "FULL_SCAN", "INCREMENTAL_SCAN".',
          "[scanning] is set, but the tier protects EFS, and GuardDuty scans only EBS, EC2, S3 recovery points; add one of them to resourceTypes or remove scanning.",
          '[scanning.rules[0]] is "daily", but the tier has no such rule; its rules are hourly, pitr.',
          '[scanning.rules[1]] is "pitr", a continuous rule; GuardDuty scans snapshot recovery points, so name a snapshot rule.',
          '[scanning.rules[3]] repeats the rule "hourly" already used at index 2.',
        ],
      );
    });

    it("throws every problem from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () =>
          new BackupPlan("bad", {
            ...baseArgs,
            tier: "none",
            rules: [{ ...HOURLY, lifecycle: { deleteAfter: 1 } }],
          }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            [
              "BackupPlan bad has 2 problems:",
              '[tier] is "none", which is reserved for resources deliberately not backed up.',
              "[rules[0].lifecycle.deleteAfter] is 1 days, but the target vault's lock only admits a retention from 7 to 3650 days; AWS Backup fails every job outside that range.",
            ].join("\n"),
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });

  describe("schedule arithmetic", () => {
    it("measures the worst-case gap between runs in the rule's time zone", () => {
      const hours = (schedule: string, timezone?: string): number =>
        ruleIntervalHours({ schedule, timezone });
      assert.equal(hours("cron(0 * ? * * *)"), 1);
      assert.equal(hours("cron(0 */6 ? * * *)"), 6);
      assert.equal(hours("cron(0 1,13 ? * * *)"), 12);
      assert.equal(hours("cron(0 2,3 ? * * *)"), 23);
      assert.equal(hours("cron(0 5 ? * * *)"), 24);
      assert.equal(hours("cron(0 5 ? * SUN *)"), 168);
      assert.equal(hours("cron(0 3 ? * MON-FRI *)"), 72);
      assert.equal(hours("cron(0 0 ? * 2#1 *)"), 840);
      assert.equal(hours("cron(0 4 1 * ? *)"), 744);
      assert.equal(hours("cron(30 2 ? * * *)", "America/New_York"), 47);
    });

    it("derives the audit floors of a tier from its rules", () => {
      assert.deepStrictEqual(
        tierFloors([
          HOURLY,
          { name: "daily", schedule: "cron(0 3 ? * * *)", lifecycle: { deleteAfter: 365 } },
        ]),
        {
          intervalHours: 1,
          frequentRuleRetentionDays: 35,
          minRetentionDays: 35,
          worstCaseAgeHours: 5,
        },
      );
      assert.deepStrictEqual(tierFloors([MONTHLY]), {
        // 1 October to 1 November in the rule's zone: 31 days and the hour given back.
        intervalHours: 745,
        frequentRuleRetentionDays: 2555,
        minRetentionDays: 2555,
        worstCaseAgeHours: 759,
      });
    });
  });
});
