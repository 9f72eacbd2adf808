/**
 * A write-once, read-many Glacier vault: a Vault Lock that denies deleting archives younger than
 * the retention, an optional access policy for writers and readers, and a KMS-encrypted topic that
 * announces finished retrieval jobs.
 *
 * Vault Lock has two steps. Initiating it attaches the policy "in progress" for 24 hours, during
 * which it can be tested and aborted; if it is not completed in those 24 hours it expires and is
 * removed. Completing it is irreversible: the policy can never be changed or removed again.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import { ARCHIVE_ROLE_TAG_KEY, ArchiveRole, checkGlacierVaultName } from "./lib/archive-names";
import { IAM_PRINCIPAL_ARN } from "./lib/archive-policies";
import {
  GLACIER_RETRIEVAL_EVENTS,
  glacierVaultArn,
  longestGlacierVaultArn,
  retrievalKeyPolicy,
  retrievalTopicPolicy,
  glacierVaultAccessPolicy,
  glacierVaultLockPolicy,
} from "./lib/glacier-lock-policy";
import { GLACIER_POLICY_MAX_BYTES, checkPolicySize } from "./lib/policy-size";
import { Issues, ValidationError, checkIntRange, checkPattern, show } from "./lib/validation";

export interface GlacierVaultArgs extends DataHolderSettings {
  /** The vault name: 1-255 letters, digits, underscores, hyphens or periods. */
  readonly name: string;
  /** Archives younger than this many days cannot be deleted by anyone (1-36500). */
  readonly retentionDays: number;
  /**
   * Completes the Vault Lock, which makes it permanent: the policy can never be changed or
   * removed. Needs `acknowledgeLockIsIrreversible: true`. Left false, the lock stays in progress
   * (abortable) and expires 24 hours after it was initiated.
   * @default false
   */
  readonly completeLock?: boolean;
  /**
   * Must be `true` when `completeLock` is true.
   * @default false
   */
  readonly acknowledgeLockIsIrreversible?: boolean;
  /**
   * IAM principals (account roots, roles, users) allowed to upload archives by the vault policy.
   * @default []
   */
  readonly writerPrincipalArns?: string[];
  /**
   * IAM principals allowed to start retrieval and inventory jobs and fetch their output.
   * @default []
   */
  readonly readerPrincipalArns?: string[];
  /** The tag key whose value names the backup tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** The tag key whose value says why a resource is exempt from AWS Backup. @default "backup-exempt-reason" */
  readonly exemptReasonTagKey?: string;
  /**
   * Tags for every resource of the component.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const GLACIER_KMS_DELETION_WINDOW_DAYS = 30;
const MAX_RETENTION_DAYS = 36500;
const PRINCIPAL_RULE =
  "must be an IAM principal ARN (an account root, a role or a user) such as arn:aws:iam::111111111111:role/archive-reader";

/** Records every problem of the args; the paths are the arg names (the config keys too). */
export function validateGlacierVaultArgs(args: GlacierVaultArgs, issues: Issues): void {
  const nameOk = checkGlacierVaultName(issues.at("name"), args.name);
  checkIntRange(issues.at("retentionDays"), args.retentionDays, 1, MAX_RETENTION_DAYS, "days");
  if (args.completeLock === true && args.acknowledgeLockIsIrreversible !== true) {
    issues
      .at("acknowledgeLockIsIrreversible")
      .add(
        `is ${show(args.acknowledgeLockIsIrreversible)}, but must be true when completeLock is true: ` +
          "a completed Vault Lock can never be changed or removed, and archives younger than retentionDays can never be deleted.",
      );
  }
  const writers = args.writerPrincipalArns ?? [];
  const readers = args.readerPrincipalArns ?? [];
  let arnsOk = true;
  writers.forEach((arn, index) => {
    arnsOk =
      checkPattern(
        issues.at("writerPrincipalArns").at(index),
        arn,
        IAM_PRINCIPAL_ARN,
        PRINCIPAL_RULE,
      ) && arnsOk;
  });
  readers.forEach((arn, index) => {
    arnsOk =
      checkPattern(
        issues.at("readerPrincipalArns").at(index),
        arn,
        IAM_PRINCIPAL_ARN,
        PRINCIPAL_RULE,
      ) && arnsOk;
  });
  const accessPolicy = glacierVaultAccessPolicy(
    longestGlacierVaultArn(args.name),
    writers,
    readers,
  );
  if (nameOk && arnsOk && accessPolicy !== undefined) {
    const [longer, other] =
      readers.length > writers.length
        ? (["readerPrincipalArns", "writerPrincipalArns"] as const)
        : (["writerPrincipalArns", "readerPrincipalArns"] as const);
    const count = (list: string): number =>
      (list === "readerPrincipalArns" ? readers : writers).length;
    checkPolicySize(
      issues.at(longer),
      accessPolicy,
      GLACIER_POLICY_MAX_BYTES,
      (size, limit) =>
        `lists ${count(longer)} principals, which with the ${count(other)} of ${other} make the vault access policy ` +
        `up to ${size} bytes long, but Glacier accepts at most ${limit} bytes; name fewer principals ` +
        "(an account root ARN admits every principal its account's IAM policies allow).",
    );
  }
}

