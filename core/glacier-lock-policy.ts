/**
 * The policy documents of a write-once Glacier vault: the Vault Lock policy that denies deleting
 * an archive younger than the retention, the vault access policy for the principals that write
 * and read archives, and the encrypted topic that announces finished retrieval jobs.
 */
import {
  accountRootArn,
  enableAccountIamPolicies,
  policyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from "./iam-documents";
import { LONGEST_ACCOUNT_ID, LONGEST_PARTITION, LONGEST_REGION } from "./policy-size";

export const GLACIER_SERVICE_PRINCIPAL = "glacier.amazonaws.com";

/** The two events a Glacier vault can announce, both about finished retrieval jobs. */
export const GLACIER_RETRIEVAL_EVENTS = [
  "ArchiveRetrievalCompleted",
  "InventoryRetrievalCompleted",
] as const;

/** What writers may do: upload archives, single or multipart. */
export const GLACIER_WRITER_ACTIONS = [
  "glacier:UploadArchive",
  "glacier:InitiateMultipartUpload",
  "glacier:UploadMultipartPart",
  "glacier:CompleteMultipartUpload",
  "glacier:AbortMultipartUpload",
  "glacier:ListMultipartUploads",
  "glacier:ListParts",
  "glacier:DescribeVault",
] as const;

/** What readers may do: start retrieval and inventory jobs and fetch their output. */
export const GLACIER_READER_ACTIONS = [
  "glacier:InitiateJob",
  "glacier:DescribeJob",
  "glacier:ListJobs",
  "glacier:GetJobOutput",
  "glacier:DescribeVault",
] as const;

export function glacierVaultArn(
  partition: string,
  region: string,
  accountId: string,
  vaultName: string,
): string {
  return `arn:${partition}:glacier:${region}:${accountId}:vaults/${vaultName}`;
}

/** The vault ARN at its longest for a name, for worst-case policy sizes. */
export function longestGlacierVaultArn(vaultName: string): string {
  return glacierVaultArn(LONGEST_PARTITION, LONGEST_REGION, LONGEST_ACCOUNT_ID, vaultName);
}

const document = policyDocument<PolicyStatement>;

/**
 * The WORM lock: nobody, the root user included, may delete an archive younger than
 * `retentionDays` (the form AWS documents in "Vault Lock Policies"). Once the lock is completed
 * the document can never change.
 */
export function glacierVaultLockPolicy(vaultArn: string, retentionDays: number): PolicyDocument {
  return document([
    {
      Sid: "DenyDeletingArchivesYoungerThanTheRetention",
      Effect: "Deny",
      Principal: "*",
      Action: "glacier:DeleteArchive",
      Resource: vaultArn,
      Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": String(retentionDays) } },
    },
  ]);
}

/**
 * The vault access policy: the writers and readers given, each with their own actions. Undefined
 * when neither is given (IAM policies of the account then decide alone).
 */
export function glacierVaultAccessPolicy(
  vaultArn: string,
  writerPrincipalArns: readonly string[],
  readerPrincipalArns: readonly string[],
): PolicyDocument | undefined {
  const statements: PolicyStatement[] = [];
  if (writerPrincipalArns.length > 0) {
    statements.push({
      Sid: "AllowWritersToUploadArchives",
      Effect: "Allow",
      Principal: { AWS: writerPrincipalArns },
      Action: GLACIER_WRITER_ACTIONS,
      Resource: vaultArn,
    });
  }
  if (readerPrincipalArns.length > 0) {
    statements.push({
      Sid: "AllowReadersToRetrieveArchives",
      Effect: "Allow",
      Principal: { AWS: readerPrincipalArns },
      Action: GLACIER_READER_ACTIONS,
      Resource: vaultArn,
    });
  }
  return statements.length === 0 ? undefined : document(statements);
}

/**
 * The key policy of the retrieval topic's key: Glacier publishes as its service principal, and SNS
 * encrypts with the publisher's permissions, so the service needs the data-key actions.
 */
export function retrievalKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return document([
    enableAccountIamPolicies({ partition, accountId }),
    {
      Sid: "AllowGlacierToPublishToTheEncryptedTopic",
      Effect: "Allow",
      Principal: { Service: GLACIER_SERVICE_PRINCIPAL },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/**
 * Who may publish to the retrieval topic: the owning account (Glacier publishes a vault's
 * notifications as the vault owner, which a topic policy must keep allowing) and the Glacier
 * service acting for this account; nobody without TLS.
 */
export function retrievalTopicPolicy(
  topicArn: string,
  partition: string,
  accountId: string,
): PolicyDocument {
  return document([
    {
      Sid: "AllowTheOwningAccountToPublish",
      Effect: "Allow",
      Principal: { AWS: accountRootArn(partition, accountId) },
      Action: "SNS:Publish",
      Resource: topicArn,
    },
    {
      Sid: "AllowGlacierToPublishForThisAccount",
      Effect: "Allow",
      Principal: { Service: GLACIER_SERVICE_PRINCIPAL },
      Action: "SNS:Publish",
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
    {
      Sid: "DenyPublishingWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: "SNS:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
