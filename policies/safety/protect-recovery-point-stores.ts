import { PolicyResource } from "@pulumi/policy";
import { flag } from "../lib/config";
import { dependencyUrns, propsOf, StackIndex, stackPolicy } from "../lib/policy-kit";
import { label } from "../lib/report";
import { T } from "../lib/types";

const KMS_ALIAS = "aws:kms/alias:Alias";

/** KMS keys the stack's backup vaults encrypt with (directly or through an alias). */
function vaultKeys(stack: StackIndex, vaults: readonly PolicyResource[]): PolicyResource[] {
  const keys = new Set<PolicyResource>();
  const keysByArn = new Map<string, PolicyResource>();
  for (const key of stack.ofType(T.kmsKey)) {
    const arn = propsOf(key).get("arn").string();
    if (arn !== undefined) {
      keysByArn.set(arn, key);
    }
  }
  for (const vault of vaults) {
    const byArn = keysByArn.get(propsOf(vault).get("kmsKeyArn").string() ?? "");
    if (byArn !== undefined) {
      keys.add(byArn);
    }
    for (const urn of dependencyUrns(vault, "kmsKeyArn")) {
      const dependency = stack.get(urn);
      if (dependency?.type === T.kmsKey) {
        keys.add(dependency);
      } else if (dependency?.type === KMS_ALIAS) {
        dependencyUrns(dependency, "targetKeyId")
          .map((target) => stack.get(target))
          .filter((target) => target?.type === T.kmsKey)
          .forEach((target) => target !== undefined && keys.add(target));
      }
    }
  }
  return [...keys];
}

export const protectRecoveryPointStores = stackPolicy({
  name: "protect-recovery-point-stores",
  description:
    "Where required, backup vaults (logically air-gapped ones included), vault locks, Glacier vaults and locks, and the KMS keys backup vaults encrypt with are protected from deletion (`protect`).",
  severity: "high",
  remediationSteps:
    "Pass `{ protect: true }` in the resource options of each listed resource (components forward it " +
    "to their children). Unprotecting takes an explicit change before anything can be deleted.",
  configSchema: {
    properties: {
      requireProtect: flag(
        "Whether these resources must have `protect` set (true for production).",
        false,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    if (!config.requireProtect) {
      args.notApplicable("Protection is not required by this policy's configuration.");
    }
    const vaults = stack.ofType(T.backupVault);
    const stores = [
      ...vaults,
      ...stack.ofType(T.airGappedVault, T.backupVaultLock, T.glacierVault, T.glacierVaultLock),
      ...vaultKeys(stack, vaults),
    ];
    for (const store of stores) {
      if (store.opts.protect !== true) {
        findings.violation(
          `${label(store)} is not protected, but must be (resource option protect: true): it holds recovery points, their lock or their key.`,
          store.urn,
        );
      }
    }
  },
});
