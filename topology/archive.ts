/**
 * The archive tier of a stack: the Object Lock buckets, the write-once Glacier vaults and the
 * roles of the on-premises uploaders, from `hybrid-backup:archive`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArchiveBucket } from "../components/archive-bucket";
import { ArchiveUploaderAccess } from "../components/archive-uploader-access";
import { GlacierVault } from "../components/glacier-vault";
import type { TopologyContext } from "./context";

export interface ArchiveBucketOutputs {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly replicaBucketArn: pulumi.Output<string | undefined>;
  readonly accessLogBucketName: pulumi.Output<string | undefined>;
}

export interface ArchiveOutputs {
  /** Keyed by each bucket's purpose. */
  readonly buckets: Record<string, ArchiveBucketOutputs>;
  /** Keyed by vault name. */
  readonly glacierVaults: Record<
    string,
    { readonly vaultArn: pulumi.Output<string>; readonly retrievalTopicArn: pulumi.Output<string> }
  >;
  /** Keyed by uploader name: the role each uploader assumes. */
  readonly uploaderRoleArns: Record<string, pulumi.Output<string>>;
}

/** Builds the archive tier; undefined when the stack has no `hybrid-backup:archive` section. */
export function buildArchive(context: TopologyContext): ArchiveOutputs | undefined {
  const archive = context.config.archive;
  if (archive === undefined) return undefined;
  const { tierKey, exemptReasonKey } = context.config.tagging;

  const buckets = new Map<string, ArchiveBucket>();
  const bucketOutputs: Record<string, ArchiveBucketOutputs> = {};
  for (const bucket of archive.buckets) {
    const drRegion = context.config.resolved.replicationRegions[bucket.name];
    // Named from the stable id: changing the purpose alone renames nothing.
    const component = new ArchiveBucket(
      context.name(`archive-${bucket.id ?? bucket.purpose}`),
      {
        ...bucket,
        replication: drRegion === undefined ? undefined : { region: drRegion },
        tierTagKey: tierKey,
        exemptReasonTagKey: exemptReasonKey,
        tags: context.tags(),
        ...context.dataHolders,
      },
      context.workload(),
    );
    buckets.set(bucket.name, component);
    bucketOutputs[bucket.purpose] = {
      bucketName: component.bucketName,
      bucketArn: component.bucketArn,
      kmsKeyArn: component.kmsKeyArn,
      replicaBucketArn: component.replicaBucketArn,
      accessLogBucketName: component.accessLogBucketName,
    };
  }

  const vaultOutputs: ArchiveOutputs["glacierVaults"] = {};
  for (const vault of archive.glacierVaults) {
    // The vault in AWS and its resources are named from the stable id (Glacier cannot rename).
    const awsName = vault.id ?? vault.name;
    const component = new GlacierVault(
      context.name(`glacier-${awsName}`),
      {
        ...vault,
        name: awsName,
        tierTagKey: tierKey,
        exemptReasonTagKey: exemptReasonKey,
        tags: context.tags(),
        ...context.dataHolders,
      },
      context.workload(),
    );
    vaultOutputs[vault.name] = {
      vaultArn: component.vaultArn,
      retrievalTopicArn: component.retrievalTopicArn,
    };
  }

  const uploaderRoleArns: Record<string, pulumi.Output<string>> = {};
  for (const uploader of archive.uploaders) {
    // The section's checks guarantee that the bucket exists.
    const bucket = buckets.get(uploader.bucket);
    if (bucket === undefined) continue;
    const component = new ArchiveUploaderAccess(
      context.name(`uploader-${uploader.name}`),
      {
        ...uploader,
        kmsKeyArn: bucket.kmsKeyArn,
        accountId: context.config.accounts.workload,
        tags: context.tags(),
      },
      context.workload(),
    );
    uploaderRoleArns[uploader.name] = component.roleArn;
  }

  return { buckets: bucketOutputs, glacierVaults: vaultOutputs, uploaderRoleArns };
}
