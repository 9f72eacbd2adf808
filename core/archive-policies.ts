/**
 * The S3, KMS and IAM policy documents of the archive tier, as pure functions of plain values.
 * Components resolve ARNs, account, region and partition and serialize these documents.
 *
 * Encryption is enforced the way multipart uploads allow: S3 authorizes every `UploadPart` request
 * as `s3:PutObject`, and those requests carry no `x-amz-server-side-encryption` header (it is
 * given once, on `CreateMultipartUpload`). A statement that denies requests *without* the header
 * therefore breaks every multipart upload. Instead, the bucket's default encryption applies the
 * archive key to every request that names no encryption, and the policies deny only requests that
 * name another algorithm, another key, or a customer-provided key (a `Null: false` condition limits
 * each deny to requests that carry the header).
 */
import {
  enableAccountIamPolicies,
  denyS3WithoutTls,
  policyDocument,
  type PolicyDocument,
  type PolicyDocumentOf,
  type PolicyStatement,
} from "./iam-documents";

/** A statement of an identity-based policy, which names no principal. */
export type IdentityPolicyStatement = Omit<PolicyStatement, "Principal">;

export type IdentityPolicyDocument = PolicyDocumentOf<IdentityPolicyStatement>;

export const S3_SERVICE_PRINCIPAL = "s3.amazonaws.com";
export const S3_LOGGING_SERVICE_PRINCIPAL = "logging.s3.amazonaws.com";
export const ROLES_ANYWHERE_SERVICE_PRINCIPAL = "rolesanywhere.amazonaws.com";

const SSE_HEADER = "s3:x-amz-server-side-encryption";
const SSE_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";
const SSE_CUSTOMER_HEADER = "s3:x-amz-server-side-encryption-customer-algorithm";
const ENCRYPTION_CONTEXT_KEY = "kms:EncryptionContext:aws:s3:arn";

export function bucketArnOf(partition: string, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}

/** The endpoint through which S3 calls KMS for a bucket in `region`, for `kms:ViaService`. */
export function s3ViaService(region: string, dnsSuffix: string): string {
  return `s3.${region}.${dnsSuffix}`;
}

/**
 * The S3 encryption contexts a key sees for a bucket: the bucket ARN when S3 Bucket Keys are on
 * (the archive buckets' case), the object ARN otherwise.
 */
function encryptionContexts(bucketArn: string, objectPatterns: readonly string[]): string[] {
  return [bucketArn, ...objectPatterns];
}

const document = policyDocument<PolicyStatement>;
const identityDocument = policyDocument<IdentityPolicyStatement>;

/**
 * The key policy of an archive bucket's key (and of its DR replica's key): the owning account's
 * IAM policies decide who may use it, which is how the uploaders and the replication role get
 * their narrow, S3-only grants.
 */
export function archiveKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return document([enableAccountIamPolicies({ partition, accountId })]);
}

/**
 * The bucket policy of an archive bucket or its replica: TLS only; uploads that ask for another
 * algorithm than SSE-KMS, for another KMS key, or for a customer-provided key are refused.
 */
export function archiveBucketPolicy(bucketArn: string, kmsKeyArn: string): PolicyDocument {
  const objects = `${bucketArn}/*`;
  return document([
    denyS3WithoutTls(bucketArn),
    {
      Sid: "DenyUploadsWithEncryptionOtherThanSseKms",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { [SSE_HEADER]: "aws:kms" },
        Null: { [SSE_HEADER]: "false" },
      },
    },
    {
      Sid: "DenyUploadsWithAnotherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { [SSE_KEY_HEADER]: kmsKeyArn },
        Null: { [SSE_KEY_HEADER]: "false" },
      },
    },
    {
      Sid: "DenyUploadsWithCustomerProvidedKeys",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { Null: { [SSE_CUSTOMER_HEADER]: "false" } },
    },
  ]);
}

/**
 * The trust policy of the replication role: S3, on behalf of the source bucket of this account
 * only (the confused-deputy conditions of the S3 User Guide).
 */
export function replicationTrustPolicy(accountId: string, sourceBucketArn: string): PolicyDocument {
  return document([
    {
      Sid: "AllowS3ToReplicateTheArchiveBucket",
      Effect: "Allow",
      Principal: { Service: S3_SERVICE_PRINCIPAL },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": sourceBucketArn },
      },
    },
  ]);
}

export interface ReplicationPolicyOptions {
  readonly sourceBucketArn: string;
  readonly sourceKeyArn: string;
  readonly sourceRegion: string;
  readonly replicaBucketArn: string;
  readonly replicaKeyArn: string;
  readonly replicaRegion: string;
  readonly dnsSuffix: string;
}

