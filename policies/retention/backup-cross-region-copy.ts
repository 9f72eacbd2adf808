import { parseArn } from "../lib/arn";
import { flag, text } from "../lib/config";
import { checkCopiesElsewhere, everyRuleProperty } from "../lib/copies-elsewhere";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck, show } from "../lib/report";
import { T } from "../lib/types";

export const backupCrossRegionCopy = resourcePolicy({
  name: "backup-cross-region-copy",
  description:
    "Where required, every backup plan copies its recovery points to another region (at least one rule, or every rule).",
  severity: "high",
  remediationSteps:
    "Add a `copyActions` entry to each rule whose `destinationVaultArn` is a vault in another " +
    "region (a vault created with a `region` input or a provider for that region).",
  configSchema: {
    properties: {
      required: flag("Whether plans must copy to another region (true for production).", false),
      homeRegion: text(
        "Region of the plans when neither the plan's `region` nor its provider's says (empty: unknown).",
        "",
      ),
      everyRule: everyRuleProperty,
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings, args }) => {
    if (!config.required) {
      args.notApplicable("Cross-region copies are not required by this policy's configuration.");
    }
    const regionProp = props.get("region").isAbsent
      ? providerProps.get("region")
      : props.get("region");
    if (regionProp.isUnknown) {
      findings.unknown(couldNotCheck(regionProp, "differs from the copy destinations' regions"));
      return;
    }
    const region =
      regionProp.nonBlankString() ?? (config.homeRegion !== "" ? config.homeRegion : undefined);
    if (region === undefined) {
      findings.unknown(
        "could not check that the rules copy to another region, because the plan's region is set on neither the plan, its provider nor the policy config `homeRegion`.",
      );
      return;
    }
    checkCopiesElsewhere(
      findings,
      props,
      "region",
      show(region),
      config.everyRule,
      (destination) => {
        const arn = parseArn(destination);
        return arn !== undefined && arn.region !== "" && arn.region !== region;
      },
    );
  },
});
