/**
 * Safety: nothing that holds recovery points can be destroyed with its contents by accident, and
 * registering a stored volume never wipes the disk it is given.
 */
import { PolicyResource } from "@pulumi/policy";
import { flag, roleConventionProperties, RoleConventionConfig } from "./lib/config";
import { dependencyUrns, propsOf, resourcePolicy, stackPolicy, StackIndex } from "./lib/policy-kit";
import { couldNotCheck, label } from "./lib/report";
import { hasBackupRole, TagView } from "./lib/tags";
import { BUCKET_TYPES, T } from "./lib/types";

export type NoForceDestroyConfig = RoleConventionConfig;

export const noForceDestroyOnBackupStores = resourcePolicy<NoForceDestroyConfig>({
  name: "no-force-destroy-on-backup-stores",
  description:
    "Backup vaults and buckets holding backups or archives do not set forceDestroy (deleting them would delete every recovery point).",
  severity: "critical",
  remediationSteps:
    "Remove `forceDestroy` (or set it to false). To retire a store, expire its contents first.",
  configSchema: { properties: { ...roleConventionProperties } },
  resourceTypes: [...BUCKET_TYPES, T.backupVault],
  validate: ({ props, providerProps, config, findings, args }) => {
    const forceDestroy = props.get("forceDestroy");
    const destroys = forceDestroy.boolean() === true;
    if (!destroys && !forceDestroy.isUnknown) {
      return;
    }
    if (args.type !== T.backupVault) {
      const role = hasBackupRole(TagView.of(props, providerProps), config);
      if (role.holds === "unknown") {
        findings.unknown(
          couldNotCheck(role.prop, "marks a bucket without backups, as forceDestroy is set"),
        );
        return;
      }
      if (!role.holds) {
        return;
      }
    }
    if (forceDestroy.isUnknown) {
      findings.unknown(couldNotCheck(forceDestroy, "is false or unset"));
      return;
    }
    findings.violation(
      "[forceDestroy] is true, but must be false or unset: destroying the store would delete every recovery point in it.",
    );
  },
});

export const storedVolumePreserveExistingData = resourcePolicy<Record<string, never>>({
  name: "stored-volume-preserve-existing-data",
  description:
    "Stored iSCSI volumes keep the data already on their disk (preserveExistingData is not false).",
  severity: "critical",
  remediationSteps:
    "Set `preserveExistingData: true` for a disk that holds data. Use false only for a blank disk, " +
    "and then through an explicit exception (disable this policy for that stack).",
  configSchema: { properties: {} },
  resourceTypes: [T.storedIscsiVolume],
  validate: ({ props, findings }) => {
    const preserve = props.get("preserveExistingData");
    if (preserve.isUnknown) {
      findings.unknown(couldNotCheck(preserve, "is not false"));
      return;
    }
    if (preserve.boolean() === false) {
      const disk = props.get("diskId").string();
      findings.violation(
        `[preserveExistingData] is false, but must not be: creating the volume would wipe the data on ${
          disk === undefined ? "its disk" : `disk ${JSON.stringify(disk)}`
        }.`,
      );
    }
  },
});

export interface ProtectConfig {
  readonly requireProtect: boolean;
}

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

export const protectRecoveryPointStores = stackPolicy<ProtectConfig>({
  name: "protect-recovery-point-stores",
  description:
    "Where required, backup vaults, vault locks, Glacier vaults and locks, and the KMS keys backup vaults encrypt with are protected from deletion (`protect`).",
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
      ...stack.ofType(T.backupVaultLock, T.glacierVault, T.glacierVaultLock),
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

export const safetyPolicies = [
  noForceDestroyOnBackupStores,
  storedVolumePreserveExistingData,
  protectRecoveryPointStores,
];
