/** The safety policies of the pack, one per file. */
import { awsProviderAllowedAccountIds } from "./aws-provider-allowed-account-ids";
import { backupVaultPolicyNoDeployerExemption } from "./backup-vault-policy-no-deployer-exemption";
import { noForceDestroyOnBackupStores } from "./no-force-destroy-on-backup-stores";
import { protectRecoveryPointStores } from "./protect-recovery-point-stores";
import { rdsDeletionSafety } from "./rds-deletion-safety";
import { rdsNotPublic } from "./rds-not-public";
import { storedVolumePreserveExistingData } from "./stored-volume-preserve-existing-data";

export {
  awsProviderAllowedAccountIds,
  backupVaultPolicyNoDeployerExemption,
  noForceDestroyOnBackupStores,
  protectRecoveryPointStores,
  rdsDeletionSafety,
  rdsNotPublic,
  storedVolumePreserveExistingData,
};

export const safetyPolicies = [
  awsProviderAllowedAccountIds,
  backupVaultPolicyNoDeployerExemption,
  noForceDestroyOnBackupStores,
  protectRecoveryPointStores,
  rdsDeletionSafety,
  rdsNotPublic,
  storedVolumePreserveExistingData,
];
