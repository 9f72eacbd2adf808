import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  BACKUP_REGION_SETTINGS_TYPE,
  BackupRegionSettings,
  validateBackupRegionSettingsArgs,
} from "../../components/backup-region-settings";
import {
  regionSettingsFor,
  usesColdStorage,
  type TierRuleConfig,
  Issues,
  formatIssues,
} from "../../core";
import { settled, useMocks } from "../helpers/mocks";
import { childrenOf, inputsOf } from "../helpers/outputs";

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${BACKUP_REGION_SETTINGS_TYPE}::prod-backup-region-settings`;

const warm: TierRuleConfig = {
  name: "daily",
  schedule: "cron(0 3 ? * * *)",
  lifecycle: { deleteAfter: 35 },
};
const cold: TierRuleConfig = { ...warm, lifecycle: { deleteAfter: 365, coldStorageAfter: 30 } };
const coldCopy: TierRuleConfig = { ...warm, copy: { deleteAfter: 365, coldStorageAfter: 30 } };

describe("BackupRegionSettings", () => {
  describe("what the tiers need", () => {
    it("opts in each protected type by AWS's service name", () => {
      assert.deepStrictEqual(
        regionSettingsFor([
          { resourceTypes: ["EBS", "StorageGateway"], rules: [warm], crossAccountCopy: false },
          { resourceTypes: ["SAPHANA", "EBS"], rules: [warm], crossAccountCopy: false },
        ]),
        {
          optIn: { EBS: true, "SAP HANA on Amazon EC2": true, "Storage Gateway": true },
          fullManagement: {},
        },
      );
    });

    it("manages DynamoDB and EFS fully only where a tier of the type uses cold storage or cross-account copies", () => {
      assert.deepStrictEqual(
        regionSettingsFor([
          { resourceTypes: ["DynamoDB"], rules: [warm], crossAccountCopy: false },
          { resourceTypes: ["EFS"], rules: [warm], crossAccountCopy: false },
        ]).fullManagement,
        { DynamoDB: false, EFS: false },
      );
      assert.deepStrictEqual(
        regionSettingsFor([
          { resourceTypes: ["DynamoDB", "EBS"], rules: [cold], crossAccountCopy: false },
          { resourceTypes: ["EFS"], rules: [warm], crossAccountCopy: true },
        ]).fullManagement,
        { DynamoDB: true, EFS: true },
      );
      // One tier needing it is enough, whatever the order.
      assert.deepStrictEqual(
        regionSettingsFor([
          { resourceTypes: ["EFS"], rules: [coldCopy], crossAccountCopy: false },
          { resourceTypes: ["EFS"], rules: [warm], crossAccountCopy: false },
        ]).fullManagement,
        { EFS: true },
      );
    });

    it("counts a copy's cold storage as cold storage", () => {
      assert.equal(usesColdStorage([warm]), false);
      assert.equal(usesColdStorage([warm, cold]), true);
      assert.equal(usesColdStorage([coldCopy]), true);
    });
  });

  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates one RegionSettings child with the opt-in and management maps", async () => {
      new BackupRegionSettings("prod-backup-region-settings", {
        optIn: { DynamoDB: true, EBS: true },
        fullManagement: { DynamoDB: true },
        region: "us-east-2",
      });
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), [
        ["aws:backup/regionSettings:RegionSettings", "prod-backup-region-settings-settings"],
      ]);
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/regionSettings:RegionSettings",
          "prod-backup-region-settings-settings",
        ),
        {
          resourceTypeOptInPreference: { DynamoDB: true, EBS: true },
          resourceTypeManagementPreference: { DynamoDB: true },
          region: "us-east-2",
        },
      );
    });

    it("leaves the management preference out when no type needs it", async () => {
      new BackupRegionSettings("prod-backup-region-settings", { optIn: { EBS: true } });
      await settled();
      assert.deepStrictEqual(
        inputsOf(
          "aws:backup/regionSettings:RegionSettings",
          "prod-backup-region-settings-settings",
        ),
        { resourceTypeOptInPreference: { EBS: true } },
      );
    });
  });

  describe("validation", () => {
    const issuesOf = (args: Parameters<typeof validateBackupRegionSettingsArgs>[0]) => {
      const issues = new Issues();
      validateBackupRegionSettingsArgs(args, issues);
      return formatIssues(issues.all);
    };

    it("names unknown services, types without full management and types not opted in", () => {
      assert.equal(
        issuesOf({
          optIn: { EBS: true, StorageGateway: true },
          fullManagement: { RDS: true, EFS: true },
          region: "moon-1",
        }),
        [
          '[optIn.StorageGateway] is "StorageGateway", but must be one of "Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3", "SAP HANA on Amazon EC2", "Storage Gateway".',
          "[fullManagement.RDS] is not a type AWS Backup manages fully; only DynamoDB and EFS are.",
          "[fullManagement.EFS] is true, but EFS is not opted in; full management needs the type opted in.",
          '[region] is "moon-1", but must be an AWS region name such as us-east-1.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ optIn: {} }),
        "[optIn] is empty, but must opt in at least one resource type.",
      );
    });

    it("throws from the constructor before creating children", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () => new BackupRegionSettings("prod-backup-region-settings", { optIn: {} }),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message ===
            "BackupRegionSettings prod-backup-region-settings has 1 problem:\n[optIn] is empty, but must opt in at least one resource type.",
      );
      await settled();
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), []);
    });
  });
});
