import { perTier, RETENTION_FLOOR_DAYS, text } from "./config";
import type { ConfigOf } from "./policy-kit";
import { couldNotCheck, expectProp, Findings } from "./report";
import { TagView } from "./tags";
import { Prop } from "./values";
import { DEFAULT_TIER_TAG_KEY } from "../../core/backup-names";

export const planTierProperties = {
  tierTagKey: text("Tag key that names the tier a backup plan serves.", DEFAULT_TIER_TAG_KEY),
  untaggedPlanTier: text(
    "Tier whose floors apply to plans without a tier tag, or tagged with a tier that has no floors.",
    "gold",
  ),
  retentionFloorDays: perTier(
    "Minimum retention in days of recovery points, per tier.",
    RETENTION_FLOOR_DAYS,
    36500,
  ),
};

export type PlanTierConfig = ConfigOf<typeof planTierProperties>;

/** The tier whose floors apply to a plan, or undefined (with a note) when its tag is unknown. */
export function planTier(
  props: Prop,
  providerProps: Prop,
  config: PlanTierConfig,
  findings: Findings,
): string | undefined {
  const tag = TagView.of(props, providerProps).get(config.tierTagKey);
  if (tag.isUnknown) {
    findings.unknown(couldNotCheck(tag, "names the tier whose floors apply"));
    return undefined;
  }
  const tier = tag.string();
  return tier !== undefined && config.retentionFloorDays[tier] !== undefined
    ? tier
    : config.untaggedPlanTier;
}

/** Checks `lifecycle.deleteAfter` of a rule or copy action against a floor. */
export function checkRetentionFloor(
  findings: Findings,
  lifecycle: Prop,
  floor: number,
  tier: string,
): void {
  const deleteAfter = lifecycle.get("deleteAfter");
  if (deleteAfter.isAbsent && !lifecycle.isUnknown) {
    return; // No expiry: recovery points are kept until deleted.
  }
  expectProp(
    findings,
    deleteAfter,
    (p) => (p.number() ?? -Infinity) >= floor,
    `at least ${floor} days for the ${tier} tier`,
  );
}
