import * as assert from "node:assert/strict";
import { backupCrossAccountCopy } from "../../../policies/retention/backup-cross-account-copy";
import { previewAdvisory, runResourcePolicy } from "../../helpers/policy-harness";
import { plan, rule } from "./plan-fixtures";

describe("policies/retention/backup-cross-account-copy", () => {
  const config = { required: true, sourceAccountIds: ["111111111111"] };

  it("passes rules that copy to another account (config or provider accounts)", async () => {
    const outcome = await runResourcePolicy(backupCrossAccountCopy, plan([rule()]), { config });
    assert.deepEqual(outcome.messages, []);
    const provider = await runResourcePolicy(
      backupCrossAccountCopy,
      plan([rule()], undefined, {
        provider: { props: { allowedAccountIds: '["111111111111"]' } },
      }),
      { config: { required: true } },
    );
    assert.deepEqual(provider.messages, []);
    assert.deepEqual(provider.advisories, []);
  });

  it("fails plans that copy only within the account", async () => {
    const local = "arn:aws:backup:us-west-2:111111111111:backup-vault:dr";
    const outcome = await runResourcePolicy(
      backupCrossAccountCopy,
      plan([rule({ copyActions: [{ destinationVaultArn: local }] })]),
      { config },
    );
    assert.deepEqual(outcome.messages, [
      '[rules] has no rule with a copy to a vault in another account than "111111111111", but at least one rule must have one.',
    ]);
    const everyRule = await runResourcePolicy(
      backupCrossAccountCopy,
      plan([rule({ copyActions: [{ destinationVaultArn: local }] })]),
      { config: { ...config, everyRule: true } },
    );
    assert.deepEqual(everyRule.messages, [
      '[rules[0].copyActions] copies only to vaults in "111111111111", but must include a copy to a vault in another account than "111111111111".',
    ]);
  });

  it("says when the plan's account is not known", async () => {
    const outcome = await runResourcePolicy(backupCrossAccountCopy, plan([rule()]), {
      config: { required: true },
    });
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupCrossAccountCopy.name,
        "could not check that the rules copy to another account, because the plan's account is unknown: set `sourceAccountIds` in the policy config.",
      ),
    ]);
  });
});
