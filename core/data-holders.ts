/**
 * The resource types that hold data, or the keys and locks without which the data is lost or
 * unprotected: every one of them must be protected or retained when it leaves a program.
 */
export const DATA_HOLDER_TYPES: readonly string[] = [
  "aws:kms/key:Key",
  "aws:backup/vault:Vault",
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  "aws:backup/vaultPolicy:VaultPolicy",
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  "aws:glacier/vault:Vault",
  "aws:glacier/vaultLock:VaultLock",
  "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
  "aws:storagegateway/gateway:Gateway",
];

export function isDataHolderType(type: string): boolean {
  return DATA_HOLDER_TYPES.includes(type);
}

/** How a component keeps what holds recovery points when it leaves a program. */
export interface DataHolderSettings {
  /** Marks every data holder with Pulumi `protect`. @default false */
  readonly protect?: boolean;
  /**
   * Leaves every data holder in AWS when it is deleted from the program or the stack is
   * destroyed. Only a stack that holds no data worth keeping should set it to false.
   * @default true
   */
  readonly retainOnDelete?: boolean;
}
