/** Terminal text for policy results: violations grouped by resource, most severe level first. */
import type { PolicyViolation } from "../types";
import type { PolicyRunResult } from "./index";

const LEVEL_ORDER: readonly PolicyViolation["enforcementLevel"][] = [
  "mandatory",
  "remediate",
  "advisory",
  "disabled",
];

/** `<type> <name>` of a URN (`urn:pulumi:<stack>::<project>::<parent$type>::<name>`). */
function describeUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return urn;
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  return `${type} ${parts.slice(3).join("::")}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : prefix + line))
    .join("\n");
}

/** One line with the count of violations per enforcement level. */
function summary(violations: readonly PolicyViolation[]): string {
  if (violations.length === 0) return "Policy violations: none";
  const counts = LEVEL_ORDER.map(
    (level) => [level, violations.filter((v) => v.enforcementLevel === level).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${level}`);
  return `Policy violations: ${counts.join(", ")}`;
}

/**
 * Renders violations grouped by resource (in the order the resources first appear), stack-level
 * violations without a resource last, each as `[level] pack/policy (severity)` and its message.
 */
export function renderViolations(violations: readonly PolicyViolation[]): string {
  const groups = new Map<string | undefined, PolicyViolation[]>();
  for (const violation of violations) {
    const group = groups.get(violation.urn) ?? [];
    group.push(violation);
    groups.set(violation.urn, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) =>
    a === undefined ? 1 : b === undefined ? -1 : 0,
  );
  const blocks = ordered.map(([urn, group]) => {
    const heading = urn === undefined ? "stack" : `${describeUrn(urn)}\n  ${urn}`;
    const rank = (v: PolicyViolation): number => LEVEL_ORDER.indexOf(v.enforcementLevel);
    const lines = [...group]
      .sort((a, b) => rank(a) - rank(b))
      .map((v) => {
        const severity = v.severity === undefined ? "" : ` (${v.severity})`;
        return `  [${v.enforcementLevel}] ${v.policyPack}/${v.policy}${severity}\n${indent(v.message, "    ")}`;
      });
    return [heading, ...lines].join("\n");
  });
  return [summary(violations), ...blocks].join("\n\n");
}

/** Renders a whole run: the packs, remediations applied, then the violations. */
export function renderPolicyRun(result: PolicyRunResult): string {
  const packs = result.packs.map(
    (pack) => `Policy pack ${pack.name}@${pack.version}: ${pack.policies.length} policies`,
  );
  const remediations = result.remediations.map(
    (r) => `Remediated ${describeUrn(r.urn)} with ${r.policyPack}/${r.policy}`,
  );
  return [
    packs.join("\n"),
    ...(remediations.length > 0 ? [remediations.join("\n")] : []),
    renderViolations(result.violations),
  ].join("\n\n");
}
