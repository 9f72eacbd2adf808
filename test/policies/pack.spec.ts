import * as assert from "node:assert/strict";
import { allPolicies } from "../../policies/catalog";
import { runPolicy } from "../helpers/policy-harness";
import { fileConfig, PROD_STACK } from "./fixtures";

describe("policies: a whole production-like stack", () => {
  for (const policy of allPolicies) {
    it(`${policy.name} accepts it under config/prod.json, with nothing left unchecked`, async () => {
      const outcomes = await runPolicy(policy, PROD_STACK, {
        config: fileConfig("prod.json", policy.name),
      });
      assert.deepEqual(
        outcomes.flatMap((outcome) => [...outcome.messages, ...outcome.advisories]),
        [],
      );
    });
  }

  it("runs every resource policy on some resource of the stack", async () => {
    for (const policy of allPolicies.filter((p) => "validateResource" in p)) {
      const outcomes = await runPolicy(policy, PROD_STACK, {
        config: fileConfig("prod.json", policy.name),
      });
      assert.ok(
        outcomes.some((outcome) => outcome.notApplicable === undefined),
        `${policy.name} applies to nothing in the fixture`,
      );
    }
  });
});
