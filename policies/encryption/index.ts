/** The encryption policies of the pack, one per file. */
import { backupVaultCmk } from "./backup-vault-cmk";
import { directconnectMacsec } from "./directconnect-macsec";
import { kmsKeyNoPublicPrincipal } from "./kms-key-no-public-principal";
import { kmsKeyRotation } from "./kms-key-rotation";
import { s3BackupBucketKms } from "./s3-backup-bucket-kms";
import { s3BackupBucketTlsOnly } from "./s3-backup-bucket-tls-only";
import { snsTopicKms } from "./sns-topic-kms";
import { storageEncryptedWithCmk } from "./storage-encrypted-with-cmk";

export {
  backupVaultCmk,
  directconnectMacsec,
  kmsKeyNoPublicPrincipal,
  kmsKeyRotation,
  s3BackupBucketKms,
  s3BackupBucketTlsOnly,
  snsTopicKms,
  storageEncryptedWithCmk,
};

export const encryptionPolicies = [
  backupVaultCmk,
  directconnectMacsec,
  kmsKeyNoPublicPrincipal,
  kmsKeyRotation,
  s3BackupBucketKms,
  s3BackupBucketTlsOnly,
  snsTopicKms,
  storageEncryptedWithCmk,
];
