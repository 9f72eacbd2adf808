import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { rdsNotPublic } from "../../../policies/safety/rds-not-public";
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

describe("policies/safety/rds-not-public", () => {
  it("passes a private instance and fails a publicly accessible one", async () => {
    const stack = await previewProgram(() => {
      new aws.rds.Instance("private", base);
      new aws.rds.Instance("public", { ...base, publiclyAccessible: true });
    });
    assert.deepEqual(
      (await runResourcePolicy(rdsNotPublic, named(stack, INSTANCE, "private"))).messages,
      [],
    );
    assert.deepEqual(
      (await runResourcePolicy(rdsNotPublic, named(stack, INSTANCE, "public"))).messages,
      ["[publiclyAccessible] is true, but must be false."],
    );
  });

  it("judges Aurora cluster instances too", async () => {
    const stack = await previewProgram(() => {
      new aws.rds.ClusterInstance("writer", {
        clusterIdentifier: "aurora",
        instanceClass: "db.r6g.large",
        engine: "aurora-postgresql",
        publiclyAccessible: true,
      });
    });
    const outcome = await runResourcePolicy(
      rdsNotPublic,
      named(stack, "aws:rds/clusterInstance:ClusterInstance", "writer"),
    );
    assert.deepEqual(outcome.messages, ["[publiclyAccessible] is true, but must be false."]);
  });
});
