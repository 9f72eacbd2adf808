import * as assert from "node:assert/strict";
import {
  type TierRuleConfig,
  BACKUP_POLICY_MAX_CHARACTERS,
  type OrganizationBackupPlan,
  backupPolicyContent,
  backupPolicyDocument,
  organizationPlansFromTiers,
  validateOrganizationBackupPlans,
  validatePolicyTargets,
  Issues,
  formatIssues,
} from "../../core";

const DR_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";

const DAILY: TierRuleConfig = {
  name: "daily",
  schedule: "cron(30 2 ? * * *)",
  completionWindow: 360,
  lifecycle: { deleteAfter: 365, coldStorageAfter: 30 },
  copy: { deleteAfter: 90 },
};
const HOURLY: TierRuleConfig = {
  name: "hourly",
  schedule: "cron(0 * ? * * *)",
  lifecycle: { deleteAfter: 35 },
};

const GOLD: OrganizationBackupPlan = {
  name: "org-gold",
  regions: ["us-east-1"],
  targetVaultName: "prod-backup",
  copyVaultArn: DR_ARN,
  iamRoleArn: "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole",
  rules: [HOURLY, DAILY],
  selection: { name: "gold-tagged", tagKey: "backup-tier", tagValues: ["gold"] },
  windowsVss: true,
};

function planIssues(plans: readonly OrganizationBackupPlan[]): string {
  const issues = new Issues("plans");
  validateOrganizationBackupPlans(plans, issues);
  return formatIssues(issues.all);
}

function targetIssues(ids: readonly string[]): string {
  const issues = new Issues("targetIds");
  validatePolicyTargets(ids, issues);
  return formatIssues(issues.all);
}

