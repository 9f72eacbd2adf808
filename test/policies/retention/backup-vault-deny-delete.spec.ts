import * as assert from "node:assert/strict";
import { backupVaultDenyDelete } from "../../../policies/retention/backup-vault-deny-delete";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

const VAULT = "aws:backup/vault:Vault";
const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";

describe("policies/retention/backup-vault-deny-delete", () => {
  const vault: ResourceFixture = { type: VAULT, name: "main", props: { name: "main" } };
  const deny = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyDelete",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
        Resource: "*",
        Condition: {
          ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/break-glass" },
        },
      },
    ],
  };
  const vaultPolicy = (policy: unknown): ResourceFixture => ({
    type: VAULT_POLICY,
    name: "main-policy",
    props: { backupVaultName: "main", policy },
  });
  const policyUrn = urnOf(VAULT_POLICY, "main-policy");

  it("passes a vault whose policy denies both actions to everyone", async () => {
    const outcome = await runStackPolicy(backupVaultDenyDelete, [
      vault,
      vaultPolicy(JSON.stringify(deny)),
    ]);
    assert.deepEqual(outcome.violations, []);
    const wildcard = await runStackPolicy(backupVaultDenyDelete, [
      vault,
      vaultPolicy(
        JSON.stringify({
          Statement: { Effect: "Deny", Principal: "*", Action: "backup:*", Resource: "*" },
        }),
      ),
    ]);
    assert.deepEqual(wildcard.violations, []);
  });

  it("fails a vault without a policy", async () => {
    const outcome = await runStackPolicy(backupVaultDenyDelete, [vault]);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:backup/vault:Vault "main" has no aws:backup/vaultPolicy:VaultPolicy, but must have one that denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.',
        urn: urnOf(VAULT, "main"),
      },
    ]);
  });

  it("fails a policy that misses an action, or denies only some principals", async () => {
    const partial = structuredClone(deny);
    partial.Statement[0]!.Action = ["backup:DeleteRecoveryPoint"];
    const missing = await runStackPolicy(backupVaultDenyDelete, [
      vault,
      vaultPolicy(JSON.stringify(partial)),
    ]);
    assert.deepEqual(missing.violations, [
      {
        message: `${VAULT_POLICY} "main-policy" [policy] does not deny backup:UpdateRecoveryPointLifecycle to every principal ("Principal": "*"), but must.`,
        urn: policyUrn,
      },
    ]);
    const narrow = structuredClone(deny);
    narrow.Statement[0]!.Principal = { AWS: "arn:aws:iam::111111111111:root" };
    const some = await runStackPolicy(backupVaultDenyDelete, [
      vault,
      vaultPolicy(JSON.stringify(narrow)),
    ]);
    assert.deepEqual(some.messages, [
      `${VAULT_POLICY} "main-policy" [policy] does not deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal ("Principal": "*"), but must.`,
    ]);
    const broken = await runStackPolicy(backupVaultDenyDelete, [vault, vaultPolicy("{not json")]);
    assert.deepEqual(broken.messages, [
      `${VAULT_POLICY} "main-policy" [policy] is not valid JSON, but must deny backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal.`,
    ]);
  });

  it("says when the policy document is unknown during preview", async () => {
    const outcome = await runStackPolicy(backupVaultDenyDelete, [vault, vaultPolicy(UNKNOWN)]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        backupVaultDenyDelete.name,
        `could not check that ${VAULT_POLICY} "main-policy" [policy] denies backup:DeleteRecoveryPoint and backup:UpdateRecoveryPointLifecycle to every principal, because it is unknown during preview.`,
      ),
    ]);
  });
});
