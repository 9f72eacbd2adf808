import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { restoreTestingCoverage } from "../../../policies/protection/restore-testing-coverage";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

function stores(): void {
  new aws.ebs.Volume("data", {
    availabilityZone: "us-east-1a",
    size: 10,
    tags: { "backup-tier": "gold" },
  });
  new aws.dynamodb.Table("orders", {
    attributes: [{ name: "id", type: "S" }],
    hashKey: "id",
    billingMode: "PAY_PER_REQUEST",
    tags: { "backup-tier": "gold" },
  });
  new aws.efs.FileSystem("cache", { tags: { "backup-tier": "bronze" } });
}

describe("policies/protection/restore-testing-coverage", () => {
  it("passes when every resource type of the gold stores is tested", async () => {
    const stack = await previewProgram(() => {
      stores();
      const plan = new aws.backup.RestoreTestingPlan("gold", {
        recoveryPointSelection: {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: ["*"],
          recoveryPointTypes: ["SNAPSHOT"],
        },
        scheduleExpression: "cron(0 12 ? * * *)",
      });
      for (const type of ["EBS", "DynamoDB"]) {
        new aws.backup.RestoreTestingSelection(`gold-${type}`, {
          restoreTestingPlanName: plan.name,
          protectedResourceType: type,
          iamRoleArn: "arn:aws:iam::111111111111:role/restore-testing",
          protectedResourceConditions: {
            stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }],
          },
        });
      }
    });
    const outcome = await runStackPolicy(restoreTestingCoverage, stack);
    assert.deepEqual(outcome.violations, []);
  });

  it("advises once per untested resource type, naming its stores", async () => {
    const stack = await previewProgram(stores);
    const outcome = await runStackPolicy(restoreTestingCoverage, stack);
    assert.deepEqual([...outcome.messages].sort(), [
      'No aws:backup/restoreTestingSelection:RestoreTestingSelection of the stack tests the resource type "DynamoDB", which aws:dynamodb/table:Table "orders" is of.',
      'No aws:backup/restoreTestingSelection:RestoreTestingSelection of the stack tests the resource type "EBS", which aws:ebs/volume:Volume "data" is of.',
    ]);
  });
});
