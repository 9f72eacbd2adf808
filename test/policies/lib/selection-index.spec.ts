import * as assert from "node:assert/strict";
import type { PolicyResource } from "@pulumi/policy";
import * as fc from "fast-check";
import { SelectionIndex } from "../../../policies/lib/selection-index";
import { anyOf, evaluateSelection, targetOf, type Verdict } from "../../../policies/lib/selections";
import { UNKNOWN } from "../../../policies/lib/values";

function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  providerProps?: Record<string, unknown>,
): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::team::${type}::${name}`,
    props,
    propertyDependencies: {},
    dependencies: [],
    isCustom: true,
    ...(providerProps === undefined ? {} : { provider: { props: providerProps } }),
  } as unknown as PolicyResource;
}

/** What the policy reads of every selection's verdict: the combined result, and why a maybe. */
function outcome(verdicts: readonly Verdict[]): { result: string; reasons: readonly string[] } {
  const result = anyOf(verdicts.map((v) => v.result));
  const reasons = result === "yes" ? [] : [...new Set(verdicts.flatMap((v) => v.reasons))];
  return { result, reasons };
}

const KEYS = ["backup-tier", "team", "aws:ResourceTag/backup-tier"];
const VALUES = ["gold", "silver", "", "Gold"];
const tagValue = fc.oneof(fc.constantFrom(...VALUES), fc.constant(UNKNOWN));
const entry = fc.record({
  type: fc.oneof(
    fc.constantFrom("STRINGEQUALS", "stringequals", "STRINGLIKE"),
    fc.constant(UNKNOWN),
  ),
  key: fc.oneof(fc.constantFrom(...KEYS), fc.constant(UNKNOWN)),
  value: tagValue,
});
const selectionProps = fc.record(
  {
    selectionTags: fc.oneof(fc.array(entry, { maxLength: 3 }), fc.constant(UNKNOWN)),
    resources: fc.oneof(
      fc.constant([]),
      fc.constant(["arn:aws:ec2:*:*:volume/*"]),
      fc.constant(["arn:aws:rds:*"]),
      fc.constant(UNKNOWN),
    ),
    conditions: fc.oneof(
      fc.constant([]),
      fc.constant([{ stringEquals: [{ key: "aws:ResourceTag/team", value: "data" }] }]),
    ),
  },
  { requiredKeys: [] },
);
const tags = fc.dictionary(fc.constantFrom("backup-tier", "team"), tagValue, { maxKeys: 2 });
const target = fc.record({
  tags: fc.oneof(tags, fc.constant(UNKNOWN)),
  defaultTags: fc.option(tags, { nil: undefined }),
});

describe("policies/lib/selection-index", () => {
  it("gives every resource the outcome of evaluating every selection", () => {
    fc.assert(
      fc.property(
        fc.array(selectionProps, { maxLength: 6 }),
        fc.array(target, { maxLength: 4 }),
        (selections, targets) => {
          const stack = selections.map((props, i) =>
            resource("aws:backup/selection:Selection", `s${i}`, props),
          );
          const index = new SelectionIndex(stack);
          targets.forEach((t, i) => {
            const volume = resource(
              "aws:ebs/volume:Volume",
              `v${i}`,
              { tags: t.tags },
              t.defaultTags === undefined ? undefined : { defaultTags: { tags: t.defaultTags } },
            );
            const of = targetOf(volume, "aws");
            assert.deepEqual(
              index.selects(of),
              outcome(stack.map((selection) => evaluateSelection(selection, of))),
            );
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("decides a tag-only selection only for resources whose tag could match", () => {
    const gold = resource("aws:backup/selection:Selection", "gold", {
      selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }],
    });
    const rds = resource("aws:backup/selection:Selection", "databases", {
      resources: ["arn:aws:rds:*"],
    });
    const index = new SelectionIndex([gold, rds]);
    const volume = (name: string, tier: unknown) =>
      targetOf(resource("aws:ebs/volume:Volume", name, { tags: { "backup-tier": tier } }), "aws");
    assert.deepEqual(index.selects(volume("silver", "silver")), { result: "no", reasons: [] });
    assert.deepEqual(index.selects(volume("gold", "gold")), { result: "yes", reasons: [] });
    assert.deepEqual(index.selects(volume("later", UNKNOWN)), {
      result: "maybe",
      reasons: ['aws:ebs/volume:Volume "later" [tags["backup-tier"]] is unknown during preview'],
    });
  });
});
