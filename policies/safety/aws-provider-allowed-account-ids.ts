import { PolicyResource } from "@pulumi/policy";
import { list } from "../lib/config";
import { stackPolicy } from "../lib/policy-kit";
import { providerInput } from "../lib/providers";
import { label } from "../lib/report";
import { Prop } from "../lib/values";

/** What the policy reads of a provider: a resource of the stack, or the provider a resource names. */
interface ProviderView {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, unknown>;
}

/**
 * Every AWS resource goes through a provider pinned to its accounts (`allowedAccountIds`), so a
 * program run with the wrong credentials fails instead of writing into another account. The
 * default provider is pinned only when the stack config sets `aws:allowedAccountIds`, and then the
 * engine hands that value to the policy as the provider's input.
 */
export const awsProviderAllowedAccountIds = stackPolicy({
  name: "aws-provider-allowed-account-ids",
  description:
    "Every AWS resource goes through a provider with `allowedAccountIds` (from the configured accounts when they are listed); the default provider counts only when the stack config pins it.",
  severity: "high",
  enforcementLevel: "advisory",
  remediationSteps:
    "Set `allowedAccountIds` on every `aws.Provider` (and `aws:allowedAccountIds` in the stack config " +
    "for the default provider) to the accounts the stack may deploy into.",
  configSchema: {
    properties: {
      accountIds: list(
        "Accounts a provider may be pinned to; empty accepts any pinned account.",
        [],
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const resources = stack.resources.filter(
      (resource) => resource.type.startsWith("aws:") && !resource.type.startsWith("pulumi:"),
    );
    if (resources.length === 0) {
      args.notApplicable("The stack has no AWS resource.");
    }
    const byProvider = new Map<string, { provider?: ProviderView; users: PolicyResource[] }>();
    for (const resource of resources) {
      const given = resource.provider;
      const urn = given?.urn ?? "";
      const provider: ProviderView | undefined =
        given === undefined ? undefined : (stack.get(urn) ?? given);
      const entry = byProvider.get(urn) ?? { provider, users: [] as PolicyResource[] };
      entry.users.push(resource);
      byProvider.set(urn, entry);
    }
    for (const [urn, { provider, users }] of byProvider) {
      const count = `${users.length} AWS resource${users.length === 1 ? "" : "s"} (${users
        .slice(0, 3)
        .map((user) => label(user))
        .join(", ")}${users.length > 3 ? ", ..." : ""})`;
      if (provider === undefined) {
        findings.violation(
          "AWS resources of the stack go through the default AWS provider, which is not pinned unless the stack config sets aws:allowedAccountIds: give them an explicit aws.Provider with allowedAccountIds, or set aws:allowedAccountIds in the stack config.",
        );
        continue;
      }
      const ids = providerInput(Prop.of(provider.props), "allowedAccountIds");
      if (ids.isUnknown) {
        findings.unknown(
          `could not check that ${label(provider)} [allowedAccountIds] is set, because it is unknown during preview.`,
        );
        continue;
      }
      const accounts = ids.items().map((item) => item.string() ?? "");
      if (accounts.length === 0) {
        findings.violation(
          `${label(provider)} has no [allowedAccountIds], and ${count} go through it.`,
          urn,
        );
        continue;
      }
      const foreign = accounts.filter(
        (account) => config.accountIds.length > 0 && !config.accountIds.includes(account),
      );
      if (foreign.length > 0) {
        findings.violation(
          `${label(provider)} [allowedAccountIds] allows ${foreign.map((a) => JSON.stringify(a)).join(", ")}, which ${foreign.length === 1 ? "is" : "are"} not among the configured accounts ${config.accountIds.map((a) => JSON.stringify(a)).join(", ")}.`,
          urn,
        );
      }
    }
  },
});
