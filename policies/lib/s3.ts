/**
 * S3 buckets and the separate resources that configure them. `@pulumi/aws` v7 models versioning,
 * encryption, Object Lock, lifecycle, public access block and bucket policy as resources of their
 * own (with `...V2` twins), each naming its bucket in the `bucket` input; both bucket families
 * (`Bucket`, `BucketV2`) may also carry some of these settings inline.
 */
import { PolicyResource } from "@pulumi/policy";
import { Links, linkByName, Undetermined } from "./joins";
import { StackIndex, propsOf, providerPropsOf } from "./policy-kit";
import { Findings, label } from "./report";
import { hasBackupRole, RoleConvention, TagView } from "./tags";
import { BUCKET_TYPES, T } from "./types";

export const SPLIT_TYPES = {
  versioning: [T.bucketVersioning, T.bucketVersioningV2],
  encryption: [T.bucketSse, T.bucketSseV2],
  objectLock: [T.bucketObjectLock, T.bucketObjectLockV2],
  lifecycle: [T.bucketLifecycle, T.bucketLifecycleV2],
  publicAccessBlock: [T.bucketPublicAccessBlock],
  policy: [T.bucketPolicy],
} as const;

export type SplitKind = keyof typeof SPLIT_TYPES;

/** The stack's buckets with the settings resources of one kind joined to them. */
export class BucketSettings {
  private constructor(
    readonly buckets: readonly PolicyResource[],
    private readonly links: Links,
  ) {}

  static join(stack: StackIndex, kind: SplitKind): BucketSettings {
    const buckets = stack.ofType(...BUCKET_TYPES);
    const settings = stack.ofType(...SPLIT_TYPES[kind]);
    return new BucketSettings(buckets, linkByName(settings, "bucket", buckets, "bucket"));
  }

  of(bucket: PolicyResource): readonly PolicyResource[] {
    return this.links.childrenOf(bucket);
  }

  /** Settings resources whose bucket is unknown during preview and could be this one. */
  possiblyOf(bucket: PolicyResource): readonly Undetermined[] {
    return this.links.possibleChildrenOf(bucket);
  }
}

/**
 * The buckets tagged as holding backups or archives. A bucket whose role tag is unknown during
 * preview gets a note, as none of the policy's checks can be said to apply to it.
 */
export function backupBuckets(
  buckets: readonly PolicyResource[],
  convention: RoleConvention,
  findings: Findings,
): PolicyResource[] {
  return buckets.filter((bucket) => {
    const tags = TagView.of(propsOf(bucket), providerPropsOf(bucket));
    const role = hasBackupRole(tags, convention);
    if (role.holds === "unknown") {
      findings.unknown(
        `could not tell whether ${label(bucket)} holds backups, because [${role.prop.unknownAt}] is unknown during preview.`,
      );
      return false;
    }
    return role.holds;
  });
}
