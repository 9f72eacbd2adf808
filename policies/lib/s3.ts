/**
 * S3 buckets and the separate resources that configure them. `@pulumi/aws` v7 models versioning,
 * encryption, Object Lock, lifecycle, public access block and bucket policy as resources of their
 * own (with `...V2` twins), each naming its bucket in the `bucket` input; both bucket families
 * (`Bucket`, `BucketV2`) may also carry some of these settings inline.
 */
import { PolicyResource } from "@pulumi/policy";
import type { ClassificationConfig } from "./config";
import { indexByName, linkByName, Links, Undetermined } from "./joins";
import { topLevelKey } from "./kms";
import { dependencyUrns, propsOf, providerPropsOf, StackIndex } from "./policy-kit";
import { Findings, label } from "./report";
import { hasBackupRole, TagView } from "./tags";
import { BUCKET_TYPES, T } from "./types";
import { Prop } from "./values";

export const SPLIT_TYPES = {
  versioning: [T.bucketVersioning, T.bucketVersioningV2],
  encryption: [T.bucketSse, T.bucketSseV2],
  objectLock: [T.bucketObjectLock, T.bucketObjectLockV2],
  lifecycle: [T.bucketLifecycle, T.bucketLifecycleV2],
  publicAccessBlock: [T.bucketPublicAccessBlock],
  policy: [T.bucketPolicy],
  acl: [T.bucketAcl, T.bucketAclV2],
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
 * What a piece of evidence says a bucket holds: archives (Object Lock, a lifecycle to Glacier or
 * Deep Archive, a replica, the tier or role tag), backup reports, or access logs.
 */
export type EvidenceKind = "archive" | "report" | "log";

export interface Evidence {
  readonly kind: EvidenceKind;
  readonly text: string;
}

export type BucketClass =
  | { readonly holds: true; readonly evidence: readonly Evidence[] }
  | { readonly holds: false }
  | { readonly holds: "unknown"; readonly note: string };

const ARCHIVE_CLASSES = ["GLACIER", "DEEP_ARCHIVE"];

/** Buckets a reference (a name, an ARN or an output of the bucket) names. */
function referenced(
  stack: StackIndex,
  holder: PolicyResource,
  prop: Prop,
  byName: ReadonlyMap<string, readonly PolicyResource[]>,
): PolicyResource[] {
  const found = new Set<PolicyResource>();
  const text = prop.string();
  if (text !== undefined) {
    const name = text.startsWith("arn:") ? (text.split(":::")[1] ?? "").split("/")[0] : text;
    (byName.get(name ?? "") ?? []).forEach((bucket) => found.add(bucket));
  }
  for (const urn of dependencyUrns(holder, topLevelKey(prop.path))) {
    const bucket = stack.get(urn);
    if (bucket !== undefined && BUCKET_TYPES.includes(bucket.type)) found.add(bucket);
  }
  return [...found];
}

function transitionsToArchive(rules: readonly Prop[]): boolean {
  return rules.some((rule) =>
    ["transitions", "transition", "noncurrentVersionTransitions", "noncurrentVersionTransition"]
      .flatMap((key) => rule.get(key).blocks())
      .some((t) => ARCHIVE_CLASSES.includes(t.get("storageClass").string() ?? "")),
  );
}

function computeClasses(stack: StackIndex, config: ClassificationConfig): Map<string, BucketClass> {
  const buckets = stack.ofType(...BUCKET_TYPES);
  const byName = indexByName(buckets, "bucket");
  const evidence = new Map<string, Evidence[]>(buckets.map((b) => [b.urn, []]));
  const add = (bucket: PolicyResource, text: string, kind: EvidenceKind = "archive"): void => {
    const list = evidence.get(bucket.urn);
    if (list !== undefined && !list.some((e) => e.text === text)) list.push({ kind, text });
  };
  for (const bucket of buckets) {
    const props = propsOf(bucket);
    if (
      props.get("objectLockEnabled").boolean() === true ||
      props
        .get("objectLockConfiguration")
        .blocks()
        .some((b) => b.get("objectLockEnabled").string() === "Enabled")
    ) {
      add(bucket, "Object Lock");
    }
    if (transitionsToArchive(props.get("lifecycleRules").items())) {
      add(bucket, "a lifecycle transition to GLACIER or DEEP_ARCHIVE");
    }
    for (const replication of props.get("replicationConfiguration").blocks()) {
      for (const rule of replication.get("rules").items()) {
        for (const destination of rule.get("destination").blocks()) {
          referenced(stack, bucket, destination.get("bucket"), byName).forEach((target) =>
            add(target, `being the replication destination of ${label(bucket)}`),
          );
        }
      }
    }
    for (const logging of [...props.get("loggings").items(), ...props.get("logging").blocks()]) {
      referenced(stack, bucket, logging.get("targetBucket"), byName).forEach((target) =>
        add(target, `being the log destination of ${label(bucket)}`, "log"),
      );
    }
  }
  const joined = (kind: SplitKind, why: (settings: PolicyResource) => string | undefined): void => {
    const settings = BucketSettings.join(stack, kind);
    for (const bucket of buckets) {
      for (const resource of settings.of(bucket)) {
        const reason = why(resource);
        if (reason !== undefined) add(bucket, reason);
      }
    }
  };
  joined("objectLock", () => "Object Lock");
  joined("lifecycle", (resource) =>
    transitionsToArchive(propsOf(resource).get("rules").items())
      ? "a lifecycle transition to GLACIER or DEEP_ARCHIVE"
      : undefined,
  );
  for (const replication of stack.ofType(T.bucketReplication)) {
    for (const rule of propsOf(replication).get("rules").items()) {
      for (const destination of rule.get("destination").blocks()) {
        referenced(stack, replication, destination.get("bucket"), byName).forEach((target) =>
          add(target, `being the destination of ${label(replication)}`),
        );
      }
    }
  }
  for (const logging of stack.ofType(T.bucketLogging, T.bucketLoggingV2)) {
    referenced(stack, logging, propsOf(logging).get("targetBucket"), byName).forEach((target) =>
      add(target, `being the log destination of ${label(logging)}`, "log"),
    );
  }
  for (const report of stack.ofType(T.backupReportPlan)) {
    for (const channel of propsOf(report).get("reportDeliveryChannel").blocks()) {
      referenced(stack, report, channel.get("s3BucketName"), byName).forEach((target) =>
        add(target, `being the report destination of ${label(report)}`, "report"),
      );
    }
  }
  const classes = new Map<string, BucketClass>();
  for (const bucket of buckets) {
    const tags = TagView.of(propsOf(bucket), providerPropsOf(bucket));
    const found = evidence.get(bucket.urn) ?? [];
    const role = hasBackupRole(tags, config);
    if (role.holds === true) {
      found.push({ kind: "archive", text: `its ${JSON.stringify(config.roleTagKey)} tag` });
    }
    const tier = tags.get(config.tierTagKey);
    const tierValue = tier.string();
    if (tierValue !== undefined && tierValue !== config.exemptValue) {
      found.push({
        kind: "archive",
        text: `its ${JSON.stringify(config.tierTagKey)} tag ${JSON.stringify(tierValue)}`,
      });
    }
    if (found.length > 0) {
      classes.set(bucket.urn, { holds: true, evidence: found });
    } else if (role.holds === "unknown" || tier.isUnknown) {
      const prop = role.holds === "unknown" ? role.prop : tier;
      classes.set(bucket.urn, {
        holds: "unknown",
        note: `could not tell whether ${label(bucket)} holds backups or archives, because [${prop.unknownAt}] is unknown during preview and nothing else shows it.`,
      });
    } else {
      classes.set(bucket.urn, { holds: false });
    }
  }
  return classes;
}

const cache = new WeakMap<StackIndex, Map<string, Map<string, BucketClass>>>();

/**
 * Whether each bucket of the stack holds backups or archives, by evidence: Object Lock, a backup
 * tier tag other than the exempt value, a lifecycle transition to GLACIER or DEEP_ARCHIVE, being a
 * replication, backup-report or access-log destination, or the role tag.
 */
export function bucketClasses(
  stack: StackIndex,
  config: ClassificationConfig,
): ReadonlyMap<string, BucketClass> {
  const key = JSON.stringify([
    config.roleTagKey,
    config.roleTagValues,
    config.tierTagKey,
    config.exemptValue,
  ]);
  let perConfig = cache.get(stack);
  if (perConfig === undefined) {
    perConfig = new Map();
    cache.set(stack, perConfig);
  }
  let classes = perConfig.get(key);
  if (classes === undefined) {
    classes = computeClasses(stack, config);
    perConfig.set(key, classes);
  }
  return classes;
}

/**
 * The buckets holding backups or archives, by evidence. A bucket whose only possible evidence is
 * unknown during preview gets a note, as none of the policy's checks can be said to apply to it.
 */
export function backupBuckets(
  stack: StackIndex,
  buckets: readonly PolicyResource[],
  config: ClassificationConfig,
  findings: Findings,
  scope: BucketScope = "any",
): PolicyResource[] {
  const classes = bucketClasses(stack, config);
  return buckets.filter((bucket) => {
    const found = classes.get(bucket.urn);
    if (found?.holds === "unknown") {
      findings.unknown(found.note);
      return false;
    }
    return found?.holds === true && inScope(found.evidence, scope);
  });
}

/**
 * Which classified buckets a rule applies to: `any`; `archives` (WORM and retention floors: not
 * report or log destinations); `not-log-targets` (S3 server access logs refuse SSE-KMS and Object
 * Lock default retention on their destination); `archives-and-reports`.
 */
export type BucketScope = "any" | "archives" | "archives-and-reports" | "not-log-targets";

export function inScope(evidence: readonly Evidence[], scope: BucketScope): boolean {
  switch (scope) {
    case "any":
      return evidence.length > 0;
    case "archives":
      return evidence.some((e) => e.kind === "archive");
    case "archives-and-reports":
      return evidence.some((e) => e.kind !== "log");
    case "not-log-targets":
      return evidence.length > 0 && !evidence.some((e) => e.kind === "log");
  }
}
