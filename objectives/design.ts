/**
 * The plain-data description of how one dataset is protected, as the recovery objective model
 * reads it. The topology fills these from its stack configuration; nothing here refers to Pulumi.
 * Paths in results (`drivenBy`) and in error messages are written relative to {@link BackupDesign}
 * (`rules[1].schedule`), or start with `dataset.` / `objective.`.
 */

export const RESOURCE_CLASSES = [
  "EBS",
  "EC2",
  "RDS",
  "Aurora",
  "EFS",
  "DynamoDB",
  "S3",
  "StorageGatewayVolume",
  "SAPHanaOnEC2",
] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

export const RESTORE_TARGETS = ["aws", "on-premises"] as const;
export type RestoreTarget = (typeof RESTORE_TARGETS)[number];

export const S3_STORAGE_CLASSES = [
  "STANDARD",
  "STANDARD_IA",
  "ONEZONE_IA",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
] as const;
export type S3StorageClass = (typeof S3_STORAGE_CLASSES)[number];

export const RETRIEVAL_TIERS = ["expedited", "standard", "bulk"] as const;
export type RetrievalTier = (typeof RETRIEVAL_TIERS)[number];

/** The data being protected. */
export interface Dataset {
  readonly name: string;
  readonly resourceClass: ResourceClass;
  /** Size of the data, GiB (AWS bills GB as 2^30 bytes). */
  readonly sizeGiB: number;
  /** Share of the data that changes in a day, 0-1. */
  readonly dailyChangeFraction: number;
  /**
   * Where a restore must make the data readable: in AWS, or on premises over Direct Connect.
   * @default "aws"
   */
  readonly restoreTo?: RestoreTarget;
}

export interface LifecycleDesign {
  /** Days after creation when a recovery point moves to cold storage; absent keeps it warm. */
  readonly coldStorageAfterDays?: number;
  /** Days after creation when a recovery point is deleted. */
  readonly deleteAfterDays: number;
}

export interface CopyActionDesign {
  /** Region of the destination vault; a copy to another account in the same region names it too. */
  readonly destinationRegion: string;
  /** Lifecycle of the copies. @default the rule's lifecycle */
  readonly lifecycle?: LifecycleDesign;
  /**
   * Minutes allowed for a copy job to finish after its source recovery point completes.
   * @default figures.json `copyCompletionAllowanceMinutes`
   */
  readonly completionAllowanceMinutes?: number;
}

/** An AWS Backup plan rule whose selection includes the dataset. */
export interface BackupRuleDesign {
  /** `cron(...)` (or `rate(...)`) expression. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default "Etc/UTC" */
  readonly scheduleExpressionTimezone?: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  /** Point-in-time recovery; applies only to resource classes that support it. @default false */
  readonly enableContinuousBackup?: boolean;
  readonly lifecycle: LifecycleDesign;
  readonly copyActions?: readonly CopyActionDesign[];
}

/**
 * A Storage Gateway stored volume holding the dataset on premises. Its recovery points are the
 * snapshots the design's `rules` take (AWS Backup plan rules that select the volume; the gateway's
 * own snapshot schedule is not modelled, as nothing deploys it). A snapshot holds what the gateway
 * has uploaded, so each rule's RPO grows by the time the changes since the previous snapshot take
 * to upload.
 */
export interface StoredVolumeDesign {
  /** Bandwidth the gateway may use to upload, bits per second. */
  readonly uploadBitsPerSecond: number;
  /** Share of the upload bandwidth carrying data, 0-1. @default figures.json `networkEfficiency` */
  readonly uploadEfficiency?: number;
  /** Share of the gateway's monthly fee charged to this dataset, 0-1. @default 1 */
  readonly gatewayFeeShare?: number;
}

export interface TransitionDesign {
  readonly afterDays: number;
  readonly storageClass: S3StorageClass;
}

/** An S3 prefix that receives a full archive of the dataset on a schedule. */
export interface ArchivePrefixDesign {
  readonly schedule: string;
  /** @default "Etc/UTC" */
  readonly scheduleExpressionTimezone?: string;
  /** Minutes from a scheduled start until the archive is fully written. */
  readonly writeAllowanceMinutes: number;
  /** Class objects are written in. @default "STANDARD" */
  readonly storageClass?: S3StorageClass;
  /** Lifecycle transitions, in ascending `afterDays`. */
  readonly transitions: readonly TransitionDesign[];
  readonly expireAfterDays: number;
  /** Retrieval tier used to restore from Glacier classes. */
  readonly retrievalTier: RetrievalTier;
  /** @default the design's region */
  readonly region?: string;
}

/** A Glacier vault that receives a full archive of the dataset on a schedule. */
export interface GlacierVaultDesign {
  readonly schedule: string;
  /** @default "Etc/UTC" */
  readonly scheduleExpressionTimezone?: string;
  /** Minutes from a scheduled start until the archive is uploaded. */
  readonly uploadAllowanceMinutes: number;
  readonly retentionDays: number;
  readonly retrievalTier: RetrievalTier;
  /** @default the design's region */
  readonly region?: string;
}

/** The Direct Connect link on-premises restores travel over. */
export interface DirectConnectDesign {
  readonly bandwidthBitsPerSecond: number;
  /** Share of the bandwidth carrying restore data, 0-1. @default figures.json `networkEfficiency` */
  readonly efficiency?: number;
  /** Dedicated port speed whose hourly fee is charged; omit for hosted connections. */
  readonly portSpeed?: string;
  /** Share of the port fee charged to this dataset, 0-1. @default 1 */
  readonly feeShare?: number;
}

/** Everything that protects one dataset. At least one of rules, storedVolume, archive, glacierVault. */
export interface BackupDesign {
  /** Primary region: where the vault and the source recovery points live. Prices are looked up here. */
  readonly region: string;
  /** The local calendar year whose schedule fires are measured. @default 2027 */
  readonly referenceYear?: number;
  readonly rules?: readonly BackupRuleDesign[];
  readonly storedVolume?: StoredVolumeDesign;
  readonly archive?: ArchivePrefixDesign;
  readonly glacierVault?: GlacierVaultDesign;
  readonly directConnect?: DirectConnectDesign;
}

export interface RecoveryObjective {
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  readonly monthlyBudgetUsd: number;
}
