import { days, flag } from "../lib/config";
import { conditionValues, coversAction, readPolicyDocument } from "../lib/iam";
import { linkByName, undeterminedNote } from "../lib/joins";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, expectProp, label } from "../lib/report";
import { T } from "../lib/types";

export const glacierVaultLock = stackPolicy({
  name: "glacier-vault-lock",
  description:
    "Every Glacier vault has a completed Vault Lock whose policy denies deleting archives younger than the floor.",
  severity: "critical",
  remediationSteps:
    "Add an aws.glacier.VaultLock with `completeLock: true` and a policy with a Deny statement for " +
    '`glacier:DeleteArchive` under `"NumericLessThan": {"glacier:ArchiveAgeInDays": "<days>"}` where ' +
    "days is at least the floor. Completing a lock is irreversible.",
  configSchema: {
    properties: {
      minArchiveAgeDays: days("Lowest allowed archive age before deletion, in days.", 365),
      requireCompleteLock: flag(
        "Whether locks must be completed (`completeLock: true`, irreversible); false lets test stacks keep them abortable.",
        true,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.glacierVault);
    const locks = stack.ofType(T.glacierVaultLock);
    if (vaults.length === 0 && locks.length === 0) {
      args.notApplicable("The stack has no Glacier vault.");
    }
    const links = linkByName(locks, "vaultName", vaults, "name");
    for (const vault of vaults) {
      if (links.childrenOf(vault).length > 0) {
        continue;
      }
      const possible = links.possibleChildrenOf(vault);
      if (possible.length > 0) {
        findings.unknown(undeterminedNote(vault, possible));
      } else {
        findings.violation(
          `${label(vault)} has no ${T.glacierVaultLock}, so its archives can be deleted at any time.`,
          vault.urn,
        );
      }
    }
    const floor = config.minArchiveAgeDays;
    for (const lock of locks) {
      const props = propsOf(lock);
      if (config.requireCompleteLock) {
        expectProp(findings, props.get("completeLock"), (p) => p.boolean() === true, "true", {
          owner: lock,
        });
      }
      const prop = props.get("policy");
      const document = readPolicyDocument(prop);
      const need = `deny glacier:DeleteArchive while glacier:ArchiveAgeInDays is below at least ${floor}`;
      if (document.kind === "unknown") {
        findings.unknown(
          couldNotCheck(
            prop,
            `denies glacier:DeleteArchive for archives younger than ${floor} days`,
            lock,
          ),
        );
        continue;
      }
      if (document.kind !== "ok") {
        findings.violation(
          `${label(lock)} [policy] ${document.kind === "absent" ? "is not set" : document.reason}, but must ${need}.`,
          lock.urn,
        );
        continue;
      }
      const ages = document.statements
        .filter((s) => s.effect === "Deny" && coversAction(s, "glacier:DeleteArchive"))
        .flatMap((s) =>
          conditionValues(s, "NumericLessThan", "glacier:ArchiveAgeInDays").map(Number),
        )
        .filter((n) => Number.isFinite(n));
      if (ages.length === 0) {
        findings.violation(
          `${label(lock)} [policy] has no Deny of glacier:DeleteArchive under NumericLessThan glacier:ArchiveAgeInDays, but must ${need}.`,
          lock.urn,
        );
      } else if (Math.max(...ages) < floor) {
        findings.violation(
          `${label(lock)} [policy] denies glacier:DeleteArchive only while glacier:ArchiveAgeInDays is below ${Math.max(...ages)}, but the age must be at least ${floor} days.`,
          lock.urn,
        );
      }
    }
  },
});
