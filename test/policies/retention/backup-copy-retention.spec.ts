import * as assert from "node:assert/strict";
import { backupCopyRetention } from "../../../policies/retention/backup-copy-retention";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

const PLAN = "aws:backup/plan:Plan";

const DR_VAULT_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:dr";

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ruleName: "every-6h",
    targetVaultName: "main",
    schedule: "cron(0 */6 ? * * *)",
    lifecycle: { deleteAfter: 35 },
    copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 35 } }],
    ...overrides,
  };
}

function plan(
  rules: unknown,
  tags: unknown = { "backup-tier": "gold" },
  extra: Partial<ResourceFixture> = {},
): ResourceFixture {
  return {
    type: PLAN,
    name: "daily",
    props: { name: "daily", rules, tags },
    provider: { props: { region: "us-east-1" } },
    ...extra,
  };
}

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
