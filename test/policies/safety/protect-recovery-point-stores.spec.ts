import * as assert from "node:assert/strict";
import { protectRecoveryPointStores } from "../../../policies/safety/protect-recovery-point-stores";
import { ResourceFixture, runStackPolicy, UNKNOWN, urnOf } from "../../helpers/policy-harness";

const VAULT = "aws:backup/vault:Vault";
const KEY = "aws:kms/key:Key";

describe("policies/safety/protect-recovery-point-stores", () => {
  const config = { requireProtect: true };
  const keyUrn = urnOf(KEY, "backup-key");
  const aliasUrn = urnOf("aws:kms/alias:Alias", "backup-key-alias");
  const stack = (
    protect: Record<string, boolean>,
    vaultDeps: string[] = [keyUrn],
  ): ResourceFixture[] => [
    {
      type: KEY,
      name: "backup-key",
      props: { enableKeyRotation: true },
      protect: protect["key"] ?? true,
    },
    { type: KEY, name: "unrelated", props: {} },
    {
      type: "aws:kms/alias:Alias",
      name: "backup-key-alias",
      props: { targetKeyId: UNKNOWN },
      propertyDependencies: { targetKeyId: [keyUrn] },
    },
    {
      type: VAULT,
      name: "main",
      props: { name: "main", kmsKeyArn: UNKNOWN },
      protect: protect["vault"] ?? true,
      propertyDependencies: { kmsKeyArn: vaultDeps },
    },
    {
      type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      name: "main-lock",
      props: { backupVaultName: "main" },
      protect: protect["lock"] ?? true,
    },
    {
      type: "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
      name: "isolated",
      props: { name: "isolated", minRetentionDays: 7, maxRetentionDays: 35 },
      protect: protect["airGapped"] ?? true,
    },
    {
      type: "aws:glacier/vault:Vault",
      name: "archive",
      props: {},
      protect: protect["glacier"] ?? true,
    },
    {
      type: "aws:glacier/vaultLock:VaultLock",
      name: "archive-lock",
      props: {},
      protect: protect["glacierLock"] ?? true,
    },
  ];

  it("is not applicable unless required", async () => {
    const outcome = await runStackPolicy(protectRecoveryPointStores, stack({ vault: false }));
    assert.equal(
      outcome.notApplicable,
      "Protection is not required by this policy's configuration.",
    );
  });

  it("passes when every store, lock and vault key is protected (keys found directly or through an alias)", async () => {
    assert.deepEqual(
      (await runStackPolicy(protectRecoveryPointStores, stack({}), { config })).violations,
      [],
    );
    assert.deepEqual(
      (await runStackPolicy(protectRecoveryPointStores, stack({}, [aliasUrn]), { config }))
        .violations,
      [],
    );
  });

  it("fails each unprotected one", async () => {
    const cases: [string, string, string][] = [
      ["vault", VAULT, "main"],
      ["lock", "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "main-lock"],
      ["airGapped", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", "isolated"],
      ["glacier", "aws:glacier/vault:Vault", "archive"],
      ["glacierLock", "aws:glacier/vaultLock:VaultLock", "archive-lock"],
      ["key", KEY, "backup-key"],
    ];
    for (const [which, type, name] of cases) {
      const outcome = await runStackPolicy(
        protectRecoveryPointStores,
        stack({ [which]: false }, [aliasUrn]),
        { config },
      );
      assert.deepEqual(outcome.violations, [
        {
          message: `${type} ${JSON.stringify(name)} is not protected, but must be (resource option protect: true): it holds recovery points, their lock or their key.`,
          urn: urnOf(type, name),
        },
      ]);
    }
  });
});
