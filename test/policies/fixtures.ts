/**
 * A production-like stack that every policy of the pack accepts under `policies/config/prod.json`:
 * one of each resource the pack looks at, joined the way a preview records them (names known
 * where the program sets them, outputs unknown with property dependencies).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ResourceFixture, UNKNOWN, urnOf } from "../helpers/policy-harness";

const CONFIG_DIR = path.resolve(__dirname, "..", "..", "policies", "config");

/** The config properties a `--policy-config` file of the pack gives one policy. */
export function fileConfig(file: string, policy: string): Record<string, unknown> {
  const config = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, file), "utf8")) as Record<
    string,
    unknown
  >;
  const entry = config[policy];
  if (entry === null || typeof entry !== "object") {
    return {};
  }
  const properties = { ...(entry as Record<string, unknown>) };
  delete properties["enforcementLevel"];
  return properties;
}

const ACCOUNT = "111111111111";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1c2d3e-aaaa-bbbb-cccc-111122223333`;
const DR_VAULT_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:dr";
const provider = { props: { region: "us-east-1", allowedAccountIds: `["${ACCOUNT}"]` } };

const statement = (fields: Record<string, unknown>): Record<string, unknown> => ({
  Resource: "*",
  ...fields,
});

export const PROD_STACK: readonly ResourceFixture[] = [
  {
    type: "aws:kms/key:Key",
    name: "backup-key",
    props: {
      enableKeyRotation: true,
      policy: JSON.stringify({
        Statement: [
          statement({
            Sid: "Root",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
          }),
          statement({
            Sid: "Org",
            Effect: "Allow",
            Principal: "*",
            Action: "kms:Decrypt",
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
          }),
        ],
      }),
    },
    protect: true,
    provider,
  },
  {
    type: "aws:backup/vault:Vault",
    name: "vault",
    props: { name: "prod-backup", kmsKeyArn: KEY_ARN },
    propertyDependencies: { kmsKeyArn: [urnOf("aws:kms/key:Key", "backup-key")] },
    protect: true,
    provider,
  },
  {
    type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    name: "vault-lock",
    props: {
      backupVaultName: "prod-backup",
      minRetentionDays: 7,
      maxRetentionDays: 3650,
      changeableForDays: 3,
    },
    protect: true,
    provider,
  },
  {
    type: "aws:backup/vaultPolicy:VaultPolicy",
    name: "vault-policy",
    props: {
      backupVaultName: UNKNOWN,
      policy: JSON.stringify({
        Statement: [
          statement({
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
            Condition: {
              ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/backup-break-glass` },
            },
          }),
        ],
      }),
    },
    propertyDependencies: { backupVaultName: [urnOf("aws:backup/vault:Vault", "vault")] },
    provider,
  },
  {
    type: "aws:backup/plan:Plan",
    name: "gold-plan",
    props: {
      name: "prod-gold",
      tags: { "backup-tier": "gold" },
      rules: [
        {
          ruleName: "hourly",
          targetVaultName: "prod-backup",
          schedule: "cron(0 * ? * * *)",
          lifecycle: { deleteAfter: 35 },
          scanActions: [{ malwareScanner: "GUARDDUTY", scanMode: "INCREMENTAL_SCAN" }],
          copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 35 } }],
        },
        {
          ruleName: "monthly",
          targetVaultName: "prod-backup",
          schedule: "cron(0 4 1 * ? *)",
          lifecycle: { deleteAfter: 2555, coldStorageAfter: 90 },
          copyActions: [
            {
              destinationVaultArn: DR_VAULT_ARN,
              lifecycle: { deleteAfter: 2555, coldStorageAfter: 90 },
            },
          ],
        },
      ],
    },
    provider,
  },
  {
    type: "aws:backup/selection:Selection",
    name: "gold-selection",
    props: {
      name: "prod-gold-tier",
      planId: UNKNOWN,
      iamRoleArn: UNKNOWN,
      resources: [
        "arn:aws:ec2:*:*:volume/*",
        "arn:aws:rds:*:*:db:*",
        "arn:aws:dynamodb:*:*:table/*",
      ],
      conditions: [{ stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }] }],
    },
    provider,
  },
  {
    type: "aws:backup/selection:Selection",
    name: "gateway-selection",
    props: { name: "prod-gateway", planId: UNKNOWN, iamRoleArn: UNKNOWN, resources: UNKNOWN },
    propertyDependencies: {
      resources: [urnOf("aws:storagegateway/storedIscsiVolume:StoredIscsiVolume", "finance")],
    },
    provider,
  },
  {
    type: "aws:backup/framework:Framework",
    name: "controls",
    props: {
      name: "prod_backup_controls",
      controls: [
        "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
        "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
        "BACKUP_RECOVERY_POINT_ENCRYPTED",
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
        "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
      ].map((name) => ({ name })),
    },
    provider,
  },
  {
    type: "aws:backup/reportPlan:ReportPlan",
    name: "reports",
    props: {
      reportDeliveryChannel: {
        s3BucketName: "hb-prod-backup-reports-111111111111",
        formats: ["CSV"],
      },
      reportSetting: { reportTemplate: "CONTROL_COMPLIANCE_REPORT", frameworkArns: UNKNOWN },
    },
    provider,
  },
  {
    type: "aws:sns/topic:Topic",
    name: "backup-events",
    props: { kmsMasterKeyId: "alias/backup-events" },
    provider,
  },
  {
    type: "aws:ebs/volume:Volume",
    name: "app-data",
    props: { size: 100, encrypted: true, kmsKeyId: KEY_ARN, tags: { "backup-tier": "gold" } },
    provider,
  },
  {
    type: "aws:rds/instance:Instance",
    name: "orders",
    props: {
      identifier: "orders",
      storageEncrypted: true,
      kmsKeyId: KEY_ARN,
      backupRetentionPeriod: 14,
      tags: { "backup-tier": "gold" },
    },
    provider,
  },
  {
    type: "aws:dynamodb/table:Table",
    name: "sessions",
    props: {
      name: "sessions",
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN },
      tags: { "backup-tier": "gold" },
    },
    provider,
  },
  {
    type: "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
    name: "finance",
    props: {
      gatewayArn: UNKNOWN,
      diskId: "pci-0000:03:00.0-scsi-0:0:1:0",
      preserveExistingData: true,
      kmsEncrypted: true,
      kmsKey: KEY_ARN,
      targetName: "finance",
      tags: { "backup-tier": "silver" },
    },
    provider,
  },
  {
    type: "aws:s3/bucketV2:BucketV2",
    name: "archive",
    props: {
      bucket: "hb-prod-archive-111111111111",
      objectLockEnabled: true,
      tags: {
        "backup-role": "archive",
        "backup-tier": "none",
        "backup-exempt-reason": "immutable archive",
      },
    },
    provider,
  },
  ...[
    [
      "aws:s3/bucketVersioningV2:BucketVersioningV2",
      { versioningConfiguration: { status: "Enabled" } },
    ],
    [
      "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
      {
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: KEY_ARN,
            },
            bucketKeyEnabled: true,
          },
        ],
      },
    ],
    [
      "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
      { rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } } },
    ],
    [
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
      {
        rules: [
          {
            id: "deep-archive",
            status: "Enabled",
            transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
            expiration: { days: 2557 },
            noncurrentVersionExpiration: { noncurrentDays: 30 },
          },
        ],
      },
    ],
    [
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    ],
    [
      "aws:s3/bucketPolicy:BucketPolicy",
      {
        policy: JSON.stringify({
          Statement: [
            statement({
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ],
        }),
      },
    ],
  ].map(
    ([type, props], index): ResourceFixture => ({
      type: type as string,
      name: `archive-setting-${index}`,
      props: { bucket: UNKNOWN, ...(props as Record<string, unknown>) },
      propertyDependencies: { bucket: [urnOf("aws:s3/bucketV2:BucketV2", "archive")] },
      provider,
    }),
  ),
  {
    type: "aws:glacier/vault:Vault",
    name: "worm",
    props: { name: "hb-prod-db-dumps-worm" },
    protect: true,
    provider,
  },
  {
    type: "aws:glacier/vaultLock:VaultLock",
    name: "worm-lock",
    props: {
      vaultName: "hb-prod-db-dumps-worm",
      completeLock: true,
      policy: JSON.stringify({
        Statement: [
          statement({
            Effect: "Deny",
            Principal: "*",
            Action: "glacier:DeleteArchive",
            Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "2557" } },
          }),
        ],
      }),
    },
    protect: true,
    provider,
  },
  {
    type: "aws:directconnect/connection:Connection",
    name: "dx-primary",
    props: {
      bandwidth: "10Gbps",
      location: "EqDC2",
      requestMacsec: true,
      encryptionMode: "must_encrypt",
    },
    provider,
  },
  {
    type: "aws:ssm/parameter:Parameter",
    name: "objectives-gold/erp-db",
    props: {
      name: "/hybrid-backup/prod/recovery-objectives/gold/erp-db",
      type: "String",
      insecureValue: JSON.stringify({
        dataset: "gold/erp-db",
        rpoMinutes: 300,
        rtoMinutes: 285,
        monthlyCostUsd: 22899.19,
        objective: { rpoMinutes: 300, rtoMinutes: 360, monthlyBudgetUsd: 25000 },
        met: true,
        drivenBy: {
          rpo: { design: "rules[0].completionWindowMinutes", setting: "rules[0].completionWindow" },
          rto: { design: "dataset.sizeGiB", setting: "datasets[0].sizeGiB" },
          cost: {
            design: "rules[1].lifecycle.coldStorageAfterDays",
            setting: "rules[1].lifecycle",
          },
        },
        misses: [],
      }),
      tags: { "backup-role": "recovery-objectives" },
    },
    provider,
  },
  ...["RDS", "DynamoDB", "EBS"].map(
    (type): ResourceFixture => ({
      type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
      name: `gold-restore-test-${type.toLowerCase()}`,
      props: {
        name: `gold_${type.toLowerCase()}`,
        restoreTestingPlanName: "gold_restore_tests",
        protectedResourceType: type,
        iamRoleArn: "arn:aws:iam::111111111111:role/restore-testing",
        protectedResourceConditions: {
          stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }],
        },
      },
      provider,
    }),
  ),
];
