import * as assert from "node:assert/strict";
import { backupCopyRetention } from "../../../policies/retention/backup-copy-retention";
import { previewAdvisory, runResourcePolicy, UNKNOWN } from "../../helpers/policy-harness";
import { DR_VAULT_ARN, plan, rule } from "./plan-fixtures";

describe("policies/retention/backup-copy-retention", () => {
  it("passes copies kept at least the floor, or without expiry", async () => {
    const outcome = await runResourcePolicy(
      backupCopyRetention,
      plan([rule(), rule({ copyActions: [{ destinationVaultArn: DR_VAULT_ARN }] })]),
    );
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a copy kept less than the floor", async () => {
    const outcome = await runResourcePolicy(
      backupCopyRetention,
      plan(
        [
          rule({
            copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
          }),
        ],
        {
          "backup-tier": "silver",
        },
      ),
    );
    assert.deepEqual(outcome.messages, []);
    const gold = await runResourcePolicy(
      backupCopyRetention,
      plan([
        rule({
          copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
        }),
      ]),
    );
    assert.deepEqual(gold.messages, [
      "[rules[0].copyActions[0].lifecycle.deleteAfter] is 14, but must be at least 35 days for the gold tier.",
    ]);
  });

  it("says which copy retention is unknown during preview", async () => {
    const outcome = await runResourcePolicy(
      backupCopyRetention,
      plan([rule({ copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: UNKNOWN }] })]),
    );
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupCopyRetention.name,
        "could not check that [rules[0].copyActions[0].lifecycle.deleteAfter] is at least 35 days for the gold tier, because [rules[0].copyActions[0].lifecycle] is unknown during preview.",
      ),
    ]);
  });
});
