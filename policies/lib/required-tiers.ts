/**
 * The tier a backup plan serves, for the policies that hold only some tiers to a protection.
 */
import { PolicyResource } from "@pulumi/policy";
import { list, tierConventionProperties } from "./config";
import { propsOf, providerPropsOf } from "./policy-kit";
import { couldNotCheck, Findings } from "./report";
import { TagView } from "./tags";

export const requiredTierProperties = {
  tierTagKey: tierConventionProperties.tierTagKey,
  requiredTiers: list("Tiers (tier tag values of backup plans) this protection applies to.", [
    "gold",
  ]),
};

/** Whether a plan serves a required tier; undefined (with a note) when its tier tag is unknown. */
export function servesRequiredTier(
  plan: PolicyResource,
  config: { readonly tierTagKey: string; readonly requiredTiers: readonly string[] },
  findings: Findings,
): boolean | undefined {
  const tag = TagView.of(propsOf(plan), providerPropsOf(plan)).get(config.tierTagKey);
  if (tag.isUnknown) {
    findings.unknown(couldNotCheck(tag, "names the plan's tier", plan));
    return undefined;
  }
  return config.requiredTiers.includes(tag.string() ?? "");
}
