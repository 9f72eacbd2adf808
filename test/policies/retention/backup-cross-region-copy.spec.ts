import * as assert from "node:assert/strict";
import { backupCrossRegionCopy } from "../../../policies/retention/backup-cross-region-copy";
import { previewAdvisory, runResourcePolicy, UNKNOWN } from "../../helpers/policy-harness";
import { PLAN, plan, rule } from "./plan-fixtures";

describe("policies/retention/backup-cross-region-copy", () => {
  const config = { required: true };
  const sameRegion = "arn:aws:backup:us-east-1:111111111111:backup-vault:local";

  it("is not applicable unless required", async () => {
    const outcome = await runResourcePolicy(
      backupCrossRegionCopy,
      plan([rule({ copyActions: [] })]),
    );
    assert.equal(
      outcome.notApplicable,
      "Cross-region copies are not required by this policy's configuration.",
    );
  });

  it("passes rules that copy to another region (provider region, plan region or config)", async () => {
    const outcome = await runResourcePolicy(backupCrossRegionCopy, plan([rule()]), { config });
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, []);
    const planRegion = await runResourcePolicy(
      backupCrossRegionCopy,
      {
        type: PLAN,
        name: "p",
        props: {
          region: "us-west-2",
          rules: [rule({ copyActions: [{ destinationVaultArn: sameRegion }] })],
        },
      },
      { config },
    );
    assert.deepEqual(planRegion.messages, []);
    const fromConfig = await runResourcePolicy(
      backupCrossRegionCopy,
      { type: PLAN, name: "p", props: { rules: [rule()] } },
      { config: { ...config, homeRegion: "us-east-1" } },
    );
    assert.deepEqual(fromConfig.messages, []);
  });

  it("passes a plan once one rule copies to another region, unless every rule must", async () => {
    const mixed = plan([rule(), rule({ copyActions: undefined })]);
    const onePlan = await runResourcePolicy(backupCrossRegionCopy, mixed, { config });
    assert.deepEqual(onePlan.messages, []);
    const everyRule = await runResourcePolicy(backupCrossRegionCopy, mixed, {
      config: { ...config, everyRule: true },
    });
    assert.deepEqual(everyRule.messages, [
      '[rules[1].copyActions] is not set, but must be a list with a copy to a vault in another region than "us-east-1".',
    ]);
  });

  it("fails plans whose rules copy nowhere or only within the region", async () => {
    const rules = plan([
      rule({ copyActions: [{ destinationVaultArn: sameRegion }] }),
      rule({ copyActions: undefined }),
    ]);
    const perPlan = await runResourcePolicy(backupCrossRegionCopy, rules, { config });
    assert.deepEqual(perPlan.messages, [
      '[rules] has no rule with a copy to a vault in another region than "us-east-1", but at least one rule must have one.',
    ]);
    const outcome = await runResourcePolicy(backupCrossRegionCopy, rules, {
      config: { ...config, everyRule: true },
    });
    assert.deepEqual(outcome.messages, [
      [
        '[rules[0].copyActions] copies only to vaults in "us-east-1", but must include a copy to a vault in another region than "us-east-1".',
        '[rules[1].copyActions] is not set, but must be a list with a copy to a vault in another region than "us-east-1".',
      ].join("\n"),
    ]);
  });

  it("says when a destination or the plan's region is unknown", async () => {
    const outcome = await runResourcePolicy(
      backupCrossRegionCopy,
      plan([rule({ copyActions: [{ destinationVaultArn: UNKNOWN }] })]),
      { config },
    );
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupCrossRegionCopy.name,
        'could not check that [rules[0].copyActions[0].destinationVaultArn] is in another region than "us-east-1", because it is unknown during preview.',
      ),
    ]);
    const noRegion = await runResourcePolicy(
      backupCrossRegionCopy,
      { type: PLAN, name: "p", props: { rules: [rule()] } },
      { config },
    );
    assert.deepEqual(noRegion.advisories, [
      previewAdvisory(
        backupCrossRegionCopy.name,
        "could not check that the rules copy to another region, because the plan's region is set on neither the plan, its provider nor the policy config `homeRegion`.",
      ),
    ]);
  });
});
