import * as assert from "node:assert/strict";
import { backupRetentionWithinVaultLock } from "../../../policies/retention/backup-retention-within-vault-lock";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";
import { DR_VAULT_ARN, PLAN, plan, rule } from "./plan-fixtures";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

describe("policies/retention/backup-retention-within-vault-lock", () => {
  const vault: ResourceFixture = { type: VAULT, name: "main", props: { name: "main" } };
  const drVault: ResourceFixture = {
    type: VAULT,
    name: "dr",
    props: { name: "dr", region: "us-west-2" },
  };
  const lock: ResourceFixture = {
    type: LOCK,
    name: "main-lock",
    props: { backupVaultName: "main", minRetentionDays: 7, maxRetentionDays: 365 },
  };
  const drLock: ResourceFixture = {
    type: LOCK,
    name: "dr-lock",
    props: { backupVaultName: "dr", minRetentionDays: 30, maxRetentionDays: 365 },
  };
  const planUrn = urnOf(PLAN, "daily");
  const range = `the lock ${LOCK} "main-lock" on aws:backup/vault:Vault "main" makes AWS fail backup jobs outside that range.`;

  it("passes rules and copies whose retention lies within the locks", async () => {
    const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      drVault,
      drLock,
      plan([rule()]),
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a rule retention below the lock's minimum or kept indefinitely under a maximum", async () => {
    const short = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      plan([rule({ lifecycle: { deleteAfter: 3 } })]),
    ]);
    assert.deepEqual(short.violations, [
      {
        message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is 3, but must be from 7 to 365 days: ${range}`,
        urn: planUrn,
      },
    ]);
    const forever = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      plan([rule({ lifecycle: undefined })]),
    ]);
    assert.deepEqual(forever.violations, [
      {
        message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is not set (recovery points kept indefinitely), but must be from 7 to 365 days: ${range}`,
        urn: planUrn,
      },
    ]);
  });

  it("checks copies against the destination vault's lock (found by ARN)", async () => {
    const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      drVault,
      drLock,
      plan([
        rule({
          copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 14 } }],
        }),
      ]),
    ]);
    assert.deepEqual(outcome.violations, [
      {
        message: `aws:backup/plan:Plan "daily" [rules[0].copyActions[0].lifecycle.deleteAfter] is 14, but must be from 30 to 365 days: the lock ${LOCK} "dr-lock" on aws:backup/vault:Vault "dr" makes AWS fail backup jobs outside that range.`,
        urn: planUrn,
      },
    ]);
  });

  it("finds the target vault through property dependencies when its name is unknown", async () => {
    const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      plan(
        [
          rule({
            targetVaultName: UNKNOWN,
            copyActions: undefined,
            lifecycle: { deleteAfter: 400 },
          }),
        ],
        undefined,
        {
          propertyDependencies: { rules: [urnOf(VAULT, "main")] },
        },
      ),
    ]);
    assert.deepEqual(outcome.violations, [
      {
        message: `aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] is 400, but must be from 7 to 365 days: ${range}`,
        urn: planUrn,
      },
    ]);
  });

  it("says when a retention or lock bound is unknown during preview", async () => {
    const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      lock,
      plan([rule({ lifecycle: { deleteAfter: UNKNOWN }, copyActions: undefined })]),
    ]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupRetentionWithinVaultLock.name,
        'could not check that aws:backup/plan:Plan "daily" [rules[0].lifecycle.deleteAfter] falls within the lock range of the vault it writes to, because it is unknown during preview.',
      ),
    ]);
    const bound = await runStackPolicy(backupRetentionWithinVaultLock, [
      vault,
      { ...lock, props: { backupVaultName: "main", minRetentionDays: UNKNOWN } },
      plan([rule({ copyActions: undefined })]),
    ]);
    assert.deepEqual(bound.advisories, [
      previewAdvisory(
        backupRetentionWithinVaultLock.name,
        `could not check that ${LOCK} "main-lock" [minRetentionDays] falls within the lock range of the vault it writes to, because it is unknown during preview.`,
      ),
    ]);
  });

  it("is not applicable without plans or locks", async () => {
    const outcome = await runStackPolicy(backupRetentionWithinVaultLock, [vault, plan([rule()])]);
    assert.equal(outcome.notApplicable, "The stack has no backup plan writing to a locked vault.");
  });
});
