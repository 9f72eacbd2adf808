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
} as const;

/** Resources AWS Backup can protect and the tag convention applies to. */
export const BACKUP_ELIGIBLE_TYPES: readonly string[] = [
  T.ebsVolume,
  T.rdsInstance,
  T.rdsCluster,
  T.efsFileSystem,
  T.dynamodbTable,
  T.bucket,
  T.bucketV2,
  T.storedIscsiVolume,
  T.ec2Instance,
];

/** Both S3 bucket families. */
export const BUCKET_TYPES: readonly string[] = [T.bucket, T.bucketV2];
