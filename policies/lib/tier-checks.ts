/**
 * The two questions the tagging policies ask of a resource: does it carry a valid tier tag, and
 * is it selected by a backup plan. Each returns problem sentences, or records a note.
 */
import { PolicyResource } from "@pulumi/policy";
import type { TierConventionConfig } from "./config";
import { propsOf, providerPropsOf, StackIndex } from "./policy-kit";
import { couldNotCheck, either, Findings, label, mustBe, show } from "./report";
import { selectionIndexOf } from "./selection-index";
import { targetOf } from "./selections";
import { readTier, TagView, TierRead } from "./tags";
import { T } from "./types";

export function tierChoices(config: TierConventionConfig): string {
  return either([...config.tiers, config.exemptValue].map((value) => show(value)));
}

export function tierOf(resource: PolicyResource, config: TierConventionConfig): TierRead {
  return readTier(TagView.of(propsOf(resource), providerPropsOf(resource)), config);
}

/** Problems with a resource's tier tags (provider default tags count). */
export function tierTagProblems(
  resource: PolicyResource,
  config: TierConventionConfig,
  findings: Findings,
): string[] {
  const tier = tierOf(resource, config);
  switch (tier.kind) {
    case "unknown":
      findings.unknown(
        couldNotCheck(
          tier.prop,
          tier.which === "reason"
            ? "says why the resource is exempt"
            : `is one of ${tierChoices(config)}`,
          resource,
        ),
      );
      return [];
    case "bad-tier":
      return [mustBe(tier.prop, `one of ${tierChoices(config)}`, resource)];
    case "bad-reason":
      return [
        mustBe(
          tier.prop,
          `a reason why the resource needs no backup, as its ${show(config.tierTagKey)} tag is ${show(config.exemptValue)}`,
          resource,
        ),
      ];
    default:
      return [];
  }
}

/** The problem when no backup selection of the stack selects a resource that is not exempt. */
export function selectionProblems(
  stack: StackIndex,
  resource: PolicyResource,
  config: TierConventionConfig & { readonly partition: string },
  findings: Findings,
): string[] {
  const tier = tierOf(resource, config);
  if (tier.kind === "exempt") return [];
  const target = targetOf(resource, config.partition);
  const { result: selected, reasons } = selectionIndexOf(stack).selects(target);
  if (selected === "yes") return [];
  if (selected === "maybe") {
    findings.unknown(
      `could not check that ${label(resource)} is selected by a backup selection, because ${reasons.join("; ")}.`,
    );
    return [];
  }
  if (tier.kind === "unknown") {
    findings.unknown(
      `could not check that ${label(resource)} is exempt from backup, as no backup selection selects it, because [${tier.prop.unknownAt}] is unknown during preview.`,
    );
    return [];
  }
  return [
    `${label(resource)} is not selected by any ${T.backupSelection} (by ARN or by tags), ` +
      `and is not exempt (tag ${show(config.tierTagKey)}: ${show(config.exemptValue)} with a ${show(config.exemptReasonTagKey)} tag).`,
  ];
}
