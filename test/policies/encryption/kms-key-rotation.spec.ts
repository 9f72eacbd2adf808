import * as assert from "node:assert/strict";
import { kmsKeyRotation } from "../../../policies/encryption/kms-key-rotation";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/encryption/kms-key-rotation", () => {
  const key = (props: Record<string, unknown>): ResourceFixture => ({
    type: "aws:kms/key:Key",
    name: "backup",
    props,
  });

  it("passes a rotating key and skips keys that cannot rotate", async () => {
    assert.deepEqual(
      (await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: true }))).messages,
      [],
    );
    const asymmetric = await runResourcePolicy(
      kmsKeyRotation,
      key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
    );
    assert.equal(asymmetric.notApplicable, "Only symmetric encryption keys rotate automatically.");
    const hsm = await runResourcePolicy(kmsKeyRotation, key({ customKeyStoreId: "cks-1" }));
    assert.equal(hsm.notApplicable, "Keys in a custom key store do not rotate automatically.");
  });

  it("fails a symmetric key without rotation", async () => {
    assert.deepEqual((await runResourcePolicy(kmsKeyRotation, key({}))).messages, [
      "[enableKeyRotation] is not set, but must be true.",
    ]);
    assert.deepEqual(
      (
        await runResourcePolicy(
          kmsKeyRotation,
          key({ enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT" }),
        )
      ).messages,
      ["[enableKeyRotation] is false, but must be true."],
    );
  });

  it("says when rotation or the key spec is unknown during preview", async () => {
    const outcome = await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: UNKNOWN }));
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        kmsKeyRotation.name,
        "could not check that [enableKeyRotation] is true, because it is unknown during preview.",
      ),
    ]);
    const spec = await runResourcePolicy(kmsKeyRotation, key({ customerMasterKeySpec: UNKNOWN }));
    assert.deepEqual(spec.advisories, [
      previewAdvisory(
        kmsKeyRotation.name,
        "could not check that [customerMasterKeySpec] makes the key one that rotates, because it is unknown during preview.",
      ),
    ]);
  });
});
