/** The retention policies of the pack, one per file. */
import { backupCopyRetention } from "./backup-copy-retention";
import { backupCrossAccountCopy } from "./backup-cross-account-copy";
import { backupCrossRegionCopy } from "./backup-cross-region-copy";
import { backupPlanFrequencyAndRetention } from "./backup-plan-frequency-and-retention";
import { backupPlanRules } from "./backup-plan-rules";
import { backupRetentionWithinVaultLock } from "./backup-retention-within-vault-lock";
import { backupVaultDenyDelete } from "./backup-vault-deny-delete";
import { backupVaultLock } from "./backup-vault-lock";
import { dynamodbPointInTimeRecovery } from "./dynamodb-point-in-time-recovery";
import { glacierVaultLock } from "./glacier-vault-lock";
import { rdsBackupRetention } from "./rds-backup-retention";
import { s3ArchiveLifecycle } from "./s3-archive-lifecycle";
import { s3ArchiveObjectLock } from "./s3-archive-object-lock";
import { s3ArchiveVersioning } from "./s3-archive-versioning";

export {
  backupCopyRetention,
  backupCrossAccountCopy,
  backupCrossRegionCopy,
  backupPlanFrequencyAndRetention,
  backupPlanRules,
  backupRetentionWithinVaultLock,
  backupVaultDenyDelete,
  backupVaultLock,
  dynamodbPointInTimeRecovery,
  glacierVaultLock,
  rdsBackupRetention,
  s3ArchiveLifecycle,
  s3ArchiveObjectLock,
  s3ArchiveVersioning,
};

export const retentionPolicies = [
  backupCopyRetention,
  backupCrossAccountCopy,
  backupCrossRegionCopy,
  backupPlanFrequencyAndRetention,
  backupPlanRules,
  backupRetentionWithinVaultLock,
  backupVaultDenyDelete,
  backupVaultLock,
  dynamodbPointInTimeRecovery,
  glacierVaultLock,
  rdsBackupRetention,
  s3ArchiveLifecycle,
  s3ArchiveObjectLock,
  s3ArchiveVersioning,
];
