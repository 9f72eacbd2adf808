import { classificationProperties } from "../lib/config";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, label } from "../lib/report";
import { bucketClasses } from "../lib/s3";
import { BUCKET_TYPES, T } from "../lib/types";

/** Stores of recovery points cannot be deleted together with their contents. */
export const noForceDestroyOnBackupStores = stackPolicy({
  name: "no-force-destroy-on-backup-stores",
  description:
    "Backup vaults and buckets that show they hold backups or archives do not set forceDestroy (deleting them would delete every recovery point).",
  severity: "critical",
  remediationSteps:
    "Remove `forceDestroy` (or set it to false). To retire a store, expire its contents first.",
  configSchema: { properties: { ...classificationProperties } },
  validate: ({ stack, config, findings, args }) => {
    const stores = stack.ofType(...BUCKET_TYPES, T.backupVault);
    if (stores.length === 0) {
      args.notApplicable("The stack has no backup vault or bucket.");
    }
    const classes = bucketClasses(stack, config);
    for (const store of stores) {
      const forceDestroy = propsOf(store).get("forceDestroy");
      if (forceDestroy.boolean() !== true && !forceDestroy.isUnknown) continue;
      const found = classes.get(store.urn);
      if (store.type !== T.backupVault && found?.holds !== true) {
        if (found?.holds === "unknown") findings.unknown(found.note);
        continue;
      }
      if (forceDestroy.isUnknown) {
        findings.unknown(couldNotCheck(forceDestroy, "is false or unset", store));
        continue;
      }
      const why =
        found?.holds === true
          ? ` (it holds backups or archives: ${found.evidence.map((e) => e.text).join(", ")})`
          : "";
      findings.violation(
        `${label(store)} [forceDestroy] is true${why}, but must be false or unset: destroying the store would delete every recovery point in it.`,
        store.urn,
      );
    }
  },
});
