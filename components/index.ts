/**
 * The public surface of the package: every component, its arguments and the types and enums they
 * take, each component's validator, and the issue list and error the validators report through.
 * Helpers the components are built from stay internal.
 */
export {
  AirGappedVault,
  type AirGappedVaultArgs,
  validateAirGappedVaultArgs,
} from "./air-gapped-vault";
export { ArchiveBucket } from "./archive-bucket";
export { ArchiveUploaderAccess } from "./archive-uploader-access";
export {
  AuditConfigRecorder,
  type AuditConfigRecorderArgs,
  validateAuditConfigRecorderArgs,
} from "./audit-config-recorder";
export { BackupAudit, type BackupAuditArgs, validateBackupAuditArgs } from "./backup-audit";
export {
  BackupOrganization,
  type BackupOrganizationArgs,
  type OrganizationBackupPolicyArgs,
  validateBackupOrganizationArgs,
} from "./backup-organization";
export {
  type AirGappedVaultBounds,
  BackupPlan,
  type BackupPlanArgs,
  type SelectionTag,
  validateBackupPlanArgs,
} from "./backup-plan";
export {
  BackupRegionSettings,
  type BackupRegionSettingsArgs,
  validateBackupRegionSettingsArgs,
} from "./backup-region-settings";
export { BackupVault, type BackupVaultArgs, validateBackupVaultArgs } from "./backup-vault";
export { DirectConnectAttachment } from "./direct-connect-attachment";
export {
  DrVault,
  type DrVaultArgs,
  type DrVaultValidationContext,
  validateDrVaultArgs,
} from "./dr-vault";
export { GlacierVault } from "./glacier-vault";
export {
  type ObjectivesRecordEntry,
  RecoveryObjectivesRecord,
  type RecoveryObjectivesRecordArgs,
  validateRecoveryObjectivesRecordArgs,
} from "./recovery-objectives-record";
export {
  RestoreTesting,
  type RestoreTestingArgs,
  validateRestoreTestingArgs,
} from "./restore-testing";
export { StoredVolumeGateway } from "./stored-volume-gateway";
export {
  type AirGappedCopyConfig,
  type AirGappedSharing,
  type AllowCopyFromConfig,
  type ArchiveBucketArgs,
  type ArchivePrefixRule,
  type ArchiveReplicationArgs,
  type ArchiveUploaderAccessArgs,
  AssociatedGatewayType,
  type BandwidthLimits,
  BgpAddressFamily,
  ConnectionKind,
  type CustomerGatewaySpec,
  type DataHolderSettings,
  type DirectConnectAttachmentArgs,
  type DirectConnectConnectionSpec,
  type DirectConnectGatewaySpec,
  type GatewayAppliance,
  type GatewayAssociationSpec,
  type GlacierVaultArgs,
  Issues,
  type LifecycleConfig,
  type LifecycleTransition,
  MacsecEncryptionMode,
  type MacsecKey,
  type MaintenanceWindow,
  type ObjectLockArgs,
  ObjectLockMode,
  type OrganizationBackupPlan,
  type OrganizationSelection,
  RecordingFrequency,
  RecoveryPointType,
  ReportFormat,
  ReportTemplate,
  RestoreTestingAlgorithm,
  type RestoreTestingConfig,
  type RetentionRange,
  ScanMode,
  type ScanningConfig,
  type StoredVolumeGatewayArgs,
  type StoredVolumeSpec,
  type TierAuditConfig,
  type TierPlanConfig,
  type TierRuleConfig,
  TransitionStorageClass,
  type UploadBufferDisk,
  ValidationError,
  type VaultLockConfig,
  VaultLockMode,
  type VaultNotificationsConfig,
  type VirtualInterfaceSpec,
  VirtualInterfaceType,
  type VpnFailoverSpec,
  formatIssue,
  formatIssues,
  validateArchiveBucketArgs,
  validateArchiveUploaderAccessArgs,
  validateDirectConnectAttachmentArgs,
  validateGlacierVaultArgs,
  validateStoredVolumeGatewayArgs,
} from "../core";
