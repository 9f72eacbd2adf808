import * as assert from "node:assert/strict";
import { awsRefusals } from "../helpers/aws-oracle";
import type { RecordedResource } from "../../preview/types";

function resource(type: string, name: string, inputs: Record<string, unknown>): RecordedResource {
  return {
    urn: `urn:pulumi:test::p::${type}::${name}`,
    type,
    name,
    custom: true,
    inputs,
    protect: false,
    retainOnDelete: false,
    dependencies: [],
    propertyDependencies: {},
  };
}

describe("AWS refusal oracle used by the mutation tests", () => {
  it("finds what AWS would refuse and accepts what it takes", () => {
    const bad = [
      resource("aws:backup/vault:Vault", "v", { name: "a b" }),
      resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "l", {
        minRetentionDays: 30,
        maxRetentionDays: 7,
        changeableForDays: 1,
      }),
      resource("aws:backup/plan:Plan", "p", {
        rules: [
          {
            ruleName: "r",
            schedule: "cron(0 5 * * ?)",
            startWindow: 30,
            lifecycle: { deleteAfter: 100, coldStorageAfter: 30 },
          },
        ],
      }),
      resource("aws:storagegateway/storedIscsiVolume:StoredIscsiVolume", "s", {
        targetName: "Vol_1",
        networkInterfaceId: "eni-1",
        diskId: "d",
      }),
      resource("aws:directconnect/transitVirtualInterface:TransitVirtualInterface", "t", {
        vlan: 5000,
        mtu: 9001,
      }),
    ];
    assert.deepEqual(awsRefusals(bad), [
      'aws:backup/vault:Vault v: name="a b" does not match /^[a-zA-Z0-9\\-_]{2,50}$/',
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration l: changeableForDays=1 < 3",
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration l: min 30 > max 7",
      'aws:backup/plan:Plan p: rules[0].schedule="cron(0 5 * * ?)" does not match /^cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)$/',
      "aws:backup/plan:Plan p: rules[0].lifecycle: deleteAfter 100 < coldStorageAfter 30 + 90",
      "aws:backup/plan:Plan p: rules[0].startWindow=30 < 60",
      'aws:storagegateway/storedIscsiVolume:StoredIscsiVolume s: targetName="Vol_1" does not match /^[-.;a-z0-9]{1,200}$/',
      'aws:storagegateway/storedIscsiVolume:StoredIscsiVolume s: networkInterfaceId="eni-1" does not match /^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$/',
      "aws:directconnect/transitVirtualInterface:TransitVirtualInterface t: vlan=5000 not in 1-4094",
      "aws:directconnect/transitVirtualInterface:TransitVirtualInterface t: mtu=9001",
    ]);
    const good = [
      resource("aws:backup/vault:Vault", "v", { name: "prod-backup" }),
      resource("aws:backup/plan:Plan", "p", {
        rules: [
          {
            ruleName: "daily",
            schedule: "cron(0 5 ? * * *)",
            startWindow: 60,
            lifecycle: { deleteAfter: 120, coldStorageAfter: 30 },
          },
        ],
      }),
    ];
    assert.deepEqual(awsRefusals(good), []);
  });

  it("knows the air-gapped vault's bounds, the scan enums, region settings and recorder rules", () => {
    const bad = [
      resource("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "a", {
        name: "ag",
        minRetentionDays: 3,
        maxRetentionDays: 2,
      }),
      resource("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "b", { name: "ag" }),
      resource("aws:backup/plan:Plan", "p", {
        scanSettings: [{ malwareScanner: "CLAMAV", resourceTypes: ["EFS"] }],
        rules: [
          {
            ruleName: "daily",
            schedule: "cron(0 5 ? * * *)",
            lifecycle: { deleteAfter: 35 },
            scanActions: [{ malwareScanner: "GUARDDUTY", scanMode: "QUICK" }],
          },
        ],
      }),
      resource("aws:backup/regionSettings:RegionSettings", "r", {
        resourceTypeOptInPreference: {},
      }),
      resource("aws:cfg/recorder:Recorder", "c", {
        recordingGroup: {
          allSupported: true,
          recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
          resourceTypes: ["AWS::Backup::BackupVault"],
        },
      }),
    ];
    assert.deepEqual(awsRefusals(bad), [
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault a: minRetentionDays=3 not in 7-36500",
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault a: min 3 > max 2",
      "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault b: retention bounds missing",
      "aws:backup/plan:Plan p: scanSettings[0].malwareScanner",
      'aws:backup/plan:Plan p: scanSettings[0].resourceTypes=["EFS"]',
      "aws:backup/plan:Plan p: scanSettings[0].scannerRoleArn missing",
      'aws:backup/plan:Plan p: rules[0].scanActions[0]={"malwareScanner":"GUARDDUTY","scanMode":"QUICK"}',
      "aws:backup/regionSettings:RegionSettings r: no opt-in preference",
      "aws:cfg/recorder:Recorder c: inclusion by resource types needs allSupported false, no global types and a type",
    ]);
  });
});