describe("organization backup policy", () => {
  describe("document", () => {
    it("assigns every value with @@assign, as AWS Organizations' backup policy syntax has it", () => {
      assert.deepStrictEqual(JSON.parse(backupPolicyContent([GOLD])), {
        plans: {
          "org-gold": {
            regions: { "@@assign": ["us-east-1"] },
            rules: {
              hourly: {
                schedule_expression: { "@@assign": "cron(0 * ? * * *)" },
                start_backup_window_minutes: { "@@assign": "60" },
                complete_backup_window_minutes: { "@@assign": "180" },
                target_backup_vault_name: { "@@assign": "prod-backup" },
                lifecycle: { delete_after_days: { "@@assign": "35" } },
              },
              daily: {
                schedule_expression: { "@@assign": "cron(30 2 ? * * *)" },
                start_backup_window_minutes: { "@@assign": "60" },
                complete_backup_window_minutes: { "@@assign": "360" },
                target_backup_vault_name: { "@@assign": "prod-backup" },
                lifecycle: {
                  move_to_cold_storage_after_days: { "@@assign": "30" },
                  delete_after_days: { "@@assign": "365" },
                },
                copy_actions: {
                  [DR_ARN]: {
                    target_backup_vault_arn: { "@@assign": DR_ARN },
                    lifecycle: { delete_after_days: { "@@assign": "90" } },
                  },
                },
              },
            },
            selections: {
              tags: {
                "gold-tagged": {
                  iam_role_arn: {
                    "@@assign":
                      "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole",
                  },
                  tag_key: { "@@assign": "backup-tier" },
                  tag_value: { "@@assign": ["gold"] },
                },
              },
            },
            advanced_backup_settings: { ec2: { windows_vss: { "@@assign": "enabled" } } },
          },
        },
      });
    });

    it("turns continuous backup on for continuous rules and leaves VSS out unless asked", () => {
      const plan: OrganizationBackupPlan = {
        ...GOLD,
        copyVaultArn: undefined,
        windowsVss: false,
        rules: [{ ...HOURLY, continuous: true, copy: { deleteAfter: 35 } }],
      };
      const document = backupPolicyDocument([plan]) as {
        plans: Record<string, Record<string, unknown>>;
      };
      assert.deepStrictEqual(document.plans["org-gold"]?.rules, {
        hourly: {
          schedule_expression: { "@@assign": "cron(0 * ? * * *)" },
          start_backup_window_minutes: { "@@assign": "60" },
          complete_backup_window_minutes: { "@@assign": "180" },
          enable_continuous_backup: { "@@assign": true },
          target_backup_vault_name: { "@@assign": "prod-backup" },
          lifecycle: { delete_after_days: { "@@assign": "35" } },
        },
      });
      assert.equal("advanced_backup_settings" in (document.plans["org-gold"] ?? {}), false);
    });

    it("is compact JSON, the text whose length AWS Organizations counts", () => {
      const content = backupPolicyContent([GOLD]);
      assert.equal(content, JSON.stringify(JSON.parse(content)));
      assert.equal(content.length, 1183);
    });
  });

  describe("plans from tiers", () => {
    const tiers = {
      gold: { rules: [HOURLY, DAILY], resourceTypes: ["EBS"], windowsVss: true },
      bronze: { rules: [HOURLY], resourceTypes: ["EC2"] },
    };

    it("copies into one DR vault of another account, named by its account id", () => {
      assert.deepStrictEqual(
        organizationPlansFromTiers(tiers, {
          tierTagKey: "backup-tier",
          region: "us-east-1",
          targetVaultName: "prod-backup",
          iamRoleName: "service-role/AWSBackupDefaultServiceRole",
          drVault: { name: "prod-dr", region: "us-west-2", accountId: "222222222222" },
        }),
        [
          GOLD,
          {
            ...GOLD,
            name: "org-bronze",
            rules: [HOURLY],
            selection: { name: "bronze-tagged", tagKey: "backup-tier", tagValues: ["bronze"] },
            windowsVss: false,
          },
        ],
      );
    });

    it("copies into each member's own DR vault ($account) when the DR vault shares the account", () => {
      const [plan] = organizationPlansFromTiers(tiers, {
        tierTagKey: "tier",
        region: "cn-north-1",
        targetVaultName: "main",
        iamRoleName: "backup",
        drVault: { name: "dr", region: "cn-northwest-1" },
      });
      assert.equal(plan?.copyVaultArn, "arn:aws-cn:backup:cn-northwest-1:$account:backup-vault:dr");
      assert.equal(plan?.iamRoleArn, "arn:aws-cn:iam::$account:role/backup");
    });
  });

  describe("validation", () => {
    it("accepts a valid plan", () => {
      assert.equal(planIssues([GOLD]), "");
    });

    it("rejects bad names, regions, ARNs, selections and duplicate plans", () => {
      const bad: OrganizationBackupPlan = {
        ...GOLD,
        name: "org gold",
        regions: ["us-east-1", "us-east-7", "us-east-1"],
        targetVaultName: "x",
        copyVaultArn: "arn:aws:backup:us-west-2:2222:backup-vault:prod-dr",
        iamRoleArn: "arn:aws:iam::$acct:role/backup",
        selection: { name: "gold tagged", tagKey: "backup-tier", tagValues: [] },
      };
      assert.equal(
        planIssues([bad, { ...GOLD, name: "org gold" }]),
        [
          '[plans[0].name] is "org gold", but must be 1-50 letters, digits, periods, hyphens or underscores.',
          '[plans[0].regions[1]] is "us-east-7", but must be an AWS region name such as us-east-1.',
          '[plans[0].regions[2]] repeats the region "us-east-1" already used at index 0.',
          '[plans[0].targetVaultName] is "x", but must be 2-50 letters, digits, hyphens or underscores.',
          '[plans[0].iamRoleArn] is "arn:aws:iam::$acct:role/backup", but must be an IAM role ARN whose account is a 12-digit id or $account, such as arn:aws:iam::$account:role/backup.',
          '[plans[0].copyVaultArn] is "arn:aws:backup:us-west-2:2222:backup-vault:prod-dr", but must be a backup vault ARN whose account is a 12-digit id or $account, such as arn:aws:backup:us-west-2:$account:backup-vault:dr.',
          '[plans[0].selection.name] is "gold tagged", but must be 1-50 letters, digits, periods, hyphens or underscores.',
          "[plans[0].selection.tagValues] is empty, but a tag selection needs at least one tag value.",
          '[plans[1].name] is "org gold", but must be 1-50 letters, digits, periods, hyphens or underscores.',
          '[plans[1].name] repeats the plan name "org gold" already used at index 0.',
        ].join("\n"),
      );
    });

    it("rejects schedules in another time zone than UTC, which backup policies cannot express", () => {
      assert.equal(
        planIssues([{ ...GOLD, rules: [{ ...HOURLY, timezone: "Europe/Berlin" }] }]),
        '[plans[0].rules[0].timezone] is "Europe/Berlin", but the rule also goes into an AWS Organizations backup policy, whose schedules are in UTC only: use Etc/UTC and write the schedule in UTC.',
      );
      assert.equal(planIssues([{ ...GOLD, rules: [{ ...HOURLY, timezone: "Etc/UTC" }] }]), "");
    });

    it("judges the rules as backup plans do, copies included", () => {
      assert.equal(
        planIssues([
          {
            ...GOLD,
            copyVaultArn: undefined,
            rules: [{ ...DAILY, copy: { deleteAfter: 100, coldStorageAfter: 30 } }],
          },
        ]),
        [
          "[plans[0].rules[0].copy] is set, but the plan has no copy destination vault: configure the DR vault, or remove the copy.",
          "[plans[0].rules[0].copy.deleteAfter] is 100 days, but AWS needs at least coldStorageAfter + 90 = 120 days.",
        ].join("\n"),
      );
    });

    it(`rejects a policy over ${BACKUP_POLICY_MAX_CHARACTERS} characters, and accepts the largest that fits`, () => {
      const plans = (count: number): OrganizationBackupPlan[] =>
        Array.from({ length: count }, (_, index) => ({ ...GOLD, name: `org-tier-${index}` }));
      const over = plans(9);
      const length = backupPolicyContent(over).length;
      assert.ok(length > BACKUP_POLICY_MAX_CHARACTERS);
      assert.equal(
        planIssues(over),
        `[plans] is ${length} characters as a policy document, but AWS Organizations accepts at most 10000 for a backup policy: put fewer tiers or rules in it, or shorten their names.`,
      );
      const fits = plans(8);
      assert.ok(backupPolicyContent(fits).length <= BACKUP_POLICY_MAX_CHARACTERS);
      assert.equal(planIssues(fits), "");
    });

    it("rejects an empty plan list", () => {
      assert.equal(
        planIssues([]),
        "[plans] is empty, but a backup policy needs at least one plan.",
      );
    });
  });

  describe("targets", () => {
    it("accepts a root, an OU and an account", () => {
      assert.equal(targetIssues(["r-a1b2", "ou-a1b2-c3d4e5f6", "444444444444"]), "");
    });

    it("rejects anything else, duplicates and an empty list", () => {
      assert.equal(
        targetIssues(["ou-a1b2", "o-a1b2c3d4e5", "r-a1b2", "r-a1b2"]),
        [
          '[targetIds[0]] is "ou-a1b2", but must be a root id (r-xxxx), an organizational unit id (ou-xxxx-yyyyyyyy) or a 12-digit account id.',
          '[targetIds[1]] is "o-a1b2c3d4e5", but must be a root id (r-xxxx), an organizational unit id (ou-xxxx-yyyyyyyy) or a 12-digit account id.',
          '[targetIds[3]] repeats the target id "r-a1b2" already used at index 2.',
        ].join("\n"),
      );
      assert.equal(
        targetIssues([]),
        "[targetIds] is empty, but must name at least one root, organizational unit or account to attach the policy to.",
      );
    });
  });
});
