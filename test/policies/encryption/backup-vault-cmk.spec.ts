import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { backupVaultCmk } from "../../../policies/encryption/backup-vault-cmk";
import { previewAdvisory, runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/encryption/backup-vault-cmk", () => {
  it("passes a vault encrypted with a key (or an alias of a key) of the same stack", async () => {
    const stack = await previewProgram(() => {
      const key = new aws.kms.Key("backup", { enableKeyRotation: true });
      const alias = new aws.kms.Alias("backup", { name: "alias/backup", targetKeyId: key.keyId });
      new aws.backup.Vault("by-key", { kmsKeyArn: key.arn });
      new aws.backup.Vault("by-alias", { kmsKeyArn: alias.arn });
    });
    const outcome = await runStackPolicy(backupVaultCmk, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a vault without a key and one with the AWS-managed key", async () => {
    const stack = await previewProgram(() => {
      new aws.backup.Vault("default", {});
      new aws.backup.Vault("managed", {
        kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:alias/aws/backup",
      });
    });
    const outcome = await runStackPolicy(backupVaultCmk, stack);
    assert.deepEqual([...outcome.messages].sort(), [
      'aws:backup/vault:Vault "default" [kmsKeyArn] is not set, but must be a customer-managed KMS key.',
      'aws:backup/vault:Vault "managed" [kmsKeyArn] is "arn:aws:kms:us-east-1:111111111111:alias/aws/backup", but must be a customer-managed KMS key, not an AWS-managed key.',
    ]);
  });
  it("says the allow-list could not be checked for a key the stack has not created yet", async () => {
    const stack = await previewProgram(() => {
      const key = new aws.kms.Key("backup", { enableKeyRotation: true });
      new aws.backup.Vault("by-key", { kmsKeyArn: key.arn });
    });
    const outcome = await runStackPolicy(backupVaultCmk, stack, {
      config: { allowedKmsKeys: ["arn:aws:kms:us-east-1:111111111111:key/allowed-*"] },
    });
    assert.deepEqual(outcome.messages, []);
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        "backup-vault-cmk",
        'could not check that aws:backup/vault:Vault "by-key" [kmsKeyArn] is one of the allowed keys, because it is unknown during preview (it names a KMS key of this stack, not yet created).',
      ),
    ]);
  });
});
