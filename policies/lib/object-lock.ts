import { PolicyResource } from "@pulumi/policy";
import { propsOf } from "./policy-kit";
import { BucketSettings } from "./s3";
import { Prop } from "./values";

export interface RetentionBlock {
  readonly owner: PolicyResource;
  readonly block: Prop;
}

/** Inline default retentions of either bucket family. */
export function inlineRetentions(bucket: PolicyResource): RetentionBlock[] {
  const config = propsOf(bucket).get("objectLockConfiguration");
  const blocks: Prop[] = [];
  for (const rule of [config.get("rule"), ...config.get("rules").items()]) {
    blocks.push(
      ...rule.get("defaultRetention").blocks(),
      ...rule.get("defaultRetentions").blocks(),
    );
  }
  return blocks.map((block) => ({ owner: bucket, block }));
}

export function lockEnabled(bucket: PolicyResource): Prop {
  const props = propsOf(bucket);
  const flagProp = props.get("objectLockEnabled");
  if (flagProp.boolean() === true || flagProp.isUnknown) {
    return flagProp;
  }
  const inline = props.get("objectLockConfiguration").get("objectLockEnabled");
  return inline.isUnknown || inline.string() === "Enabled" ? inline : flagProp;
}

/** Days a default retention block keeps objects (`days`, or `years` as 365 days each). */
export function retentionDays(block: Prop): number | "unknown" | undefined {
  const daysProp = block.get("days");
  const yearsProp = block.get("years");
  if (block.isUnknown || daysProp.isUnknown || yearsProp.isUnknown) {
    return "unknown";
  }
  const years = yearsProp.number();
  return daysProp.number() ?? (years === undefined ? undefined : years * 365);
}

/**
 * Whether the bucket's default Object Lock retention keeps every object version at least `floor`
 * days, so that no lifecycle rule can delete archive data sooner.
 */
export function lockCovers(
  bucket: PolicyResource,
  locks: BucketSettings,
  floor: number,
): boolean | "unknown" {
  const blocks = inlineRetentions(bucket).map((entry) => entry.block);
  for (const resource of locks.of(bucket)) {
    const rule = propsOf(resource).get("rule");
    if (rule.isUnknown) {
      return "unknown";
    }
    blocks.push(...rule.get("defaultRetention").blocks());
  }
  const lengths = blocks.map(retentionDays);
  if (lengths.includes("unknown")) {
    return "unknown";
  }
  const known = lengths.filter((n): n is number => typeof n === "number");
  if (known.length > 0 && Math.min(...known) >= floor) {
    return true;
  }
  return locks.possiblyOf(bucket).length > 0 ? "unknown" : false;
}
