import * as assert from "node:assert/strict";
import {
  BACKUP_ORGANIZATION_TYPE,
  BackupOrganization,
  type BackupOrganizationArgs,
  validateBackupOrganizationArgs,
} from "../../components/backup-organization";
import { type OrganizationBackupPlan, Issues, formatIssues } from "../../core";
import { settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${BACKUP_ORGANIZATION_TYPE}::org`;
const DR_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:prod-dr";

const GOLD: OrganizationBackupPlan = {
  name: "org-gold",
  regions: ["us-east-1"],
  targetVaultName: "prod-backup",
  copyVaultArn: DR_ARN,
  iamRoleArn: "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole",
  rules: [
    {
      name: "daily",
      schedule: "cron(30 2 ? * * *)",
      lifecycle: { deleteAfter: 35 },
      copy: { deleteAfter: 90 },
    },
  ],
  selection: { name: "gold-tagged", tagKey: "backup-tier", tagValues: ["gold"] },
};

const baseArgs: BackupOrganizationArgs = {
  crossAccountBackup: true,
  backupPolicy: {
    name: "prod-backup-plans",
    targetIds: ["ou-a1b2-c3d4e5f6", "444444444444"],
    plans: [GOLD],
  },
  tags: { environment: "prod" },
};

function issuesOf(args: BackupOrganizationArgs): string {
  const issues = new Issues();
  validateBackupOrganizationArgs(args, issues);
  return formatIssues(issues.all);
}

const GOLD_DOCUMENT = {
  plans: {
    "org-gold": {
      regions: { "@@assign": ["us-east-1"] },
      rules: {
        daily: {
          schedule_expression: { "@@assign": "cron(30 2 ? * * *)" },
          start_backup_window_minutes: { "@@assign": "60" },
          complete_backup_window_minutes: { "@@assign": "180" },
          target_backup_vault_name: { "@@assign": "prod-backup" },
          lifecycle: { delete_after_days: { "@@assign": "35" } },
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
              "@@assign": "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole",
            },
            tag_key: { "@@assign": "backup-tier" },
            tag_value: { "@@assign": ["gold"] },
          },
        },
      },
    },
  },
};

describe("BackupOrganization", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("turns cross-account backup on, creates the backup policy and attaches it to each target", async () => {
      new BackupOrganization("org", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/globalSettings:GlobalSettings", "org-global-settings"],
        ["aws:organizations/policy:Policy", "org-policy"],
        ["aws:organizations/policyAttachment:PolicyAttachment", "org-policy-444444444444"],
        ["aws:organizations/policyAttachment:PolicyAttachment", "org-policy-ou-a1b2-c3d4e5f6"],
      ]);
      assert.deepStrictEqual(
        inputsOf("aws:backup/globalSettings:GlobalSettings", "org-global-settings"),
        { globalSettings: { isCrossAccountBackupEnabled: "true" } },
      );
      const policy = inputsOf("aws:organizations/policy:Policy", "org-policy");
      assert.equal(policy.type, "BACKUP_POLICY");
      assert.equal(policy.name, "prod-backup-plans");
      assert.equal(policy.description, "AWS Backup plans of the organization.");
      assert.deepStrictEqual(policy.tags, { environment: "prod" });
      assert.deepStrictEqual(
        jsonInput("aws:organizations/policy:Policy", "org-policy", "content"),
        GOLD_DOCUMENT,
      );
      for (const target of ["ou-a1b2-c3d4e5f6", "444444444444"]) {
        assert.deepStrictEqual(
          inputsOf("aws:organizations/policyAttachment:PolicyAttachment", `org-policy-${target}`),
          { policyId: "org-policy-id", targetId: target },
        );
        assert.deepStrictEqual(
          one("aws:organizations/policyAttachment:PolicyAttachment", `org-policy-${target}`)
            .dependencies,
          [one("aws:organizations/policy:Policy", "org-policy").urn],
        );
      }
    });

    it("leaves the global setting alone when crossAccountBackup is false", async () => {
      new BackupOrganization("org", { ...baseArgs, crossAccountBackup: false });
      await settled();
      assert.deepStrictEqual(
        childrenOf(COMPONENT_URN).map(([type]) => type),
        [
          "aws:organizations/policy:Policy",
          "aws:organizations/policyAttachment:PolicyAttachment",
          "aws:organizations/policyAttachment:PolicyAttachment",
        ],
      );
    });

    it("creates only the global setting without a policy, and exposes what it made", async () => {
      const organization = new BackupOrganization("org", { crossAccountBackup: true });
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/globalSettings:GlobalSettings", "org-global-settings"],
      ]);
      assert.equal(await valueOf(organization.crossAccountBackup), true);
      assert.equal(await valueOf(organization.policyId), undefined);
      assert.equal(await valueOf(organization.policyContent), undefined);
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("keeps the policy id unknown and the policy text known", async () => {
      const organization = new BackupOrganization("org", baseArgs);
      await settled();
      assert.equal(await valueOf(organization.policyId), UNKNOWN);
      assert.equal(
        inputsOf("aws:organizations/policyAttachment:PolicyAttachment", "org-policy-444444444444")
          .policyId,
        UNKNOWN,
      );
      assert.deepStrictEqual(
        JSON.parse((await valueOf(organization.policyContent)) as string),
        GOLD_DOCUMENT,
      );
    });
  });

  describe("validation", () => {
    it("accepts the settings with and without a policy", () => {
      assert.equal(issuesOf(baseArgs), "");
      assert.equal(issuesOf({ crossAccountBackup: true }), "");
    });

    it("refuses a component that would manage nothing", () => {
      assert.equal(
        issuesOf({ crossAccountBackup: false }),
        "[crossAccountBackup] is false and there is no backupPolicy, so the component would manage nothing: set crossAccountBackup to true, add a backupPolicy, or leave the component out.",
      );
    });

    it("refuses a bad policy name, targets and plans, all at once", () => {
      assert.equal(
        issuesOf({
          crossAccountBackup: true,
          backupPolicy: {
            name: "",
            targetIds: ["ou-1"],
            plans: [{ ...GOLD, regions: [] }],
          },
        }),
        [
          '[backupPolicy.name] is "", but must be 1-128 characters.',
          '[backupPolicy.targetIds[0]] is "ou-1", but must be a root id (r-xxxx), an organizational unit id (ou-xxxx-yyyyyyyy) or a 12-digit account id.',
          "[backupPolicy.plans[0].regions] is empty, but a backup policy's plan must name at least one region.",
        ].join("\n"),
      );
    });

    it("throws before creating any child", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () => new BackupOrganization("org", { crossAccountBackup: false }),
        (error: Error) =>
          error.message ===
          "BackupOrganization org has 1 problem:\n[crossAccountBackup] is false and there is no backupPolicy, so the component would manage nothing: set crossAccountBackup to true, add a backupPolicy, or leave the component out.",
      );
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), []);
    });
  });
});
