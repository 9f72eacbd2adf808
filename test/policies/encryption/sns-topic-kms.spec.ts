import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { snsTopicKms } from "../../../policies/encryption/sns-topic-kms";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/encryption/sns-topic-kms", () => {
  it("judges only topics that backup vaults notify, and passes a key of the stack", async () => {
    const stack = await previewProgram(() => {
      const key = new aws.kms.Key("events", { enableKeyRotation: true });
      const topic = new aws.sns.Topic("backup-events", { kmsMasterKeyId: key.arn });
      new aws.sns.Topic("deployments", {});
      const vault = new aws.backup.Vault("vault", {});
      new aws.backup.VaultNotifications("vault", {
        backupVaultName: vault.name,
        snsTopicArn: topic.arn,
        backupVaultEvents: ["BACKUP_JOB_FAILED"],
      });
    });
    const outcome = await runStackPolicy(snsTopicKms, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a notified topic without a customer-managed key", async () => {
    const stack = await previewProgram(() => {
      const topic = new aws.sns.Topic("backup-events", { kmsMasterKeyId: "alias/aws/sns" });
      new aws.backup.VaultNotifications("vault", {
        backupVaultName: "main",
        snsTopicArn: topic.arn,
        backupVaultEvents: ["BACKUP_JOB_FAILED"],
      });
    });
    const outcome = await runStackPolicy(snsTopicKms, stack);
    assert.deepEqual(outcome.messages, [
      'aws:sns/topic:Topic "backup-events" [kmsMasterKeyId] is "alias/aws/sns", but must be a customer-managed KMS key, not an AWS-managed key.',
    ]);
  });

  it("is not applicable to a stack whose topics no vault notifies", async () => {
    const stack = await previewProgram(() => {
      new aws.sns.Topic("deployments", {});
    });
    const outcome = await runStackPolicy(snsTopicKms, stack);
    assert.equal(
      outcome.notApplicable,
      "No backup vault of the stack sends its events to a topic of the stack.",
    );
  });
});
