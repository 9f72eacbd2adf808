import { parseArn } from "../lib/arn";
import { flag, list } from "../lib/config";
import { checkCopiesElsewhere, everyRuleProperty, providerAccounts } from "../lib/copies-elsewhere";
import { resourcePolicy } from "../lib/policy-kit";
import { either, show } from "../lib/report";
import { T } from "../lib/types";

export const backupCrossAccountCopy = resourcePolicy({
  name: "backup-cross-account-copy",
  description:
    "Where required, every backup plan copies its recovery points to another account (at least one rule, or every rule).",
  severity: "high",
  remediationSteps:
    "Add a `copyActions` entry to each rule whose `destinationVaultArn` is a vault in another account " +
    "of the organization (with cross-account backup enabled and a vault policy allowing " +
    "backup:CopyIntoBackupVault), and list the stack's own accounts in `sourceAccountIds`.",
  configSchema: {
    properties: {
      required: flag("Whether plans must copy to another account (true for production).", false),
      sourceAccountIds: list(
        "Accounts the stacks deploy into; a destination in any other account counts as another account. " +
          "The provider's `allowedAccountIds` are added.",
        [],
      ),
      everyRule: everyRuleProperty,
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings, args }) => {
    if (!config.required) {
      args.notApplicable("Cross-account copies are not required by this policy's configuration.");
    }
    const accounts = [...new Set([...config.sourceAccountIds, ...providerAccounts(providerProps)])];
    if (accounts.length === 0) {
      findings.unknown(
        "could not check that the rules copy to another account, because the plan's account is unknown: set `sourceAccountIds` in the policy config.",
      );
      return;
    }
    checkCopiesElsewhere(
      findings,
      props,
      "account",
      either(accounts.map((a) => show(a))),
      config.everyRule,
      (destination) => {
        const arn = parseArn(destination);
        return arn !== undefined && arn.account !== "" && !accounts.includes(arn.account);
      },
    );
  },
});
