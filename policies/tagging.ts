/**
 * Tagging: every backup-eligible resource carries the backup tier tags, and every one that is not
 * exempt is selected by some backup selection.
 */
import {
  eligibleTypesProperty,
  text,
  tierConventionProperties,
  TierConventionConfig,
} from "./lib/config";
import { propsOf, providerPropsOf, resourcePolicy, stackPolicy } from "./lib/policy-kit";
import { couldNotCheck, either, label, mustBe, show } from "./lib/report";
import { anyOf, evaluateSelection, targetOf } from "./lib/selections";
import { readTier, TagView } from "./lib/tags";
import { T } from "./lib/types";

export interface BackupTierTagsConfig extends TierConventionConfig {
  readonly resourceTypes: readonly string[];
}

function tierChoices(config: TierConventionConfig): string {
  return either([...config.tiers, config.exemptValue].map((value) => show(value)));
}

export const backupTierTags = resourcePolicy<BackupTierTagsConfig>({
  name: "backup-tier-tags",
  description:
    "Backup-eligible resources carry a backup tier tag, or the exempt value with a reason tag.",
  severity: "medium",
  remediationSteps:
    'Tag the resource with the tier key (default "backup-tier") set to one of the configured tiers, ' +
    'or to the exempt value (default "none") together with the reason key (default ' +
    '"backup-exempt-reason") saying why it needs no backup. Provider default tags count.',
  configSchema: {
    properties: { ...tierConventionProperties, resourceTypes: eligibleTypesProperty },
  },
  resourceTypes: (config) => config.resourceTypes,
  validate: ({ props, providerProps, config, findings }) => {
    const tags = TagView.of(props, providerProps);
    const tier = readTier(tags, config);
    switch (tier.kind) {
      case "unknown":
        findings.unknown(
          couldNotCheck(
            tier.prop,
            tier.which === "reason"
              ? "says why the resource is exempt"
              : `is one of ${tierChoices(config)}`,
          ),
        );
        return;
      case "bad-tier":
        findings.violation(mustBe(tier.prop, `one of ${tierChoices(config)}`));
        return;
      case "bad-reason":
        findings.violation(
          mustBe(
            tier.prop,
            `a reason why the resource needs no backup, as its ${show(config.tierTagKey)} tag is ${show(config.exemptValue)}`,
          ),
        );
        return;
      default:
        return;
    }
  },
});

export interface BackupSelectionCoverageConfig extends TierConventionConfig {
  readonly resourceTypes: readonly string[];
  readonly partition: string;
}

export const backupSelectionCoverage = stackPolicy<BackupSelectionCoverageConfig>({
  name: "backup-selection-coverage",
  description:
    "Every backup-eligible resource that is not exempt is selected by an AWS Backup selection, by ARN or by tags.",
  severity: "high",
  remediationSteps:
    "Add the resource to an aws.backup.Selection: list its ARN in `resources`, or give it tags that " +
    "a selection's `selectionTags` or `conditions` match (for example its backup tier). If it needs " +
    'no backup, tag it with the exempt tier value and a reason (default "none" and "backup-exempt-reason").',
  configSchema: {
    properties: {
      ...tierConventionProperties,
      resourceTypes: eligibleTypesProperty,
      partition: text("AWS partition used to match ARN patterns before the ARNs exist.", "aws"),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const resources = stack.ofType(...config.resourceTypes);
    if (resources.length === 0) {
      args.notApplicable("The stack has no backup-eligible resources.");
    }
    const selections = stack.ofType(T.backupSelection);
    for (const resource of resources) {
      const tier = readTier(TagView.of(propsOf(resource), providerPropsOf(resource)), config);
      if (tier.kind === "exempt") {
        continue;
      }
      const target = targetOf(resource, config.partition);
      const verdicts = selections.map((selection) => evaluateSelection(selection, target));
      const selected = anyOf(verdicts.map((verdict) => verdict.result));
      if (selected === "yes") {
        continue;
      }
      if (selected === "maybe") {
        const reasons = [...new Set(verdicts.flatMap((verdict) => verdict.reasons))];
        findings.unknown(
          `could not check that ${label(resource)} is selected by a backup selection, because ${reasons.join("; ")}.`,
        );
        continue;
      }
      if (tier.kind === "unknown") {
        findings.unknown(
          `could not check that ${label(resource)} is exempt from backup, as no backup selection selects it, because [${tier.prop.unknownAt}] is unknown during preview.`,
        );
        continue;
      }
      findings.violation(
        `${label(resource)} is not selected by any ${T.backupSelection} (by ARN or by tags), ` +
          `and is not exempt (tag ${show(config.tierTagKey)}: ${show(config.exemptValue)} with a ${show(config.exemptReasonTagKey)} tag).`,
        resource.urn,
      );
    }
  },
});

export const taggingPolicies = [backupTierTags, backupSelectionCoverage];
