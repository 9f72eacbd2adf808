import * as assert from "node:assert/strict";
import { rdsBackupRetention } from "../../../policies/retention/rds-backup-retention";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/retention/rds-backup-retention", () => {
  const db = (retention: unknown, type = "aws:rds/instance:Instance"): ResourceFixture => ({
    type,
    name: "orders",
    props: {
      engine: "postgres",
      instanceClass: "db.t4g.micro",
      backupRetentionPeriod: retention,
    },
  });

  it("passes a retention at or above the floor (a minimum, not an exact match)", async () => {
    for (const retention of [7, 14, 35, "10"]) {
      const outcome = await runResourcePolicy(rdsBackupRetention, db(retention));
      assert.deepEqual(outcome.messages, [], `retention ${String(retention)}`);
    }
    const cluster = await runResourcePolicy(rdsBackupRetention, db(30, "aws:rds/cluster:Cluster"));
    assert.deepEqual(cluster.messages, []);
  });

  it("fails a missing, zero or short retention", async () => {
    const missing = await runResourcePolicy(rdsBackupRetention, db(undefined));
    assert.deepEqual(missing.messages, [
      "[backupRetentionPeriod] is not set, so AWS keeps automated backups 1 day, but must be at least 7 days.",
    ]);
    const zero = await runResourcePolicy(rdsBackupRetention, db(0));
    assert.deepEqual(zero.messages, [
      "[backupRetentionPeriod] is 0, which turns automated backups off, but must be at least 7 days.",
    ]);
    const short = await runResourcePolicy(rdsBackupRetention, db(3));
    assert.deepEqual(short.messages, [
      "[backupRetentionPeriod] is 3, but must be at least 7 days.",
    ]);
    const configured = await runResourcePolicy(rdsBackupRetention, db(14), {
      config: { minRetentionDays: 35 },
    });
    assert.deepEqual(configured.messages, [
      "[backupRetentionPeriod] is 14, but must be at least 35 days.",
    ]);
  });

  it("says when the retention is unknown during preview", async () => {
    const outcome = await runResourcePolicy(rdsBackupRetention, db(UNKNOWN));
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        rdsBackupRetention.name,
        "could not check that [backupRetentionPeriod] is at least 7 days, because it is unknown during preview.",
      ),
    ]);
  });
});
