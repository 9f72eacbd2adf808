import { PolicyResource } from "@pulumi/policy";
import { backupVaultNameOf, parseArn } from "../lib/arn";
import { providerAccounts } from "../lib/copies-elsewhere";
import { indexByName, linkByName } from "../lib/joins";
import { dependencyUrns, propsOf, providerPropsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, Findings, label, stateOf } from "../lib/report";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

interface LockRange {
  readonly lock: PolicyResource;
  readonly vault: PolicyResource;
  readonly min?: number;
  readonly max?: number;
}

function rangeText(range: LockRange): string {
  if (range.min !== undefined && range.max !== undefined) {
    return `from ${range.min} to ${range.max} days`;
  }
  return range.min !== undefined ? `at least ${range.min} days` : `at most ${range.max ?? 0} days`;
}

/** The lock ranges of a vault; undefined (with notes) when a bound is unknown. */
function lockRanges(
  vault: PolicyResource,
  locksOf: (vault: PolicyResource) => readonly PolicyResource[],
  findings: Findings,
  expectation: string,
): LockRange[] | undefined {
  const ranges: LockRange[] = [];
  for (const lock of locksOf(vault)) {
    const props = propsOf(lock);
    const min = props.get("minRetentionDays");
    const max = props.get("maxRetentionDays");
    const unknown = [min, max].find((p) => p.isUnknown);
    if (unknown !== undefined) {
      findings.unknown(couldNotCheck(unknown, expectation, lock));
      return undefined;
    }
    ranges.push({ lock, vault, min: min.number(), max: max.number() });
  }
  return ranges;
}

function outside(range: LockRange, retention: number | undefined): boolean {
  const below = range.min !== undefined && retention !== undefined && retention < range.min;
  const above = range.max !== undefined && (retention === undefined || retention > range.max);
  return below || above;
}

export const backupRetentionWithinVaultLock = stackPolicy({
  name: "backup-retention-within-vault-lock",
  description:
    "Backup rule and copy retention falls inside the lock range of the vault it writes to (AWS fails the job otherwise).",
  severity: "high",
  remediationSteps:
    "Make `lifecycle.deleteAfter` of the rule (or copy action) fall within the target vault lock's " +
    "[`minRetentionDays`, `maxRetentionDays`], or adjust the lock. A rule without `deleteAfter` keeps " +
    "recovery points indefinitely, which a lock with `maxRetentionDays` refuses.",
  configSchema: { properties: {} },
  validate: ({ stack, findings, args }) => {
    const plans = stack.ofType(T.backupPlan);
    const vaults = stack.ofType(T.backupVault);
    const locks = stack.ofType(T.backupVaultLock);
    if (plans.length === 0 || locks.length === 0) {
      args.notApplicable("The stack has no backup plan writing to a locked vault.");
    }
    const links = linkByName(locks, "backupVaultName", vaults, "name");
    const vaultsByName = indexByName(vaults, "name");
    const vaultsByArn = indexByName(vaults, "arn");
    const vaultUrns = new Set(vaults.map((vault) => vault.urn));

    for (const plan of plans) {
      const props = propsOf(plan);
      const fedBy = dependencyUrns(plan, "rules").filter((urn) => vaultUrns.has(urn));
      const fallback = fedBy.map((urn) => stack.get(urn)).filter((v) => v !== undefined);
      const rules = props.get("rules");
      if (rules.isUnknown) {
        findings.unknown(
          couldNotCheck(rules, "keep recovery points within their vault locks", plan),
        );
        continue;
      }
      for (const rule of rules.items()) {
        const target = rule.get("targetVaultName");
        const targetName = target.string();
        const targets =
          targetName !== undefined
            ? (vaultsByName.get(targetName) ?? [])
            : target.isUnknown
              ? fallback
              : [];
        checkAgainstLocks(
          findings,
          plan,
          rule.get("lifecycle"),
          target,
          targets,
          links.childrenOf.bind(links),
        );
        const actions = rule.get("copyActions");
        for (const action of actions.items()) {
          const arnProp = action.get("destinationVaultArn");
          const arnText = arnProp.string();
          let destinations: PolicyResource[] = [];
          if (arnText !== undefined) {
            const parsed = parseArn(arnText);
            const name = parsed === undefined ? undefined : backupVaultNameOf(parsed);
            destinations =
              vaultsByArn.get(arnText) ??
              (name === undefined ? [] : (vaultsByName.get(name) ?? []));
            if (parsed !== undefined && !vaultsByArn.has(arnText)) {
              // A name alone may be another region's or account's vault: join only when both match.
              destinations = destinations.filter((vault) => {
                const provider = providerPropsOf(vault);
                const region =
                  propsOf(vault).get("region").string() ?? provider.get("region").string();
                const accounts = providerAccounts(provider);
                return (
                  region === parsed.region &&
                  (accounts.length === 0 || accounts.includes(parsed.account))
                );
              });
            }
          } else if (arnProp.isUnknown) {
            destinations = fallback.filter((vault) => !targets.includes(vault));
          }
          checkAgainstLocks(
            findings,
            plan,
            action.get("lifecycle"),
            arnProp,
            destinations,
            links.childrenOf.bind(links),
          );
        }
      }
    }
  },
});

function checkAgainstLocks(
  findings: Findings,
  plan: PolicyResource,
  lifecycle: Prop,
  vaultRef: Prop,
  vaults: readonly PolicyResource[],
  locksOf: (vault: PolicyResource) => readonly PolicyResource[],
): void {
  const locked = vaults.filter((vault) => locksOf(vault).length > 0);
  if (locked.length === 0) {
    return;
  }
  const deleteAfter = lifecycle.get("deleteAfter");
  const expectation = "falls within the lock range of the vault it writes to";
  if (deleteAfter.isUnknown) {
    findings.unknown(couldNotCheck(deleteAfter, expectation, plan));
    return;
  }
  const retention = deleteAfter.number();
  const outcomes: { range: LockRange; bad: boolean }[] = [];
  for (const vault of locked) {
    const ranges = lockRanges(vault, locksOf, findings, expectation);
    if (ranges === undefined) {
      return;
    }
    ranges.forEach((range) => outcomes.push({ range, bad: outside(range, retention) }));
  }
  const bad = outcomes.filter((outcome) => outcome.bad);
  if (bad.length === 0) {
    return;
  }
  if (bad.length < outcomes.length && vaults.length > 1) {
    findings.unknown(
      `could not check that ${label(plan)} [${deleteAfter.path}] ${expectation}, because [${vaultRef.path}] ${vaultRef.isUnknown ? "is unknown during preview and " : ""}may name several vaults with different locks.`,
    );
    return;
  }
  for (const { range } of bad) {
    const given = deleteAfter.isAbsent
      ? "is not set (recovery points kept indefinitely)"
      : stateOf(deleteAfter);
    findings.violation(
      `${label(plan)} [${deleteAfter.path}] ${given}, but must be ${rangeText(range)}: the lock ${label(range.lock)} on ${label(range.vault)} makes AWS fail backup jobs outside that range.`,
      plan.urn,
    );
  }
}
