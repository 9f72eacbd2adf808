import { allowedKeysProperty, checkCustomerKey } from "../lib/kms";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { T } from "../lib/types";

/** Backup vaults encrypt recovery points with a customer-managed key (CKV_AWS_166). */
export const backupVaultCmk = stackPolicy({
  name: "backup-vault-cmk",
  description: "Backup vaults encrypt recovery points with a customer-managed KMS key.",
  severity: "high",
  remediationSteps:
    "Set `kmsKeyArn` of the vault to a customer-managed key (with rotation), from the allow-list when " +
    "one is configured. The AWS-managed key aws/backup cannot be shared for cross-account copies.",
  configSchema: { properties: { allowedKmsKeys: allowedKeysProperty } },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.backupVault);
    if (vaults.length === 0) {
      args.notApplicable("The stack has no backup vault.");
    }
    for (const vault of vaults) {
      checkCustomerKey(findings, propsOf(vault).get("kmsKeyArn"), config.allowedKmsKeys, {
        stack,
        owner: vault,
        named: true,
      });
    }
  },
});
