/**
 * The IAM, KMS, SNS, S3 and AWS Backup policy documents of the backup core, as pure functions of
 * plain values, so that each statement can be read and tested on its own. Components resolve their
 * inputs (account, partition, region, ARNs) and serialize these documents inside `apply`.
 */

import {
  BREAK_GLASS_MFA_MAX_AGE_SECONDS,
  RECOVERY_POINT_DELETION_ACTIONS,
  VAULT_POLICY_ACTIONS,
} from "./vault-access";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal:
    | "*"
    | { readonly AWS: string | readonly string[] }
    | { readonly Service: string };
  readonly Action: string | readonly string[];
  /** Absent only in trust policies, which must not name a resource. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** A policy document of statements of type `S`, in the only policy language version AWS keeps. */
export interface PolicyDocumentOf<S> {
  readonly Version: "2012-10-17";
  readonly Statement: readonly S[];
}

export type PolicyDocument = PolicyDocumentOf<PolicyStatement>;

export function policyDocument<S>(statements: readonly S[]): PolicyDocumentOf<S> {
  return { Version: "2012-10-17", Statement: statements };
}

/** Where a document is used: the partition, its DNS suffix, the account and the region. */
export interface Placement {
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly accountId: string;
  readonly region: string;
}

export const BACKUP_SERVICE_PRINCIPAL = "backup.amazonaws.com";

export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The bucket policy statement that refuses every request to a bucket not made over TLS. */
export function denyS3WithoutTls(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyRequestsWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

const document = policyDocument<PolicyStatement>;

/** Lets IAM policies of the owning account grant use of a key (the KMS default statement). */
export function enableAccountIamPolicies(
  placement: Pick<Placement, "partition" | "accountId">,
): PolicyStatement {
  return {
    Sid: "EnableAccountIamPolicies",
    Effect: "Allow",
    Principal: { AWS: accountRootArn(placement.partition, placement.accountId) },
    Action: "kms:*",
    Resource: "*",
  };
}

export interface VaultKeyPolicyOptions extends Placement {
  /** Accounts whose vaults receive copies of this vault's recovery points. */
  readonly copyDestinationAccountIds: readonly string[];
}

/**
 * The key policy of the key that encrypts a vault's recovery points: the account itself; AWS
 * Backup acting for principals of the account (the statement of the AWS managed `aws/backup` key);
 * and, for cross-account copies, the destination accounts, which must decrypt the source
 * recovery point and let their AWS Backup create grants on it (AWS Backup Developer Guide,
 * "Encryption for copies of a backup to a different account").
 */
export function vaultKeyPolicy(options: VaultKeyPolicyOptions): PolicyDocument {
  const statements: PolicyStatement[] = [
    enableAccountIamPolicies(options),
    {
      Sid: "AllowAwsBackupForPrincipalsOfTheAccount",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": `backup.${options.region}.${options.dnsSuffix}`,
          "kms:CallerAccount": options.accountId,
        },
      },
    },
  ];
  if (options.copyDestinationAccountIds.length > 0) {
    const destinations = options.copyDestinationAccountIds.map((id) =>
      accountRootArn(options.partition, id),
    );
    statements.push(
      {
        Sid: "AllowCopyDestinationAccountsToUseTheKey",
        Effect: "Allow",
        Principal: { AWS: destinations },
        Action: ["kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:ViaService": `backup.${options.region}.${options.dnsSuffix}` },
        },
      },
      {
        Sid: "AllowCopyDestinationAccountsToGrantToAwsServices",
        Effect: "Allow",
        Principal: { AWS: destinations },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    );
  }
  return document(statements);
}

/**
 * The key policy of the key that encrypts the notification topic: AWS Backup publishes as its
 * service principal, and SNS encrypts with the publisher's permissions, so the service principal
 * needs the data-key actions (Amazon SNS Developer Guide, "Enable compatibility between event
 * sources from AWS services and encrypted topics"). A key of its own keeps that statement off the
 * key of the recovery points.
 */
