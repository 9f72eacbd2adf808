/**
 * Property-based tests: random mutations of the stack files (wrong types, missing keys,
 * out-of-range numbers, unknown keys) never crash validation, and whatever passes validation runs
 * without error and creates nothing AWS would refuse.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { validateStackConfig } from "../../config/stack-config";
import { awsRefusals } from "../helpers/aws-oracle";
import { STACKS, runStack, stackValues } from "../helpers/stack";

type Path = Array<string | number>;

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

type Mutation =
  | { kind: "delete" }
  | { kind: "replace"; value: unknown }
  | { kind: "unknown-key"; key: string }
  | { kind: "scale"; factor: number; offset: number };

function mutate(
  root: Record<string, unknown>,
  path: Path,
  mutation: Mutation,
): Record<string, unknown> {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (mutation.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case "replace":
      parent[key] = mutation.value;
      break;
    case "unknown-key": {
      const target = parent[key];
      if (typeof target === "object" && target !== null && !Array.isArray(target)) {
        (target as Record<string, unknown>)[mutation.key] = 1;
      } else parent[key] = { [mutation.key]: target };
      break;
    }
    case "scale": {
      const current = parent[key];
      if (typeof current === "number")
        parent[key] = Math.round(current * mutation.factor) + mutation.offset;
      else parent[key] = mutation.offset;
      break;
    }
  }
  return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: "delete" }),
  fc
    .oneof(
      fc.constantFrom<unknown>(
        "",
        "x",
        -1,
        0,
        1e9,
        3.5,
        true,
        null,
        [],
        {},
        "cron(* * * * * *)",
        "GMT+25:00",
      ),
      fc.string({ maxLength: 70 }),
      fc.integer({ min: -100, max: 100000 }),
    )
    .map((value): Mutation => ({ kind: "replace", value })),
  fc
    .stringMatching(/^[a-z][a-zA-Z]{0,8}$/)
    .map((key): Mutation => ({ kind: "unknown-key", key: `zz${key}` })),
  fc
    .record({
      factor: fc.constantFrom(0, 0.5, 0.9, 1, 1.1, 2, 10),
      offset: fc.integer({ min: -3, max: 3 }),
    })
    .map((m): Mutation => ({ kind: "scale", ...m })),
);

describe("stack configuration under random mutation", () => {
  for (const stack of STACKS) {
    const { values, region } = stackValues(stack);
    const allPaths = paths(values);

    it(`${stack}: validation never throws and reports each rejection with a key path`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...allPaths), mutationArb, (path, mutation) => {
          const mutated = mutate(values, path, mutation);
          const result = validateStackConfig(mutated, region);
          for (const issue of result.issues) {
            assert.ok(
              issue.path.startsWith("hybrid-backup:") || issue.path === "aws:region",
              issue.path,
            );
            assert.ok(issue.message.endsWith("."), issue.message);
          }
          assert.equal(result.config === undefined, result.issues.length > 0);
        }),
        { numRuns: 400, seed: 20261121 },
      );
    });

    it(`${stack}: what passes validation runs and creates nothing AWS would refuse`, async function () {
      this.timeout(300000);
      const numeric = allPaths.filter((p) => typeof getAt(values, p) === "number");
      let ran = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...(numeric.length > 0 ? numeric : allPaths)),
          mutationArb,
          async (path, mutation) => {
            const mutated = mutate(values, path, mutation);
            const result = validateStackConfig(mutated, region);
            if (result.config === undefined) return;
            const overrides: Record<string, unknown> = {};
            for (const [key, value] of Object.entries(mutated))
              overrides[`hybrid-backup:${key}`] = value;
            for (const key of Object.keys(values))
              if (!(key in mutated)) overrides[`hybrid-backup:${key}`] = undefined;
            const run = await runStack(stack, overrides);
            ran++;
            assert.deepEqual(
              awsRefusals(run.resources),
              [],
              `mutation ${JSON.stringify(mutation)} at ${path.join(".")}`,
            );
          },
        ),
        { numRuns: 20, seed: 20261121 },
      );
      // Some mutations must get through validation, or this property would test nothing.
      assert.ok(ran > 0, "no mutation passed validation");
    });
  }
});
