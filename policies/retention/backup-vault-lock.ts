import {
  changeableForDaysProblem,
  maxRetentionDaysProblem,
  minRetentionDaysProblem,
} from "../../core/aws-backup-limits";
import { days, flag } from "../lib/config";
import { linkByName, undeterminedNote } from "../lib/joins";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { expectProp, label } from "../lib/report";
import { T } from "../lib/types";

export const backupVaultLock = stackPolicy({
  name: "backup-vault-lock",
  description:
    "Every backup vault has a vault lock whose minimum and maximum retention are within the configured bounds.",
  severity: "critical",
  remediationSteps:
    "Add an aws.backup.VaultLockConfiguration for each vault with `minRetentionDays` at least the " +
    "configured floor and `maxRetentionDays` at most the cap; set `changeableForDays` (>= 3) where " +
    "compliance mode is required (the lock becomes immutable after that many days).",
  configSchema: {
    properties: {
      minRetentionDays: days("Lowest allowed `minRetentionDays` of a vault lock.", 7),
      maxRetentionDays: days(
        "Highest allowed `maxRetentionDays` of a vault lock (which must be set).",
        3650,
      ),
      requireComplianceMode: flag(
        "Whether locks must set `changeableForDays` (compliance mode).",
        false,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.backupVault);
    const locks = stack.ofType(T.backupVaultLock);
    if (vaults.length === 0 && locks.length === 0) {
      args.notApplicable("The stack has no backup vault.");
    }
    const links = linkByName(locks, "backupVaultName", vaults, "name");
    for (const vault of vaults) {
      if (links.childrenOf(vault).length > 0) {
        continue;
      }
      const possible = links.possibleChildrenOf(vault);
      if (possible.length > 0) {
        findings.unknown(undeterminedNote(vault, possible));
        continue;
      }
      findings.violation(
        `${label(vault)} has no ${T.backupVaultLock}, so its recovery points can be deleted before their retention ends.`,
        vault.urn,
      );
    }
    for (const lock of locks) {
      const props = propsOf(lock);
      const owner = lock;
      expectProp(
        findings,
        props.get("minRetentionDays"),
        (p) => (p.number() ?? -Infinity) >= config.minRetentionDays,
        `at least ${config.minRetentionDays} days`,
        { owner },
      );
      expectProp(
        findings,
        props.get("maxRetentionDays"),
        (p) => (p.number() ?? Infinity) <= config.maxRetentionDays,
        `at most ${config.maxRetentionDays} days`,
        { owner },
      );
      // What AWS refuses, with the rules the components apply.
      const min = props.get("minRetentionDays").number();
      const max = props.get("maxRetentionDays").number();
      const changeable = props.get("changeableForDays").number();
      const refusals = [
        min === undefined ? undefined : ["minRetentionDays", minRetentionDaysProblem(min)],
        max === undefined ? undefined : ["maxRetentionDays", maxRetentionDaysProblem(max, min)],
        changeable === undefined
          ? undefined
          : ["changeableForDays", changeableForDaysProblem(changeable)],
      ];
      for (const refusal of refusals) {
        if (refusal?.[1] !== undefined) {
          findings.violation(`${label(lock)} [${refusal[0]}] ${refusal[1]}`, lock.urn);
        }
      }
      if (config.requireComplianceMode) {
        expectProp(
          findings,
          props.get("changeableForDays"),
          (p) => (p.number() ?? -Infinity) >= 3,
          "at least 3 days, so that the lock enters compliance mode",
          { owner, expectation: "is set, so that the lock enters compliance mode" },
        );
      }
    }
  },
});
