/**
 * Type tokens the pack matches. The pack never imports `@pulumi/aws` (it would add seconds to the
 * start-up of every preview), so resources are recognised by these strings.
 */

export const T = {
  ebsVolume: "aws:ebs/volume:Volume",
  ec2Instance: "aws:ec2/instance:Instance",
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  efsFileSystem: "aws:efs/fileSystem:FileSystem",
  dynamodbTable: "aws:dynamodb/table:Table",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  storedIscsiVolume: "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",

  backupPlan: "aws:backup/plan:Plan",
  backupSelection: "aws:backup/selection:Selection",
  backupVault: "aws:backup/vault:Vault",
  backupVaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  backupVaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
  airGappedVault: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
  backupFramework: "aws:backup/framework:Framework",
  backupReportPlan: "aws:backup/reportPlan:ReportPlan",

  glacierVault: "aws:glacier/vault:Vault",
  glacierVaultLock: "aws:glacier/vaultLock:VaultLock",

  kmsKey: "aws:kms/key:Key",
  snsTopic: "aws:sns/topic:Topic",
  dxConnection: "aws:directconnect/connection:Connection",
  ssmParameter: "aws:ssm/parameter:Parameter",

  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketVersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  bucketSse:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketSseV2:
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  bucketObjectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  bucketObjectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  bucketLifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketAcl: "aws:s3/bucketAcl:BucketAcl",
  bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
  bucketReplication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketLoggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",

  docdbCluster: "aws:docdb/cluster:Cluster",
  neptuneCluster: "aws:neptune/cluster:Cluster",
  fsxWindows: "aws:fsx/windowsFileSystem:WindowsFileSystem",
  fsxLustre: "aws:fsx/lustreFileSystem:LustreFileSystem",
  fsxOntap: "aws:fsx/ontapFileSystem:OntapFileSystem",
  fsxOpenZfs: "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
  kmsAlias: "aws:kms/alias:Alias",
  kmsReplicaKey: "aws:kms/replicaKey:ReplicaKey",
  vaultNotifications: "aws:backup/vaultNotifications:VaultNotifications",
  awsProvider: "pulumi:providers:aws",
} as const;

/**
 * Stores of record: resources that hold data by their nature, so they must carry a backup tier
 * tag and be selected by a backup plan. Buckets join them when they show evidence of holding
 * backups or archives (see `lib/s3.ts`).
 */
export const STORE_OF_RECORD_TYPES: readonly string[] = [
  T.rdsInstance,
  T.rdsCluster,
  T.dynamodbTable,
  T.efsFileSystem,
  T.fsxWindows,
  T.fsxLustre,
  T.fsxOntap,
  T.fsxOpenZfs,
  T.ebsVolume,
  T.docdbCluster,
  T.neptuneCluster,
  T.storedIscsiVolume,
];

/** Compute AWS Backup can protect but that usually holds no state of its own: advisory only. */
export const COMPUTE_TYPES: readonly string[] = [T.ec2Instance];

/** Both S3 bucket families. */
export const BUCKET_TYPES: readonly string[] = [T.bucket, T.bucketV2];

/** KMS resources whose key is customer-managed by construction. */
export const CUSTOMER_KEY_TYPES: readonly string[] = [T.kmsKey, T.kmsReplicaKey, T.kmsAlias];