export function notificationKeyPolicy(placement: Placement): PolicyDocument {
  return document([
    enableAccountIamPolicies(placement),
    {
      Sid: "AllowAwsBackupToPublishToTheEncryptedTopic",
      Effect: "Allow",
      Principal: { Service: BACKUP_SERVICE_PRINCIPAL },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": placement.accountId } },
    },
  ]);
}

/** Only AWS Backup, and only for vaults of this account, may publish to the topic. */
export function notificationTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
  return document([
    {
      Sid: "AllowAwsBackupOfThisAccountToPublish",
      Effect: "Allow",
      Principal: { Service: BACKUP_SERVICE_PRINCIPAL },
      Action: "SNS:Publish",
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

export interface VaultAccessPolicyOptions {
  readonly partition: string;
  /**
   * The only principals still allowed to delete recovery points or change their lifecycle
   * ({@link RECOVERY_POINT_DELETION_ACTIONS}) and, with `policyManagerRoleArns`, to replace or
   * remove this policy.
   */
  readonly breakGlassRoleArns: readonly string[];
  /** Roles that deploy the vault and may therefore manage this policy, but delete nothing. */
  readonly policyManagerRoleArns: readonly string[];
  /** Accounts whose AWS Backup may copy recovery points into this vault. */
  readonly copySourceAccountIds: readonly string[];
  /**
   * An AWS Organizations id: alone, every account of the organization may copy in; with
   * `copySourceAccountIds`, those accounts only while they belong to the organization.
   */
  readonly copySourceOrganizationId?: string;
}

/**
 * The vault access policy: deny deleting recovery points and changing their lifecycle to every
 * principal but the break-glass roles; deny replacing or removing the policy to every principal
 * but the break-glass roles and the deployers; and, on a copy destination, allow the source
 * accounts (or organization) to copy in.
 */
export function vaultAccessPolicy(options: VaultAccessPolicyOptions): PolicyDocument {
  const managers = [
    ...options.breakGlassRoleArns,
    ...options.policyManagerRoleArns.filter((arn) => !options.breakGlassRoleArns.includes(arn)),
  ];
  const statements: PolicyStatement[] = [
    {
      Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
      Effect: "Deny",
      Principal: "*",
      Action: RECOVERY_POINT_DELETION_ACTIONS,
      Resource: "*",
      Condition: { ArnNotLike: { "aws:PrincipalArn": options.breakGlassRoleArns } },
    },
    {
      Sid: "DenyAccessPolicyChangesExceptBreakGlassAndDeployers",
      Effect: "Deny",
      Principal: "*",
      Action: VAULT_POLICY_ACTIONS,
      Resource: "*",
      Condition: { ArnNotLike: { "aws:PrincipalArn": managers } },
    },
  ];
  const organization = options.copySourceOrganizationId;
  const inOrganization =
    organization === undefined
      ? undefined
      : { StringEquals: { "aws:PrincipalOrgID": organization } };
  if (options.copySourceAccountIds.length > 0) {
    statements.push({
      Sid: "AllowCopyIntoThisVaultFromSourceAccounts",
      Effect: "Allow",
      Principal: {
        AWS: options.copySourceAccountIds.map((id) => accountRootArn(options.partition, id)),
      },
      Action: "backup:CopyIntoBackupVault",
      Resource: "*",
      ...(inOrganization === undefined ? {} : { Condition: inOrganization }),
    });
  } else if (inOrganization !== undefined) {
    statements.push({
      Sid: "AllowCopyIntoThisVaultFromTheOrganization",
      Effect: "Allow",
      Principal: "*",
      Action: "backup:CopyIntoBackupVault",
      Resource: "*",
      Condition: inOrganization,
    });
  }
  return document(statements);
}

export interface BreakGlassTrustPolicyOptions {
  readonly partition: string;
  /** The account of the break-glass role: only its principals may assume it. */
  readonly accountId: string;
  /** The roles the stack deploys with: denied even with MFA. */
  readonly deployRoleArns: readonly string[];
}

/**
 * The trust policy a break-glass role needs so that no deploying identity can use it: principals
 * of its own account only, signed in with MFA within the last hour, and never one of the deploy
 * roles (an explicit deny, which no permission of theirs can override).
 */
export function breakGlassTrustPolicy(options: BreakGlassTrustPolicyOptions): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "AllowPrincipalsOfTheAccountSignedInWithMfa",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(options.partition, options.accountId) },
      Action: "sts:AssumeRole",
      Condition: {
        Bool: { "aws:MultiFactorAuthPresent": "true" },
        NumericLessThan: { "aws:MultiFactorAuthAge": String(BREAK_GLASS_MFA_MAX_AGE_SECONDS) },
      },
    },
  ];
  if (options.deployRoleArns.length > 0) {
    statements.push({
      Sid: "DenyTheDeployRoles",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "sts:AssumeRole",
      Condition: { ArnLike: { "aws:PrincipalArn": options.deployRoleArns } },
    });
  }
  return document(statements);
}

