import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { rdsDeletionSafety } from "../../../policies/safety/rds-deletion-safety";
import { runResourcePolicy } from "../../helpers/policy-harness";
import { named, previewProgram } from "../../helpers/program-policy";

const INSTANCE = "aws:rds/instance:Instance";
const base = {
  engine: "postgres",
  instanceClass: "db.t4g.micro",
  allocatedStorage: 20,
  username: "app",
  manageMasterUserPassword: true,
};

describe("policies/safety/rds-deletion-safety", () => {
  it("passes a final snapshot or deletion protection", async () => {
    const stack = await previewProgram(() => {
      new aws.rds.Instance("snap", { ...base, finalSnapshotIdentifier: "snap-final" });
      new aws.rds.Instance("guarded", {
        ...base,
        skipFinalSnapshot: true,
        deletionProtection: true,
      });
      new aws.rds.Cluster("aurora", {
        engine: "aurora-postgresql",
        masterUsername: "app",
        manageMasterUserPassword: true,
        finalSnapshotIdentifier: "aurora-final",
      });
    });
    for (const fixture of stack) {
      assert.deepEqual(
        (await runResourcePolicy(rdsDeletionSafety, fixture)).messages,
        [],
        fixture.name,
      );
    }
  });

  it("fails skipFinalSnapshot without deletion protection", async () => {
    const stack = await previewProgram(() => {
      new aws.rds.Instance("scratch", { ...base, skipFinalSnapshot: true });
    });
    const outcome = await runResourcePolicy(rdsDeletionSafety, named(stack, INSTANCE, "scratch"));
    assert.deepEqual(outcome.messages, [
      "[skipFinalSnapshot] is true and [deletionProtection] is not true: deleting or replacing the database loses its data. Set deletionProtection: true, or take a final snapshot (skipFinalSnapshot: false with a finalSnapshotIdentifier).",
    ]);
  });
});
