/**
 * A program of another team that reuses the hybrid-backup components: a hardened vault, the plan
 * that backs up every resource tagged `backup-tier: silver` into it, and an immutable archive.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  ArchiveBucket,
  BackupPlan,
  BackupVault,
  ObjectLockMode,
  VaultLockMode,
} from "hybrid-backup";

const config = new pulumi.Config();
const tags = { team: "payments", environment: pulumi.getStack() };
const lock = { minRetentionDays: 7, maxRetentionDays: 400 };

const vault = new BackupVault("payments", {
  name: `payments-${pulumi.getStack()}`,
  lock: { mode: VaultLockMode.Governance, ...lock },
  breakGlassRoleArns: [config.require("breakGlassRoleArn")],
  tags,
});

const plan = new BackupPlan("payments-silver", {
  tier: "silver",
  targetVaultName: vault.vaultName,
  targetVaultLock: lock,
  resourceTypes: ["EBS", "RDS"],
  rules: [{ name: "daily", schedule: "cron(0 3 ? * * *)", lifecycle: { deleteAfter: 35 } }],
  tags,
});

const archive = new ArchiveBucket("payments-ledger", {
  name: config.require("archiveBucketName"),
  purpose: "ledger",
  objectLock: { mode: ObjectLockMode.Governance, years: 7 },
  prefixes: [
    {
      prefix: "ledger/",
      transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
      expirationDays: 2920,
      noncurrentVersionExpirationDays: 30,
    },
  ],
  tags,
});

export const vaultArn = vault.vaultArn;
export const planId = plan.planId;
export const archiveBucketName = archive.bucketName;
