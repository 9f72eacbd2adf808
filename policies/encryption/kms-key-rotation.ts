import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck, expectProp } from "../lib/report";
import { T } from "../lib/types";

export const kmsKeyRotation = resourcePolicy({
  name: "kms-key-rotation",
  description: "Symmetric customer-managed KMS keys rotate their key material automatically.",
  severity: "medium",
  remediationSteps: "Set `enableKeyRotation: true` on the key.",
  configSchema: { properties: {} },
  resourceTypes: [T.kmsKey],
  validate: ({ props, findings, args }) => {
    const spec = props.get("customerMasterKeySpec");
    const usage = props.get("keyUsage");
    const external = [props.get("customKeyStoreId"), props.get("xksKeyId")];
    if (external.some((p) => p.nonBlankString() !== undefined)) {
      args.notApplicable("Keys in a custom key store do not rotate automatically.");
    }
    const symmetric =
      (spec.isAbsent || spec.string() === "SYMMETRIC_DEFAULT") &&
      (usage.isAbsent || usage.string() === "ENCRYPT_DECRYPT");
    if (spec.isKnown && usage.isKnown && !symmetric) {
      args.notApplicable("Only symmetric encryption keys rotate automatically.");
    }
    const rotation = props.get("enableKeyRotation");
    const unknown = [spec, usage, ...external].find((p) => p.isUnknown);
    if (unknown !== undefined && rotation.boolean() !== true) {
      findings.unknown(couldNotCheck(unknown, "makes the key one that rotates"));
      return;
    }
    if (!symmetric) {
      return;
    }
    expectProp(findings, rotation, (p) => p.boolean() === true, "true");
  },
});
