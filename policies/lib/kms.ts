/**
 * Whether a KMS key reference names a customer-managed key. A known reference is judged by its
 * text (AWS-managed keys are the `alias/aws/...` aliases); a reference unknown during preview is
 * resolved through the dependency graph: when every resource it depends on is a KMS key, replica
 * key or alias declared in the same stack, it can only name a customer-managed key.
 */
import { PolicyResource } from "@pulumi/policy";
import { isAwsManagedKeyAlias } from "./arn";
import { list } from "./config";
import { globMatches } from "./glob";
import { dependencyUrns, StackIndex } from "./policy-kit";
import { couldNotCheck, either, Findings, label, mustBe, show } from "./report";
import { CUSTOMER_KEY_TYPES } from "./types";
import { Prop } from "./values";

/** The resource type a URN names (the last type of `parent$type`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  const types = qualified.split("$");
  return types[types.length - 1] ?? "";
}

/** The top-level input a property path starts with (`rules` of `rules[0].kmsKeyId`). */
export function topLevelKey(path: string): string {
  return /^[^.[]+/.exec(path)?.[0] ?? path;
}

export type KeySource =
  | { readonly kind: "customer"; readonly via?: readonly string[] }
  | { readonly kind: "unknown"; readonly why: string };

/**
 * What an unknown key reference of `resource` (the property `prop`) comes from. `stack` gives the
 * resources of the stack and their property dependencies.
 */
export function keySourceOf(
  stack: StackIndex | undefined,
  resource: PolicyResource | undefined,
  prop: Prop,
): KeySource {
  const unknownCause =
    prop.unknownAt === prop.path || prop.unknownAt === ""
      ? "it is unknown during preview"
      : `[${prop.unknownAt}] is unknown during preview`;
  if (stack === undefined || resource === undefined) {
    return { kind: "unknown", why: unknownCause };
  }
  const urns = dependencyUrns(resource, topLevelKey(prop.unknownAt || prop.path));
  if (urns.length === 0) {
    return { kind: "unknown", why: `${unknownCause} and depends on no resource of the stack` };
  }
  const others = urns.filter((urn) => !CUSTOMER_KEY_TYPES.includes(typeOfUrn(urn)));
  if (others.length === 0) {
    return { kind: "customer", via: urns };
  }
  const names = others.map((urn) => {
    const known = stack.get(urn);
    return known === undefined ? urn : label(known);
  });
  return {
    kind: "unknown",
    why: `${unknownCause} and depends on ${names.join(", ")}, which ${others.length === 1 ? "is not a KMS key" : "are not KMS keys"} of this stack`,
  };
}

/**
 * Checks that a KMS key reference names a customer-managed key (from the allow-list when it is
 * not empty). `owner` is the resource the reference belongs to; `report` is the resource the
 * finding is about (the owner, or the bucket a settings resource configures).
 */
export function checkCustomerKey(
  findings: Findings,
  key: Prop,
  allowed: readonly string[],
  context: {
    readonly stack?: StackIndex;
    readonly owner?: PolicyResource;
    readonly reportOn?: string;
    /** Names the owner in messages (stack policies). */
    readonly named?: boolean;
  } = {},
): void {
  const need = "a customer-managed KMS key";
  const owner = context.named === true ? context.owner : undefined;
  const urn = context.reportOn ?? context.owner?.urn;
  if (key.isUnknown) {
    const source = keySourceOf(context.stack, context.owner, key);
    if (source.kind === "customer") {
      if (allowed.length > 0) {
        findings.unknown(
          couldNotCheck(key, "is one of the allowed keys", owner).replace(
            /because .*\.$/,
            "because it is unknown during preview (it names a KMS key of this stack, not yet created).",
          ),
        );
      }
      return;
    }
    findings.unknown(
      couldNotCheck(key, `names ${need}`, owner).replace(/because .*\.$/, `because ${source.why}.`),
    );
    return;
  }
  const reference = key.nonBlankString();
  if (reference === undefined) {
    findings.violation(mustBe(key, need, owner), urn);
    return;
  }
  if (isAwsManagedKeyAlias(reference)) {
    findings.violation(mustBe(key, `${need}, not an AWS-managed key`, owner), urn);
    return;
  }
  if (allowed.length > 0 && !allowed.some((pattern) => globMatches(pattern, reference))) {
    findings.violation(
      mustBe(key, `one of the allowed keys ${either(allowed.map((a) => show(a)))}`, owner),
      urn,
    );
  }
}

export const allowedKeysProperty = list(
  "KMS keys (ARNs, key ids, alias names or ARNs; `*` wildcards) allowed; empty allows any customer-managed key.",
  [],
);
