import * as assert from "node:assert/strict";
import { backupAuditManager } from "../../policies/audit";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
} from "../helpers/policy-harness";

const plan: ResourceFixture = { type: "aws:backup/plan:Plan", name: "daily", props: { rules: [] } };
const framework = (controls: unknown): ResourceFixture => ({
  type: "aws:backup/framework:Framework",
  name: "controls",
  props: { name: "hybrid_backup", controls },
});
const reportPlan = (template: unknown): ResourceFixture => ({
  type: "aws:backup/reportPlan:ReportPlan",
  name: "compliance",
  props: {
    reportDeliveryChannel: { s3BucketName: "reports", formats: ["CSV"] },
    reportSetting: { reportTemplate: template },
  },
});
const controls = [
  { name: "BACKUP_RECOVERY_POINT_ENCRYPTED" },
  {
    name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    inputParameters: [{ name: "requiredRetentionDays", value: "35" }],
  },
];

describe("policies/audit", () => {
  describe("backup-audit-manager", () => {
    const config = {
      requiredControls: [
        "BACKUP_RECOVERY_POINT_ENCRYPTED",
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
      ],
      requiredReportTemplates: ["CONTROL_COMPLIANCE_REPORT"],
    };

    it("passes a stack with a plan, a framework and a report plan", async () => {
      const outcome = await runStackPolicy(
        backupAuditManager,
        [plan, framework(controls), reportPlan("CONTROL_COMPLIANCE_REPORT")],
        { config },
      );
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("is not applicable to a stack without backup plans", async () => {
      const outcome = await runStackPolicy(backupAuditManager, [framework(controls)]);
      assert.equal(outcome.notApplicable, "The stack deploys no backup plan.");
    });

    it("fails a missing framework or report plan", async () => {
      const noFramework = await runStackPolicy(backupAuditManager, [
        plan,
        reportPlan("BACKUP_JOB_REPORT"),
      ]);
      assert.deepEqual(noFramework.violations, [
        {
          message:
            'The stack deploys aws:backup/plan:Plan "daily" but no aws:backup/framework:Framework, so no control checks its backups.',
        },
      ]);
      const second = { ...plan, name: "weekly" };
      const noReports = await runStackPolicy(backupAuditManager, [
        plan,
        second,
        framework(controls),
      ]);
      assert.deepEqual(noReports.messages, [
        'The stack deploys aws:backup/plan:Plan "daily" and 1 more backup plan but no aws:backup/reportPlan:ReportPlan, so nobody receives its compliance reports.',
      ]);
    });

    it("fails missing required controls and report templates", async () => {
      const outcome = await runStackPolicy(
        backupAuditManager,
        [
          plan,
          framework([{ name: "BACKUP_RECOVERY_POINT_ENCRYPTED" }]),
          reportPlan("BACKUP_JOB_REPORT"),
        ],
        {
          config,
        },
      );
      assert.deepEqual(outcome.messages, [
        [
          'No aws:backup/framework:Framework of the stack has the control "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", but the policy config requires it.',
          'No aws:backup/reportPlan:ReportPlan of the stack uses the report template "CONTROL_COMPLIANCE_REPORT", but the policy config requires it.',
        ].join("\n"),
      ]);
    });

    it("says when controls or templates are unknown during preview", async () => {
      const outcome = await runStackPolicy(
        backupAuditManager,
        [plan, framework(UNKNOWN), reportPlan(UNKNOWN)],
        { config },
      );
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, [
        previewAdvisory(
          backupAuditManager.name,
          'could not check that aws:backup/framework:Framework "controls" [controls] names a required control, because it is unknown during preview.',
          'could not check that aws:backup/reportPlan:ReportPlan "compliance" [reportSetting.reportTemplate] is a required report template, because it is unknown during preview.',
        ),
      ]);
    });
  });
});
