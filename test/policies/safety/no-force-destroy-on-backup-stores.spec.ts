import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { noForceDestroyOnBackupStores } from "../../../policies/safety/no-force-destroy-on-backup-stores";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/safety/no-force-destroy-on-backup-stores", () => {
  it("passes forceDestroy on a scratch bucket and stores without it", async () => {
    const stack = await previewProgram(() => {
      new aws.s3.Bucket("scratch", { forceDestroy: true });
      new aws.s3.Bucket("archive", { objectLockEnabled: true });
      new aws.backup.Vault("vault", {});
    });
    const outcome = await runStackPolicy(noForceDestroyOnBackupStores, stack);
    assert.deepEqual(outcome.violations, []);
  });

  it("fails forceDestroy on a vault and on buckets that show they hold backups", async () => {
    const stack = await previewProgram(() => {
      new aws.backup.Vault("vault", { forceDestroy: true });
      new aws.s3.Bucket("locked", { objectLockEnabled: true, forceDestroy: true });
      const source = new aws.s3.Bucket("source", {});
      const replica = new aws.s3.Bucket("replica", { forceDestroy: true });
      new aws.s3.BucketReplicationConfig("replication", {
        bucket: source.id,
        role: "arn:aws:iam::111111111111:role/replication",
        rules: [{ id: "all", status: "Enabled", destination: { bucket: replica.arn } }],
      });
    });
    const outcome = await runStackPolicy(noForceDestroyOnBackupStores, stack);
    const tail =
      "but must be false or unset: destroying the store would delete every recovery point in it.";
    assert.deepEqual(
      [...outcome.messages].sort(),
      [
        `aws:backup/vault:Vault "vault" [forceDestroy] is true, ${tail}`,
        `aws:s3/bucket:Bucket "locked" [forceDestroy] is true (it holds backups or archives: Object Lock), ${tail}`,
        `aws:s3/bucket:Bucket "replica" [forceDestroy] is true (it holds backups or archives: being the destination of aws:s3/bucketReplicationConfig:BucketReplicationConfig "replication"), ${tail}`,
      ].sort(),
    );
  });
});
