import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  BACKUP_AUDIT_TYPE,
  BackupAudit,
  type BackupAuditArgs,
  validateBackupAuditArgs,
} from "../../components/backup-audit";
import { type TierAuditConfig, Issues, formatIssues } from "../../core";
import { TEST_ACCOUNT, mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, jsonInput, one, valueOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${BACKUP_AUDIT_TYPE}::audit`;
const child = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${BACKUP_AUDIT_TYPE}$${type}::${name}`;
const BREAK_GLASS = "arn:aws:iam::111111111111:role/backup-break-glass";
const REPORTS_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;

const GOLD: TierAuditConfig = {
  tier: "gold",
  minimumRetentionDays: 35,
  planFrequencyHours: 1,
  planRetentionDays: 35,
  lastRecoveryPointMaxAgeHours: 4,
  vaultLock: { minRetentionDays: 7, maxRetentionDays: 3650 },
  crossRegions: ["us-west-2"],
  crossAccounts: ["222222222222"],
};
const BRONZE: TierAuditConfig = {
  tier: "bronze",
  minimumRetentionDays: 14,
  planFrequencyHours: 168,
  planRetentionDays: 14,
  lastRecoveryPointMaxAgeHours: 172,
};

const baseArgs: BackupAuditArgs = {
  frameworkName: "prod_backup_controls",
  tiers: [GOLD, BRONZE],
  exemptPrincipalArns: [BREAK_GLASS],
  reportBucketName: "hb-prod-backup-reports-111111111111",
  tags: { environment: "prod" },
};

function issuesOf(args: Partial<BackupAuditArgs>): string {
  const issues = new Issues();
  validateBackupAuditArgs({ ...baseArgs, ...args }, issues);
  return formatIssues(issues.all);
}

const goldScope = { tags: { "backup-tier": "gold" } };

describe("BackupAudit", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates the frameworks, the report bucket with its controls, and one report plan per template", async () => {
      new BackupAudit("audit", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/framework:Framework", "audit-bronze-framework"],
        ["aws:backup/framework:Framework", "audit-framework"],
        ["aws:backup/framework:Framework", "audit-gold-framework"],
        ["aws:backup/reportPlan:ReportPlan", "audit-backup-job-report"],
        ["aws:backup/reportPlan:ReportPlan", "audit-control-compliance-report"],
        ["aws:backup/reportPlan:ReportPlan", "audit-copy-job-report"],
        ["aws:backup/reportPlan:ReportPlan", "audit-resource-compliance-report"],
        ["aws:backup/reportPlan:ReportPlan", "audit-restore-job-report"],
        ["aws:kms/alias:Alias", "audit-report-key-alias"],
        ["aws:kms/key:Key", "audit-report-key"],
        ["aws:s3/bucket:Bucket", "audit-report-bucket"],
        ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "audit-report-bucket-ownership"],
        ["aws:s3/bucketPolicy:BucketPolicy", "audit-report-bucket-policy"],
        [
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
          "audit-report-bucket-public-access",
        ],
        [
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "audit-report-bucket-encryption",
        ],
        ["aws:s3/bucketVersioning:BucketVersioning", "audit-report-bucket-versioning"],
      ]);
    });

    it("checks encryption and manual deletion account-wide, exempting the break-glass roles", async () => {
      new BackupAudit("audit", {
        ...baseArgs,
        exemptPrincipalArns: [BREAK_GLASS, "arn:aws:iam::111111111111:role/platform-deploy"],
      });
      await settled();
      assert.deepStrictEqual(inputsOf("aws:backup/framework:Framework", "audit-framework"), {
        name: "prod_backup_controls",
        description:
          "Every recovery point is encrypted and only break-glass roles may delete one manually.",
        controls: [
          { name: "BACKUP_RECOVERY_POINT_ENCRYPTED" },
          {
            name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
            inputParameters: [
              {
                name: "principalArnList",
                value: `${BREAK_GLASS},arn:aws:iam::111111111111:role/platform-deploy`,
              },
            ],
          },
        ],
        tags: { environment: "prod" },
      });
    });

    it("gives each tier a framework whose controls carry its floors, scoped by the tier tag", async () => {
      new BackupAudit("audit", baseArgs);
      await settled();
      const gold = inputsOf("aws:backup/framework:Framework", "audit-gold-framework");
      assert.equal(gold.name, "prod_backup_controls_gold");
      assert.deepStrictEqual(gold.controls, [
        { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: goldScope },
        {
          name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
          inputParameters: [
            { name: "requiredFrequencyUnit", value: "hours" },
            { name: "requiredFrequencyValue", value: "1" },
            { name: "requiredRetentionDays", value: "35" },
          ],
          scope: goldScope,
        },
        {
          name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
          inputParameters: [{ name: "requiredRetentionDays", value: "35" }],
          scope: goldScope,
        },
        {
          name: "BACKUP_LAST_RECOVERY_POINT_CREATED",
          inputParameters: [
            { name: "recoveryPointAgeUnit", value: "hours" },
            { name: "recoveryPointAgeValue", value: "4" },
          ],
          scope: goldScope,
        },
        {
          name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
          inputParameters: [
            { name: "minRetentionDays", value: "7" },
            { name: "maxRetentionDays", value: "3650" },
          ],
          scope: goldScope,
        },
        {
          name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
          inputParameters: [{ name: "crossRegionList", value: "us-west-2" }],
          scope: goldScope,
        },
        {
          name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
          inputParameters: [{ name: "crossAccountList", value: "222222222222" }],
          scope: goldScope,
        },
      ]);
      const bronze = inputsOf("aws:backup/framework:Framework", "audit-bronze-framework");
      const scope = { tags: { "backup-tier": "bronze" } };
      assert.deepStrictEqual(bronze.controls, [
        { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope },
        {
          name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
          inputParameters: [
            { name: "requiredFrequencyUnit", value: "days" },
            { name: "requiredFrequencyValue", value: "7" },
            { name: "requiredRetentionDays", value: "14" },
          ],
          scope,
        },
        {
          name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
          inputParameters: [{ name: "requiredRetentionDays", value: "14" }],
          scope,
        },
        {
          name: "BACKUP_LAST_RECOVERY_POINT_CREATED",
          inputParameters: [
            { name: "recoveryPointAgeUnit", value: "hours" },
            { name: "recoveryPointAgeValue", value: "172" },
          ],
          scope,
        },
      ]);
    });

    it("keeps reports in a versioned, private, KMS-encrypted bucket that only accepts TLS and the reports role", async () => {
      new BackupAudit("audit", baseArgs);
      await settled();
      const bucketId = "audit-report-bucket-id";
      assert.deepStrictEqual(inputsOf("aws:s3/bucket:Bucket", "audit-report-bucket"), {
        bucket: "hb-prod-backup-reports-111111111111",
        forceDestroy: false,
        tags: { environment: "prod" },
      });
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
          "audit-report-bucket-ownership",
        ),
        { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } },
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
          "audit-report-bucket-public-access",
        ),
        {
          bucket: bucketId,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:s3/bucketVersioning:BucketVersioning", "audit-report-bucket-versioning"),
        { bucket: bucketId, versioningConfiguration: { status: "Enabled" } },
      );
      assert.deepStrictEqual(
        inputsOf(
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "audit-report-bucket-encryption",
        ),
        {
          bucket: bucketId,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: "arn:aws:kms:us-east-1:111111111111:key/audit-report-key",
              },
              bucketKeyEnabled: true,
            },
          ],
        },
      );
      const bucketArn = "arn:aws:s3:::hb-prod-backup-reports-111111111111";
      assert.deepStrictEqual(
        jsonInput("aws:s3/bucketPolicy:BucketPolicy", "audit-report-bucket-policy", "policy"),
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyRequestsWithoutTls",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [bucketArn, `${bucketArn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
              Sid: "AllowBackupAuditManagerToDeliverReports",
              Effect: "Allow",
              Principal: "*",
              Action: "s3:PutObject",
              Resource: `${bucketArn}/*`,
              Condition: {
                StringEquals: {
                  "s3:x-amz-acl": "bucket-owner-full-control",
                  "aws:PrincipalArn": REPORTS_ROLE,
                },
              },
            },
          ],
        },
      );
      assert.ok(
        one("aws:s3/bucketPolicy:BucketPolicy", "audit-report-bucket-policy").dependencies.includes(
          child(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "audit-report-bucket-public-access",
          ),
        ),
      );
      const key = inputsOf("aws:kms/key:Key", "audit-report-key");
      assert.equal(key.enableKeyRotation, true);
      assert.equal(key.deletionWindowInDays, 30);
      assert.deepStrictEqual(jsonInput("aws:kms/key:Key", "audit-report-key", "policy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EnableAccountIamPolicies",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "AllowBackupAuditManagerToEncryptReports",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:GenerateDataKey",
            Resource: "*",
            Condition: {
              StringEquals: {
                "aws:PrincipalArn": REPORTS_ROLE,
                "kms:ViaService": "s3.us-east-1.amazonaws.com",
              },
            },
          },
        ],
      });
    });

    it("delivers CSV and JSON reports; compliance reports cover every framework", async () => {
      new BackupAudit("audit", baseArgs);
      await settled();
      const frameworks = [
        "arn:aws:backup:us-east-1:111111111111:framework/audit-framework",
        "arn:aws:backup:us-east-1:111111111111:framework/audit-gold-framework",
        "arn:aws:backup:us-east-1:111111111111:framework/audit-bronze-framework",
      ];
      const channel = {
        s3BucketName: "hb-prod-backup-reports-111111111111",
        s3KeyPrefix: "backup-reports",
        formats: ["CSV", "JSON"],
      };
      assert.deepStrictEqual(
        inputsOf("aws:backup/reportPlan:ReportPlan", "audit-resource-compliance-report"),
        {
          name: "prod_backup_controls_resource_compliance_report",
          description: "RESOURCE_COMPLIANCE_REPORT of the backup core, delivered daily.",
          reportDeliveryChannel: channel,
          reportSetting: {
            reportTemplate: "RESOURCE_COMPLIANCE_REPORT",
            frameworkArns: frameworks,
            numberOfFrameworks: 3,
          },
          tags: { environment: "prod" },
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:backup/reportPlan:ReportPlan", "audit-control-compliance-report")
          .reportSetting,
        {
          reportTemplate: "CONTROL_COMPLIANCE_REPORT",
          frameworkArns: frameworks,
          numberOfFrameworks: 3,
        },
      );
      for (const [name, template] of [
        ["audit-backup-job-report", "BACKUP_JOB_REPORT"],
        ["audit-copy-job-report", "COPY_JOB_REPORT"],
        ["audit-restore-job-report", "RESTORE_JOB_REPORT"],
      ] as const) {
        const plan = inputsOf("aws:backup/reportPlan:ReportPlan", name);
        assert.deepStrictEqual(plan.reportSetting, { reportTemplate: template }, name);
        assert.deepStrictEqual(plan.reportDeliveryChannel, channel, name);
      }
      const dependencies = one(
        "aws:backup/reportPlan:ReportPlan",
        "audit-backup-job-report",
      ).dependencies;
      for (const [type, name] of [
        ["aws:s3/bucketPolicy:BucketPolicy", "audit-report-bucket-policy"],
        [
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "audit-report-bucket-encryption",
        ],
      ] as const) {
        assert.ok(dependencies.includes(child(type, name)), name);
      }
    });

    it("creates only the chosen report plans, in the chosen formats", async () => {
      new BackupAudit("audit", {
        ...baseArgs,
        reports: ["BACKUP_JOB_REPORT"],
        formats: ["CSV"],
        reportKeyPrefix: "audit/prod",
      });
      await settled();
      assert.deepStrictEqual(
        mocks.resources
          .filter((r) => r.type === "aws:backup/reportPlan:ReportPlan")
          .map((r) => r.name),
        ["audit-backup-job-report"],
      );
      assert.deepStrictEqual(
        inputsOf("aws:backup/reportPlan:ReportPlan", "audit-backup-job-report")
          .reportDeliveryChannel,
        {
          s3BucketName: "hb-prod-backup-reports-111111111111",
          s3KeyPrefix: "audit/prod",
          formats: ["CSV"],
        },
      );
    });

    it("protects the report bucket and key only when asked", async () => {
      new BackupAudit("audit", { ...baseArgs, protect: true });
      await settled();
      assert.deepStrictEqual(
        mocks.resources
          .filter((r) => r.protect)
          .map((r) => r.name)
          .sort(),
        ["audit-report-bucket", "audit-report-key"],
      );
    });

    it("exposes the framework ARNs and the bucket", async () => {
      const audit = new BackupAudit("audit", baseArgs);
      await settled();
      assert.equal(
        await valueOf(audit.accountFrameworkArn),
        "arn:aws:backup:us-east-1:111111111111:framework/audit-framework",
      );
      assert.deepStrictEqual(Object.keys(audit.tierFrameworkArns), ["gold", "bronze"]);
      assert.equal(await valueOf(audit.reportBucketName), "hb-prod-backup-reports-111111111111");
    });
  });

  describe("restore-time control", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("adds RESTORE_TIME_FOR_RESOURCES_MEET_TARGET with the tier's RTO in minutes, scoped by its tag", async () => {
      new BackupAudit("audit", {
        ...baseArgs,
        tiers: [{ ...GOLD, restoreTimeTargetMinutes: 360 }, BRONZE],
      });
      await settled();
      const gold = inputsOf("aws:backup/framework:Framework", "audit-gold-framework") as {
        controls: Array<{ name: string }>;
      };
      assert.deepStrictEqual(gold.controls.at(-1), {
        name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
        inputParameters: [{ name: "maxRestoreTime", value: "360" }],
        scope: goldScope,
      });
      const bronze = inputsOf("aws:backup/framework:Framework", "audit-bronze-framework") as {
        controls: Array<{ name: string }>;
      };
      assert.equal(
        bronze.controls.some(
          (control) => control.name === "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
        ),
        false,
      );
    });
  });

  describe("preview", () => {
    it("keeps framework ARNs unknown in the compliance report settings", async () => {
      await useMocks({ preview: true });
      const audit = new BackupAudit("audit", baseArgs);
      await settled();
      const setting = inputsOf(
        "aws:backup/reportPlan:ReportPlan",
        "audit-resource-compliance-report",
      ).reportSetting as { frameworkArns: unknown[]; numberOfFrameworks: number };
      assert.deepStrictEqual(setting.frameworkArns, [UNKNOWN, UNKNOWN, UNKNOWN]);
      assert.equal(setting.numberOfFrameworks, 3);
      assert.equal(await valueOf(audit.accountFrameworkArn), UNKNOWN);
    });
  });

  describe("validation", () => {
    it("accepts the base arguments", () => {
      assert.equal(issuesOf({}), "");
    });

    it("checks the framework and bucket names", () => {
      assert.equal(
        issuesOf({ frameworkName: "1st-controls", reportBucketName: "Reports_Bucket" }),
        [
          '[frameworkName] is "1st-controls", but must be 1-256 letters, digits or underscores, starting with a letter.',
          '[reportBucketName] is "Reports_Bucket", but must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ frameworkName: `a${"b".repeat(251)}` }),
        [
          '[frameworkName] is 252 characters, so the framework of tier "gold" would be named with 257, but AWS allows 256.',
          '[frameworkName] is 252 characters, so the framework of tier "bronze" would be named with 259, but AWS allows 256.',
        ].join("\n"),
      );
      assert.equal(issuesOf({ frameworkName: `a${"b".repeat(248)}` }), "");
    });

    it("bounds the tier floors by what the controls accept", () => {
      assert.equal(
        issuesOf({
          tiers: [
            {
              ...GOLD,
              minimumRetentionDays: 0,
              planFrequencyHours: 745,
              lastRecoveryPointMaxAgeHours: 745,
              crossRegions: ["us-west-9"],
              crossAccounts: ["2222"],
            },
            GOLD,
          ],
        }),
        [
          "[tiers[0].minimumRetentionDays] is 0, but must be a whole number from 1 to 36500 days.",
          "[tiers[0].planFrequencyHours] is 745, but must be a whole number from 1 to 744 hours.",
          "[tiers[0].lastRecoveryPointMaxAgeHours] is 745, but must be a whole number from 1 to 744 hours.",
          '[tiers[0].crossRegions[0]] is "us-west-9", but must be an AWS region name.',
          '[tiers[0].crossAccounts[0]] is "2222", but must be an AWS account id of exactly 12 digits.',
          '[tiers[1].tier] repeats the tier "gold" already used at index 0.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({
          tiers: [{ ...GOLD, planFrequencyHours: 744, lastRecoveryPointMaxAgeHours: 744 }],
        }),
        "",
      );
    });

    it("takes a whole number of minutes as the restore-time target", () => {
      assert.equal(
        issuesOf({ tiers: [{ ...GOLD, restoreTimeTargetMinutes: 0 }] }),
        "[tiers[0].restoreTimeTargetMinutes] is 0, but must be a whole number from 1 to 525600 minutes.",
      );
      assert.equal(
        issuesOf({ tiers: [{ ...GOLD, restoreTimeTargetMinutes: 90.5 }] }),
        "[tiers[0].restoreTimeTargetMinutes] is 90.5, but must be a whole number from 1 to 525600 minutes.",
      );
    });

    it("exempts at most five roles from the manual-deletion control", () => {
      const roles = Array.from(
        { length: 6 },
        (_, i) => `arn:aws:iam::111111111111:role/break-glass-${i}`,
      );
      assert.equal(
        issuesOf({ exemptPrincipalArns: roles }),
        "[exemptPrincipalArns] has 6 role ARNs, but BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED exempts at most 5.",
      );
      assert.equal(issuesOf({ exemptPrincipalArns: roles.slice(0, 5) }), "");
    });

    it("rejects unknown report templates and formats", () => {
      assert.equal(
        issuesOf({ reports: ["BACKUP_REPORT" as "BACKUP_JOB_REPORT"], formats: ["XML" as "CSV"] }),
        [
          '[reports[0]] is "BACKUP_REPORT", but must be one of "RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT".',
          '[formats[0]] is "XML", but must be one of "CSV", "JSON".',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ formats: [] }),
        '[formats] is empty, but must list "CSV", "JSON" or both.',
      );
      assert.equal(
        issuesOf({ reportKeyPrefix: "/reports/" }),
        `[reportKeyPrefix] is "/reports/", but must be S3 key segments of letters, digits and !_.*'()- separated by single slashes, without a leading or trailing slash.`,
      );
    });

    it("stays within 50 controls per account and region", () => {
      const tiers = Array.from({ length: 7 }, (_, i) => ({ ...GOLD, tier: `tier-${i}` }));
      assert.equal(
        issuesOf({ tiers }),
        "[tiers] add up to 51 controls, but AWS Backup Audit Manager allows 50 per account and region.",
      );
      assert.equal(issuesOf({ tiers: tiers.slice(0, 6) }), "");
    });

    it("throws from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () => new BackupAudit("bad", { ...baseArgs, frameworkName: "_x" }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            'BackupAudit bad has 1 problem:\n[frameworkName] is "_x", but must be 1-256 letters, digits or underscores, starting with a letter.',
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });
});
