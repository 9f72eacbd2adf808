import { flag } from "./config";
import { couldNotCheck, Findings, mustBe } from "./report";
import { Prop } from "./values";

export type Where = "region" | "account";

/**
 * Checks that the plan's rules copy somewhere else: every rule when `everyRule`, else at least one
 * rule (a resource counts as copied once any rule of its plan copies it, which is how AWS Backup
 * Audit Manager judges cross-region and cross-account protection). `elsewhere` answers for one
 * parsed ARN; `home` describes where the plan is, for messages.
 */
export function checkCopiesElsewhere(
  findings: Findings,
  props: Prop,
  what: Where,
  home: string,
  everyRule: boolean,
  elsewhere: (destination: string) => boolean,
): void {
  const rules = props.get("rules");
  const need = `a copy to a vault in another ${what} than ${home}`;
  if (rules.isUnknown) {
    findings.unknown(couldNotCheck(rules, `include ${need}`));
    return;
  }
  const ruleFindings: Array<{ violation?: string; unknowns: string[] }> = [];
  let anyFound = false;
  for (const rule of rules.items()) {
    const actions = rule.get("copyActions");
    if (actions.isUnknown) {
      ruleFindings.push({ unknowns: [couldNotCheck(actions, `includes ${need}`)] });
      continue;
    }
    const items = actions.items();
    if (items.length === 0) {
      ruleFindings.push({ violation: mustBe(actions, `a list with ${need}`), unknowns: [] });
      continue;
    }
    const unknowns: string[] = [];
    let found = false;
    for (const action of items) {
      const arn = action.get("destinationVaultArn");
      if (arn.isUnknown) {
        unknowns.push(couldNotCheck(arn, `is in another ${what} than ${home}`));
        continue;
      }
      const text = arn.string();
      if (text !== undefined && elsewhere(text)) {
        found = true;
      }
    }
    if (found) {
      anyFound = true;
      continue;
    }
    ruleFindings.push(
      unknowns.length > 0
        ? { unknowns }
        : {
            violation: `[${actions.path}] copies only to vaults in ${home}, but must include ${need}.`,
            unknowns: [],
          },
    );
  }
  if (everyRule) {
    for (const finding of ruleFindings) {
      if (finding.violation !== undefined) findings.violation(finding.violation);
      finding.unknowns.forEach((u) => findings.unknown(u));
    }
    return;
  }
  if (anyFound) return;
  const unknowns = ruleFindings.flatMap((f) => f.unknowns);
  if (unknowns.length > 0) {
    unknowns.forEach((u) => findings.unknown(u));
    return;
  }
  findings.violation(
    `[${rules.path}] has no rule with ${need}, but at least one rule must have one.`,
  );
}

export const everyRuleProperty = flag(
  "Require the copy on every rule of a plan; false accepts a plan once one of its rules copies (AWS Backup Audit Manager's view).",
  false,
);

/** The account ids a provider is pinned to (`allowedAccountIds`). */
export function providerAccounts(providerProps: Prop): string[] {
  const allowed = providerProps.get("allowedAccountIds");
  const text = allowed.string();
  let value: unknown = allowed.value;
  if (text !== undefined) {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      value = [];
    }
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
