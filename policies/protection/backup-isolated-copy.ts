import { PolicyResource } from "@pulumi/policy";
import { parseArn, backupVaultNameOf } from "../lib/arn";
import { typeOfUrn } from "../lib/kms";
import { dependencyUrns, propsOf, providerPropsOf, stackPolicy } from "../lib/policy-kit";
import { providerInput } from "../lib/providers";
import { label } from "../lib/report";
import { requiredTierProperties, servesRequiredTier } from "../lib/required-tiers";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

/** Where a resource lives, as far as its inputs and its provider's inputs tell. */
function placeOf(resource: PolicyResource): { region?: string; accounts: string[] } {
  const provider = providerPropsOf(resource);
  const region = propsOf(resource).get("region").string() ?? provider.get("region").string();
  const accounts = providerInput(provider, "allowedAccountIds")
    .items()
    .map((item: Prop) => item.string() ?? "")
    .filter((account) => account !== "");
  return { ...(region === undefined ? {} : { region }), accounts };
}

/**
 * Whether a copy destination is isolated from the plan: a logically air-gapped vault, or a vault
 * in another region or account than the plan's (from the ARN, or from the destination vault's
 * provider when the vault is declared in the stack).
 */
function isolated(
  plan: PolicyResource,
  arn: Prop,
  airGapped: readonly PolicyResource[],
  vaults: readonly PolicyResource[],
  dependencies: readonly string[],
): boolean | "unknown" {
  const home = placeOf(plan);
  const text = arn.string();
  if (text !== undefined) {
    const parsed = parseArn(text);
    const name = parsed === undefined ? undefined : backupVaultNameOf(parsed);
    if (airGapped.some((vault) => propsOf(vault).get("name").string() === name)) return true;
    if (parsed !== undefined) {
      if (home.region !== undefined && parsed.region !== home.region) return true;
      if (home.accounts.length > 0 && !home.accounts.includes(parsed.account)) return true;
    }
    const declared = vaults.find((vault) => propsOf(vault).get("name").string() === name);
    if (declared !== undefined) {
      const there = placeOf(declared);
      if (there.region !== undefined && there.region !== home.region) return true;
      if (there.accounts.some((account) => !home.accounts.includes(account))) return true;
    }
    return home.region === undefined && declared === undefined ? "unknown" : false;
  }
  if (dependencies.some((urn) => typeOfUrn(urn) === T.airGappedVault)) return true;
  return "unknown";
}

/** Plans of the required tiers copy to a DR or logically air-gapped vault. */
export const backupIsolatedCopy = stackPolicy({
  name: "backup-isolated-copy",
  description:
    "Backup plans of the tiers that require it copy their recovery points to a vault isolated from the source: another region or account, or a logically air-gapped vault.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Add a copy action to a rule with `destinationVaultArn` of an aws.backup.LogicallyAirGappedVault or " +
    "of a vault in another account or region (a DR vault).",
  configSchema: { properties: requiredTierProperties },
  validate: ({ stack, config, findings, args }) => {
    const plans = stack
      .ofType(T.backupPlan)
      .filter((plan) => servesRequiredTier(plan, config, findings) === true);
    if (plans.length === 0 && findings.notes.length === 0) {
      args.notApplicable(
        "No backup plan of the stack serves a tier that requires an isolated copy.",
      );
    }
    const airGapped = stack.ofType(T.airGappedVault);
    const vaults = stack.ofType(T.backupVault);
    for (const plan of plans) {
      const rules = propsOf(plan).get("rules");
      if (rules.isUnknown) continue;
      const dependencies = dependencyUrns(plan, "rules");
      const verdicts = rules
        .items()
        .flatMap((rule) => rule.get("copyActions").items())
        .map((copy) =>
          isolated(plan, copy.get("destinationVaultArn"), airGapped, vaults, dependencies),
        );
      if (verdicts.includes(true)) continue;
      if (verdicts.includes("unknown")) {
        findings.unknown(
          `could not tell whether ${label(plan)} copies to an isolated vault, because the region or account of its copy destinations is unknown during preview.`,
        );
        continue;
      }
      findings.violation(
        `${label(plan)} copies its recovery points to no vault in another region or account and to no logically air-gapped vault, but its tier requires an isolated copy.`,
        plan.urn,
      );
    }
  },
});