/**
 * The SNS subscription filter AWS documents for failed AWS Backup jobs ("How can I get
 * notifications for AWS Backup jobs that failed?"): job events carry a `State` message attribute,
 * and everything that did not end in COMPLETED (FAILED, ABORTED, EXPIRED, PARTIAL...) reaches people.
 */
export const FAILED_JOBS_FILTER_POLICY = { State: [{ "anything-but": "COMPLETED" }] } as const;

/**
 * The trust policy of the role AWS Backup assumes to back up, restore and test restores: AWS
 * Backup acting for this account only (the confused-deputy condition).
 */
export function backupServiceTrustPolicy(accountId: string): PolicyDocument {
  return document([
    {
      Sid: "AllowAwsBackupToAssumeTheRole",
      Effect: "Allow",
      Principal: { Service: BACKUP_SERVICE_PRINCIPAL },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** ARN of an AWS managed policy in a partition; `name` may include a path (`service-role/...`). */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** The service-linked role Backup Audit Manager uses to write report files. */
export function backupReportsRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

export interface ReportBucketPolicyOptions {
  readonly partition: string;
  readonly accountId: string;
  readonly bucketName: string;
}

/**
 * The report bucket policy: TLS only, and the statement AWS documents for report plans (the
 * reports service-linked role may put objects with `bucket-owner-full-control`). The role is named
 * through `aws:PrincipalArn` rather than as the principal because it only exists once AWS Backup
 * has created it, and S3 rejects a policy that names a missing principal ("Invalid principal").
 */
export function reportBucketPolicy(options: ReportBucketPolicyOptions): PolicyDocument {
  const bucketArn = `arn:${options.partition}:s3:::${options.bucketName}`;
  return document([
    denyS3WithoutTls(bucketArn),
    {
      Sid: "AllowBackupAuditManagerToDeliverReports",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: {
        StringEquals: {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:PrincipalArn": backupReportsRoleArn(options.partition, options.accountId),
        },
      },
    },
  ]);
}

/**
 * The key policy of the report bucket's key: the account, and the reports service-linked role for
 * `kms:GenerateDataKey` through S3 (what AWS documents for report buckets encrypted with a
 * customer managed key), named by condition for the same reason as in the bucket policy.
 */
export function reportKeyPolicy(placement: Placement): PolicyDocument {
  return document([
    enableAccountIamPolicies(placement),
    {
      Sid: "AllowBackupAuditManagerToEncryptReports",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
      Condition: {
        StringEquals: {
          "aws:PrincipalArn": backupReportsRoleArn(placement.partition, placement.accountId),
          "kms:ViaService": `s3.${placement.region}.${placement.dnsSuffix}`,
        },
      },
    },
  ]);
}
