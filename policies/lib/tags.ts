/**
 * The organization's tag convention: `backup-tier` names a tier (gold, silver, bronze, ...) or
 * `none` together with a `backup-exempt-reason`; `backup-role: archive` marks buckets that hold
 * backups or archives. Keys and values come from each policy's configuration.
 */
import { Prop } from "./values";

/** A resource's effective tags: its own, over the provider's default tags. */
export class TagView {
  private constructor(
    private readonly own: Prop,
    private readonly defaults: Prop,
  ) {}

  /**
   * `tagsAll` (an output: resource and provider tags together) wins when it is known; otherwise
   * the resource's `tags` over the explicit provider's `defaultTags.tags`.
   */
  static of(props: Prop, providerProps: Prop): TagView {
    const all = props.get("tagsAll");
    if (all.isObject) {
      return new TagView(all, Prop.of(undefined));
    }
    return new TagView(props.get("tags"), providerDefaultTags(providerProps));
  }

  /** The tag's value, with a path such as `tags["backup-tier"]`. */
  get(key: string): Prop {
    const own = this.own.get(key);
    if (!own.isAbsent || this.own.isUnknown) {
      return own;
    }
    const fallback = this.defaults.get(key);
    if (fallback.isKnown) {
      return Prop.known(own.path, fallback.value);
    }
    if (fallback.isUnknown) {
      return Prop.unknownFrom(own.path, `provider ${fallback.unknownAt}`);
    }
    return own;
  }
}

function providerDefaultTags(providerProps: Prop): Prop {
  const defaultTags = providerProps.get("defaultTags");
  const text = defaultTags.string();
  if (text === undefined) {
    return defaultTags.get("tags");
  }
  // Provider inputs other than strings may reach the engine JSON-encoded.
  try {
    return Prop.known("defaultTags", JSON.parse(text) as unknown).get("tags");
  } catch {
    return Prop.of(undefined);
  }
}

export interface TagConvention {
  readonly tierTagKey: string;
  readonly tiers: readonly string[];
  readonly exemptValue: string;
  readonly exemptReasonTagKey: string;
}

export type TierRead =
  | { readonly kind: "tier"; readonly tier: string }
  | { readonly kind: "exempt"; readonly reason: string }
  /** The tier tag, or the reason of an exemption, is unknown during preview. */
  | { readonly kind: "unknown"; readonly prop: Prop; readonly which: "tier" | "reason" }
  /** The tier tag is missing or names no tier. */
  | { readonly kind: "bad-tier"; readonly prop: Prop }
  /** The tier is the exempt value but the reason is missing or blank. */
  | { readonly kind: "bad-reason"; readonly prop: Prop };

export function readTier(tags: TagView, convention: TagConvention): TierRead {
  const tierProp = tags.get(convention.tierTagKey);
  if (tierProp.isUnknown) {
    return { kind: "unknown", prop: tierProp, which: "tier" };
  }
  const tier = tierProp.string();
  if (tier !== undefined && convention.tiers.includes(tier)) {
    return { kind: "tier", tier };
  }
  if (tier === undefined || tier !== convention.exemptValue) {
    return { kind: "bad-tier", prop: tierProp };
  }
  const reasonProp = tags.get(convention.exemptReasonTagKey);
  if (reasonProp.isUnknown) {
    return { kind: "unknown", prop: reasonProp, which: "reason" };
  }
  const reason = reasonProp.nonBlankString();
  return reason === undefined
    ? { kind: "bad-reason", prop: reasonProp }
    : { kind: "exempt", reason };
}

export interface RoleConvention {
  readonly roleTagKey: string;
  readonly roleTagValues: readonly string[];
}

/** Whether the tags mark a bucket as holding backups or archives. */
export function hasBackupRole(
  tags: TagView,
  convention: RoleConvention,
): { readonly holds: boolean | "unknown"; readonly prop: Prop } {
  const prop = tags.get(convention.roleTagKey);
  if (prop.isUnknown) {
    return { holds: "unknown", prop };
  }
  const value = prop.string();
  return { holds: value !== undefined && convention.roleTagValues.includes(value), prop };
}