/** The exempt reason of a vault: the lock that protects it instead of AWS Backup. */
export function glacierExemptReason(args: GlacierVaultArgs): string {
  return args.completeLock === true
    ? `immutable archive: a completed Vault Lock denies deleting archives younger than ${args.retentionDays} days`
    : `archive vault: a Vault Lock in progress denies deleting archives younger than ${args.retentionDays} days until it expires`;
}

/**
 * A write-once, read-many Glacier vault: a Vault Lock that denies deleting archives younger than
 * the retention, an optional access policy, and an encrypted topic for finished retrieval jobs.
 */
export class GlacierVault extends pulumi.ComponentResource {
  /** The vault's name. */
  public readonly vaultName: pulumi.Output<string>;
  /** The vault's ARN. */
  public readonly vaultArn: pulumi.Output<string>;
  /** The encrypted topic that announces finished retrieval and inventory jobs. */
  public readonly retrievalTopicArn: pulumi.Output<string>;
  /** Whether the Vault Lock is completed (permanent). */
  public readonly lockCompleted: pulumi.Output<boolean>;

  constructor(name: string, args: GlacierVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hybrid-backup:index:GlacierVault", name, {}, opts);

    const issues = new Issues();
    validateGlacierVaultArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`GlacierVault ${name}`, issues.all).message,
        this,
      );
    }

    const keep: DataHolderSettings = { protect: args.protect, retainOnDelete: args.retainOnDelete };
    const completeLock = args.completeLock ?? false;
    const tags: Record<string, string> = { ...(args.tags ?? {}) };
    const vaultTags: Record<string, string> = {
      ...tags,
      [ARCHIVE_ROLE_TAG_KEY]: ArchiveRole.Archive,
      [args.tierTagKey ?? "backup-tier"]: "none",
      [args.exemptReasonTagKey ?? "backup-exempt-reason"]: glacierExemptReason(args),
    };

    const parent = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, parent);
    const partition = aws.getPartitionOutput({}, parent);
    const region = aws.getRegionOutput({}, parent);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the retrieval notifications of the Glacier vault ${args.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: GLACIER_KMS_DELETION_WINDOW_DAYS,
        policy: pulumi.jsonStringify(
          pulumi
            .all([partition.partition, identity.accountId])
            .apply(([p, account]) => retrievalKeyPolicy(p, account)),
        ),
        tags,
      },
      dataHolderOptions(this, keep),
    );
    const topic = new aws.sns.Topic(
      `${name}-retrievals`,
      { kmsMasterKeyId: key.arn, tags },
      parent,
    );
    const topicPolicy = new aws.sns.TopicPolicy(
      `${name}-retrievals-policy`,
      {
        arn: topic.arn,
        policy: pulumi.jsonStringify(
          pulumi
            .all([topic.arn, partition.partition, identity.accountId])
            .apply(([arn, p, account]) => retrievalTopicPolicy(arn, p, account)),
        ),
      },
      parent,
    );

    // The vault ARN from its parts, known during preview (unlike `vault.arn`), so that the lock
    // and access policies can be checked before anything exists.
    const vaultArn = pulumi
      .all([partition.partition, region.region, identity.accountId])
      .apply(([p, r, account]) => glacierVaultArn(p, r, account, args.name));
    const accessPolicy = vaultArn.apply((arn) =>
      glacierVaultAccessPolicy(arn, args.writerPrincipalArns ?? [], args.readerPrincipalArns ?? []),
    );
    const vault = new aws.glacier.Vault(
      `${name}-vault`,
      {
        name: args.name,
        notification: { snsTopic: topic.arn, events: [...GLACIER_RETRIEVAL_EVENTS] },
        ...((args.writerPrincipalArns ?? []).length + (args.readerPrincipalArns ?? []).length > 0
          ? { accessPolicy: pulumi.jsonStringify(accessPolicy) }
          : {}),
        tags: vaultTags,
      },
      dataHolderOptions(this, keep, { dependsOn: [topicPolicy] }),
    );
    const lock = new aws.glacier.VaultLock(
      `${name}-lock`,
      {
        vaultName: vault.name,
        policy: pulumi.jsonStringify(
          vaultArn.apply((arn) => glacierVaultLockPolicy(arn, args.retentionDays)),
        ),
        completeLock,
        // AWS cannot remove a completed lock; deleting the resource then only forgets it.
        ignoreDeletionError: completeLock,
      },
      dataHolderOptions(this, keep, { dependsOn: [vault] }),
    );

    this.vaultName = vault.name;
    this.vaultArn = vault.arn;
    this.retrievalTopicArn = topic.arn;
    this.lockCompleted = lock.completeLock;
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      retrievalTopicArn: this.retrievalTopicArn,
      lockCompleted: this.lockCompleted,
    });
  }
}