/**
 * What replication of SSE-KMS objects with Object Lock needs: read the versions with their
 * retention and legal hold, write replicas (delete markers are not replicated, so no
 * `s3:ReplicateDelete`), decrypt with the source key and encrypt with the replica key, each only
 * through S3 in its own region.
 */
export function replicationRolePolicy(options: ReplicationPolicyOptions): IdentityPolicyDocument {
  const source = options.sourceBucketArn;
  const replica = options.replicaBucketArn;
  return identityDocument([
    {
      Sid: "ReadTheReplicationConfiguration",
      Effect: "Allow",
      Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
      Resource: source,
    },
    {
      Sid: "ReadSourceVersionsWithTheirLocks",
      Effect: "Allow",
      Action: [
        "s3:GetObjectVersionForReplication",
        "s3:GetObjectVersionAcl",
        "s3:GetObjectVersionTagging",
        "s3:GetObjectRetention",
        "s3:GetObjectLegalHold",
      ],
      Resource: `${source}/*`,
    },
    {
      Sid: "WriteReplicas",
      Effect: "Allow",
      Action: ["s3:ReplicateObject", "s3:ReplicateTags"],
      Resource: `${replica}/*`,
    },
    {
      Sid: "DecryptSourceObjectsThroughS3",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: options.sourceKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": s3ViaService(options.sourceRegion, options.dnsSuffix) },
        StringLike: { [ENCRYPTION_CONTEXT_KEY]: encryptionContexts(source, [`${source}/*`]) },
      },
    },
    {
      Sid: "EncryptReplicasThroughS3",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:GenerateDataKey"],
      Resource: options.replicaKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": s3ViaService(options.replicaRegion, options.dnsSuffix) },
        StringLike: { [ENCRYPTION_CONTEXT_KEY]: encryptionContexts(replica, [`${replica}/*`]) },
      },
    },
  ]);
}

export interface AccessLogBucketPolicyOptions {
  readonly logBucketArn: string;
  readonly sourceBucketArn: string;
  readonly accountId: string;
  /** The key prefix the logs of the source bucket are written under. */
  readonly targetPrefix: string;
}

/**
 * The access-log bucket's policy: TLS only, and the S3 logging service may write the logs of the
 * archive bucket of this account (the policy-based grant that works with BucketOwnerEnforced).
 */
export function accessLogBucketPolicy(options: AccessLogBucketPolicyOptions): PolicyDocument {
  return document([
    denyS3WithoutTls(options.logBucketArn),
    {
      Sid: "AllowServerAccessLogDeliveryFromTheArchiveBucket",
      Effect: "Allow",
      Principal: { Service: S3_LOGGING_SERVICE_PRINCIPAL },
      Action: "s3:PutObject",
      Resource: `${options.logBucketArn}/${options.targetPrefix}*`,
      Condition: {
        ArnLike: { "aws:SourceArn": options.sourceBucketArn },
        StringEquals: { "aws:SourceAccount": options.accountId },
      },
    },
  ]);
}

/** An IAM principal ARN (an account root, a role or a user) in any partition. */
export const IAM_PRINCIPAL_ARN =
  /^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(root|role\/[\w+=,.@\-/]{1,512}|user\/[\w+=,.@\-/]{1,512})$/;
/** An IAM Roles Anywhere trust anchor ARN. */
export const TRUST_ANCHOR_ARN =
  /^arn:aws(-cn|-us-gov)?:rolesanywhere:[a-z0-9-]+:[0-9]{12}:trust-anchor\/[0-9a-f-]{36}$/;

export function isTrustAnchorArn(arn: string): boolean {
  return TRUST_ANCHOR_ARN.test(arn);
}

/** Conditions every IAM principal must meet to assume an uploader role. */
export interface UploaderTrustConditions {
  /** The `sts:ExternalId` the caller must pass. */
  readonly externalId?: string;
  /** The AWS Organizations id the caller must belong to (`aws:PrincipalOrgID`). */
  readonly principalOrgId?: string;
}

/** The account root ARN's account, or undefined when `arn` is not an account root. */
export function rootAccountOf(arn: string): string | undefined {
  return /^arn:aws(?:-cn|-us-gov)?:iam::([0-9]{12}):root$/.exec(arn)?.[1];
}

/**
 * The uploader role's trust policy: IAM principals (roles of an on-premises account, users) may
 * assume it, under the external id and organization conditions given, and IAM Roles Anywhere may
 * create sessions for certificates issued under the trust anchors given.
 */
