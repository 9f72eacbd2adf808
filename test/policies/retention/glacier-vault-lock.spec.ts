import * as assert from "node:assert/strict";
import { glacierVaultLock } from "../../../policies/retention/glacier-vault-lock";
import {
  previewAdvisory,
  ResourceFixture,
  runStackPolicy,
  UNKNOWN,
  urnOf,
} from "../../helpers/policy-harness";

describe("policies/retention/glacier-vault-lock", () => {
  const GLACIER_LOCK = "aws:glacier/vaultLock:VaultLock";
  const vault: ResourceFixture = {
    type: "aws:glacier/vault:Vault",
    name: "archive",
    props: { name: "archive" },
  };
  const document = (age: string) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "deny-early-delete",
          Effect: "Deny",
          Principal: "*",
          Action: "glacier:DeleteArchive",
          Resource: "arn:aws:glacier:us-east-1:111111111111:vaults/archive",
          Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": age } },
        },
      ],
    });
  const lock = (props: Record<string, unknown> = {}): ResourceFixture => ({
    type: GLACIER_LOCK,
    name: "archive-lock",
    props: { vaultName: "archive", completeLock: true, policy: document("365"), ...props },
  });
  const lockUrn = urnOf(GLACIER_LOCK, "archive-lock");

  it("passes a vault with a complete lock denying early deletion", async () => {
    const outcome = await runStackPolicy(glacierVaultLock, [vault, lock()]);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a vault without a lock", async () => {
    const outcome = await runStackPolicy(glacierVaultLock, [vault]);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:glacier/vault:Vault "archive" has no aws:glacier/vaultLock:VaultLock, so its archives can be deleted at any time.',
        urn: urnOf("aws:glacier/vault:Vault", "archive"),
      },
    ]);
  });

  it("fails an abortable lock, a short age and a policy without the deny", async () => {
    const abortable = await runStackPolicy(glacierVaultLock, [
      vault,
      lock({ completeLock: false }),
    ]);
    assert.deepEqual(abortable.violations, [
      {
        message: `${GLACIER_LOCK} "archive-lock" [completeLock] is false, but must be true.`,
        urn: lockUrn,
      },
    ]);
    const young = await runStackPolicy(glacierVaultLock, [vault, lock({ policy: document("30") })]);
    assert.deepEqual(young.messages, [
      `${GLACIER_LOCK} "archive-lock" [policy] denies glacier:DeleteArchive only while glacier:ArchiveAgeInDays is below 30, but the age must be at least 365 days.`,
    ]);
    const allow = await runStackPolicy(glacierVaultLock, [
      vault,
      lock({
        policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Principal: "*", Action: "glacier:*" }],
        }),
      }),
    ]);
    assert.deepEqual(allow.messages, [
      `${GLACIER_LOCK} "archive-lock" [policy] has no Deny of glacier:DeleteArchive under NumericLessThan glacier:ArchiveAgeInDays, but must deny glacier:DeleteArchive while glacier:ArchiveAgeInDays is below at least 365.`,
    ]);
  });

  it("accepts an abortable lock where configured (test stacks)", async () => {
    const outcome = await runStackPolicy(glacierVaultLock, [vault, lock({ completeLock: false })], {
      config: { requireCompleteLock: false },
    });
    assert.deepEqual(outcome.violations, []);
  });

  it("says when the lock policy is unknown during preview", async () => {
    const outcome = await runStackPolicy(glacierVaultLock, [vault, lock({ policy: UNKNOWN })]);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        glacierVaultLock.name,
        `could not check that ${GLACIER_LOCK} "archive-lock" [policy] denies glacier:DeleteArchive for archives younger than 365 days, because it is unknown during preview.`,
      ),
    ]);
  });
});
