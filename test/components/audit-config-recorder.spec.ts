import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  AUDIT_CONFIG_RECORDER_TYPE,
  AuditConfigRecorder,
  type AuditConfigRecorderArgs,
  validateAuditConfigRecorderArgs,
} from "../../components/audit-config-recorder";
import { Issues, formatIssues } from "../../core";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { childrenOf, inputsOf, one } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${AUDIT_CONFIG_RECORDER_TYPE}::prod-audit-config-recorder`;
const child = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${AUDIT_CONFIG_RECORDER_TYPE}$${type}::${name}`;
const baseArgs: AuditConfigRecorderArgs = {
  deliveryBucketName: "org-config-archive-999999999999",
  tags: { environment: "prod" },
};

describe("AuditConfigRecorder", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates the role with AWS Config's policy, the recorder, its delivery channel and its status", async () => {
      new AuditConfigRecorder("prod-audit-config-recorder", baseArgs);
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:cfg/deliveryChannel:DeliveryChannel", "prod-audit-config-recorder-delivery"],
        ["aws:cfg/recorder:Recorder", "prod-audit-config-recorder-recorder"],
        ["aws:cfg/recorderStatus:RecorderStatus", "prod-audit-config-recorder-status"],
        ["aws:iam/role:Role", "prod-audit-config-recorder-role"],
        [
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          "prod-audit-config-recorder-config-policy",
        ],
      ]);
      const role = inputsOf("aws:iam/role:Role", "prod-audit-config-recorder-role");
      assert.deepStrictEqual(JSON.parse(String(role.assumeRolePolicy)).Statement, [
        {
          Sid: "AllowAwsConfigToAssumeTheRole",
          Effect: "Allow",
          Principal: { Service: "config.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]);
      assert.equal(
        inputsOf(
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          "prod-audit-config-recorder-config-policy",
        ).policyArn,
        "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
      );
    });

    it("records only what the audit's controls read, continuously by default", async () => {
      new AuditConfigRecorder("prod-audit-config-recorder", baseArgs);
      await settled();
      const recorder = inputsOf("aws:cfg/recorder:Recorder", "prod-audit-config-recorder-recorder");
      assert.equal(recorder.name, "default");
      assert.deepStrictEqual(recorder.recordingGroup, {
        allSupported: false,
        includeGlobalResourceTypes: false,
        recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
        resourceTypes: [
          "AWS::Backup::BackupPlan",
          "AWS::Backup::BackupSelection",
          "AWS::Backup::BackupVault",
          "AWS::Backup::RecoveryPoint",
          "AWS::Config::ResourceCompliance",
        ],
      });
      assert.deepStrictEqual(recorder.recordingMode, { recordingFrequency: "CONTINUOUS" });
      assert.deepStrictEqual(
        one("aws:cfg/recorder:Recorder", "prod-audit-config-recorder-recorder").dependencies,
        [
          child(
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "prod-audit-config-recorder-config-policy",
          ),
          child("aws:iam/role:Role", "prod-audit-config-recorder-role"),
        ],
      );
    });

    it("delivers to the given bucket and prefix, then switches recording on", async () => {
      new AuditConfigRecorder("prod-audit-config-recorder", {
        ...baseArgs,
        deliveryKeyPrefix: "config/prod",
        recordingFrequency: "DAILY",
        recorderName: "backup-audit",
      });
      await settled();
      assert.deepStrictEqual(
        inputsOf("aws:cfg/deliveryChannel:DeliveryChannel", "prod-audit-config-recorder-delivery"),
        {
          name: "backup-audit",
          s3BucketName: "org-config-archive-999999999999",
          s3KeyPrefix: "config/prod",
        },
      );
      assert.deepStrictEqual(
        inputsOf("aws:cfg/recorderStatus:RecorderStatus", "prod-audit-config-recorder-status"),
        { name: "backup-audit", isEnabled: true },
      );
      assert.deepStrictEqual(
        one("aws:cfg/recorderStatus:RecorderStatus", "prod-audit-config-recorder-status")
          .dependencies,
        [
          child("aws:cfg/deliveryChannel:DeliveryChannel", "prod-audit-config-recorder-delivery"),
          child("aws:cfg/recorder:Recorder", "prod-audit-config-recorder-recorder"),
        ],
      );
      assert.deepStrictEqual(
        inputsOf("aws:cfg/recorder:Recorder", "prod-audit-config-recorder-recorder").recordingMode,
        { recordingFrequency: "DAILY" },
      );
    });
  });

  describe("validation", () => {
    const issuesOf = (args: Partial<AuditConfigRecorderArgs>) => {
      const issues = new Issues();
      validateAuditConfigRecorderArgs({ ...baseArgs, ...args }, issues);
      return formatIssues(issues.all);
    };

    it("checks the bucket, prefix, frequency, name and region", () => {
      assert.equal(issuesOf({}), "");
      assert.equal(
        issuesOf({
          deliveryBucketName: "Org_Config",
          deliveryKeyPrefix: "/config/",
          recordingFrequency: "HOURLY" as "DAILY",
          recorderName: "backup audit",
          region: "us-east",
        }),
        [
          '[deliveryBucketName] is "Org_Config", but must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit.',
          `[deliveryKeyPrefix] is "/config/", but must be S3 key segments of letters, digits and !_.*'()- separated by single slashes, without a leading or trailing slash.`,
          '[recordingFrequency] is "HOURLY", but must be one of "CONTINUOUS", "DAILY".',
          '[recorderName] is "backup audit", but must be 1-256 letters, digits, periods, hyphens or underscores.',
          '[region] is "us-east", but must be an AWS region name such as us-east-1.',
        ].join("\n"),
      );
    });

    it("throws from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () =>
          new AuditConfigRecorder("prod-audit-config-recorder", {
            ...baseArgs,
            deliveryBucketName: "x",
          }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            'AuditConfigRecorder prod-audit-config-recorder has 1 problem:\n[deliveryBucketName] is "x", but must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit.',
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent === COMPONENT_URN),
        [],
      );
    });
  });
});
