import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { previewProgram } from "../../helpers/program-policy";
import { backupVaultLock } from "../../../policies/retention/backup-vault-lock";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

describe("policies/retention/backup-vault-lock", () => {
  const vault: ResourceFixture = {
    type: VAULT,
    name: "main",
    props: { name: "main", kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/k" },
  };
  const lock = (
    props: Record<string, unknown>,
    extra: Partial<ResourceFixture> = {},
  ): ResourceFixture => ({
    type: LOCK,
    name: "main-lock",
    props: { backupVaultName: "main", minRetentionDays: 7, maxRetentionDays: 365, ...props },
    ...extra,
  });
  const lockUrn = urnOf(LOCK, "main-lock");
  const vaultUrn = urnOf(VAULT, "main");

  it("passes a vault with a lock within the bounds", async () => {
    const outcome = await runStackPolicy(backupVaultLock, [vault, lock({})]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("joins a lock to an auto-named vault through its property dependencies", async () => {
    const unnamed: ResourceFixture = { type: VAULT, name: "main", props: {} };
    const outcome = await runStackPolicy(backupVaultLock, [
      unnamed,
      lock({ backupVaultName: UNKNOWN }, { propertyDependencies: { backupVaultName: [vaultUrn] } }),
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a vault without a lock", async () => {
    const outcome = await runStackPolicy(backupVaultLock, [
      vault,
      lock({ backupVaultName: "other" }),
    ]);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:backup/vault:Vault "main" has no aws:backup/vaultLockConfiguration:VaultLockConfiguration, so its recovery points can be deleted before their retention ends.',
        urn: vaultUrn,
      },
    ]);
  });

  it("fails bounds outside the configured range, one message each", async () => {
    const low = await runStackPolicy(backupVaultLock, [vault, lock({ minRetentionDays: 1 })]);
    assert.deepEqual(low.violations, [
      {
        message: `${LOCK} "main-lock" [minRetentionDays] is 1, but must be at least 7 days.`,
        urn: lockUrn,
      },
    ]);
    const noMax = await runStackPolicy(backupVaultLock, [
      vault,
      lock({ maxRetentionDays: undefined }),
    ]);
    assert.deepEqual(noMax.violations, [
      {
        message: `${LOCK} "main-lock" [maxRetentionDays] is not set, but must be at most 3650 days.`,
        urn: lockUrn,
      },
    ]);
    const high = await runStackPolicy(backupVaultLock, [vault, lock({ maxRetentionDays: 36500 })]);
    assert.deepEqual(high.violations, [
      {
        message: `${LOCK} "main-lock" [maxRetentionDays] is 36500, but must be at most 3650 days.`,
        urn: lockUrn,
      },
    ]);
  });

  it("requires compliance mode where configured", async () => {
    const config = { requireComplianceMode: true };
    const governance = await runStackPolicy(backupVaultLock, [vault, lock({})], { config });
    assert.deepEqual(governance.violations, [
      {
        message: `${LOCK} "main-lock" [changeableForDays] is not set, but must be at least 3 days, so that the lock enters compliance mode.`,
        urn: lockUrn,
      },
    ]);
    const compliance = await runStackPolicy(
      backupVaultLock,
      [vault, lock({ changeableForDays: 3 })],
      { config },
    );
    assert.deepEqual(compliance.violations, []);
  });

  it("says when the lock's vault or bounds are unknown during preview", async () => {
    const outcome = await runStackPolicy(backupVaultLock, [
      vault,
      lock({ backupVaultName: UNKNOWN, minRetentionDays: UNKNOWN }),
    ]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupVaultLock.name,
        `could not tell whether aws:backup/vault:Vault "main" is configured by ${LOCK} "main-lock" [backupVaultName], because that input is unknown during preview.`,
        `could not check that ${LOCK} "main-lock" [minRetentionDays] is at least 7 days, because it is unknown during preview.`,
      ),
    ]);
  });
  it("fails what AWS refuses in a lock inside another team's component, with the components' rule", async () => {
    const stack = await previewProgram(() => {
      class Vault extends pulumi.ComponentResource {
        constructor(name: string) {
          super("acme:backup:Vault", name, {});
          const vault = new aws.backup.Vault(`${name}-vault`, {}, { parent: this });
          new aws.backup.VaultLockConfiguration(
            `${name}-lock`,
            {
              backupVaultName: vault.name,
              minRetentionDays: 30,
              maxRetentionDays: 20,
              changeableForDays: 1,
            },
            { parent: this },
          );
          this.registerOutputs({});
        }
      }
      new Vault("team");
    });
    const outcome = await runStackPolicy(backupVaultLock, stack);
    const label = 'aws:backup/vaultLockConfiguration:VaultLockConfiguration "team-lock"';
    assert.deepEqual(outcome.violations, [
      {
        message: [
          `${label} [maxRetentionDays] is 20 days, but must be at least minRetentionDays (30 days).`,
          `${label} [changeableForDays] is 1, but must be a whole number of at least 3 days.`,
        ].join("\n"),
        urn: "urn:pulumi:dev::team::acme:backup:Vault$aws:backup/vaultLockConfiguration:VaultLockConfiguration::team-lock",
      },
    ]);
  });
});