export function uploaderTrustPolicy(
  trustedPrincipalArns: readonly string[],
  conditions: UploaderTrustConditions = {},
): PolicyDocument {
  const anchors = trustedPrincipalArns.filter(isTrustAnchorArn);
  const principals = trustedPrincipalArns.filter((arn) => !isTrustAnchorArn(arn));
  const statements: PolicyStatement[] = [];
  if (principals.length > 0) {
    const equals: Record<string, string> = {};
    if (conditions.externalId !== undefined) equals["sts:ExternalId"] = conditions.externalId;
    if (conditions.principalOrgId !== undefined) {
      equals["aws:PrincipalOrgID"] = conditions.principalOrgId;
    }
    statements.push({
      Sid: "AllowTrustedPrincipalsToAssumeTheRole",
      Effect: "Allow",
      Principal: { AWS: principals },
      Action: "sts:AssumeRole",
      ...(Object.keys(equals).length === 0 ? {} : { Condition: { StringEquals: equals } }),
    });
  }
  if (anchors.length > 0) {
    statements.push({
      Sid: "AllowRolesAnywhereSessionsFromTrustedAnchors",
      Effect: "Allow",
      Principal: { Service: ROLES_ANYWHERE_SERVICE_PRINCIPAL },
      Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      Condition: { ArnEquals: { "aws:SourceArn": anchors } },
    });
  }
  return document(statements);
}

/**
 * What an uploader must never do: delete or overwrite retention, lift a legal hold, bypass
 * governance mode, or change the bucket (`s3:PutBucket*` covers its policy, versioning, Object
 * Lock configuration and public access block; lifecycle, replication and encryption have actions
 * of their own).
 */
export const UPLOADER_DENIED_ACTIONS = [
  "s3:DeleteObject*",
  "s3:BypassGovernanceRetention",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:PutBucket*",
  "s3:DeleteBucket*",
  "s3:PutLifecycleConfiguration",
  "s3:PutReplicationConfiguration",
  "s3:PutEncryptionConfiguration",
] as const;

export interface UploaderPolicyOptions {
  readonly bucketArn: string;
  readonly prefixes: readonly string[];
  readonly kmsKeyArn: string;
  readonly vpcEndpointId: string;
  readonly region: string;
  readonly dnsSuffix: string;
}

/**
 * The uploader role's own policy: put-only into its prefixes through the VPC endpoint; the archive
 * key only through S3 (`kms:Decrypt` too, which S3 needs to complete a multipart upload of an
 * SSE-KMS object; the role can read nothing, so it decrypts nothing for itself); every other
 * encryption, other S3 path and destructive action denied.
 */
export function uploaderPolicy(options: UploaderPolicyOptions): IdentityPolicyDocument {
  const bucket = options.bucketArn;
  const ownObjects = options.prefixes.map((prefix) => `${bucket}/${prefix}*`);
  return identityDocument([
    {
      Sid: "PutIntoOwnPrefixesThroughTheVpcEndpoint",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
      Resource: ownObjects,
      Condition: { StringEquals: { "aws:SourceVpce": options.vpcEndpointId } },
    },
    {
      Sid: "UseTheArchiveKeyThroughS3Only",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: options.kmsKeyArn,
      Condition: {
        StringEquals: { "kms:ViaService": s3ViaService(options.region, options.dnsSuffix) },
        StringLike: { [ENCRYPTION_CONTEXT_KEY]: encryptionContexts(bucket, ownObjects) },
      },
    },
    {
      Sid: "DenyEncryptionOtherThanSseKms",
      Effect: "Deny",
      Action: "s3:PutObject",
      Resource: `${bucket}/*`,
      Condition: {
        StringNotEquals: { [SSE_HEADER]: "aws:kms" },
        Null: { [SSE_HEADER]: "false" },
      },
    },
    {
      Sid: "DenyAnotherKmsKey",
      Effect: "Deny",
      Action: "s3:PutObject",
      Resource: `${bucket}/*`,
      Condition: {
        StringNotEquals: { [SSE_KEY_HEADER]: options.kmsKeyArn },
        Null: { [SSE_KEY_HEADER]: "false" },
      },
    },
    {
      Sid: "DenyTheBucketOutsideTheVpcEndpoint",
      Effect: "Deny",
      Action: "s3:*",
      Resource: [bucket, `${bucket}/*`],
      Condition: { StringNotEquals: { "aws:SourceVpce": options.vpcEndpointId } },
    },
    {
      Sid: "DenyDeletionRetentionAndBucketChanges",
      Effect: "Deny",
      Action: UPLOADER_DENIED_ACTIONS,
      Resource: [bucket, `${bucket}/*`],
    },
  ]);
}
