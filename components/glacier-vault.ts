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
import {
  ARCHIVE_ROLE_TAG_KEY,
  ArchiveRole,
  glacierVaultArn,
  retrievalKeyPolicy,
  retrievalTopicPolicy,
  glacierVaultAccessPolicy,
  glacierVaultLockPolicy,
  Issues,
  ValidationError,
  GLACIER_RETRIEVAL_EVENTS,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import {
  GlacierVaultArgs,
  GLACIER_KMS_DELETION_WINDOW_DAYS,
  validateGlacierVaultArgs,
  glacierExemptReason,
} from "../core/glacier-vault-args";

export * from "../core/glacier-vault-args";

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
      [args.tierTagKey ?? DEFAULT_TIER_TAG_KEY]: "none",
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
