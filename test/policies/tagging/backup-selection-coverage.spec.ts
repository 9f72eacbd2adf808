import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { backupSelectionCoverage } from "../../../policies/tagging/backup-selection-coverage";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

function planAndSelection(tier: string): void {
  const vault = new aws.backup.Vault("vault", {});
  const plan = new aws.backup.Plan("plan", {
    rules: [
      {
        ruleName: "daily",
        targetVaultName: vault.name,
        schedule: "cron(0 5 ? * * *)",
        lifecycle: { deleteAfter: 35 },
      },
    ],
  });
  const role = new aws.iam.Role("backup", {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "backup.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    }),
  });
  new aws.backup.Selection("by-tier", {
    planId: plan.id,
    iamRoleArn: role.arn,
    selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: tier }],
  });
}

describe("policies/tagging/backup-selection-coverage", () => {
  it("passes a volume selected by its tier tag, which comes from the provider's defaultTags", async () => {
    const stack = await previewProgram(() => {
      planAndSelection("gold");
      const provider = new aws.Provider("tagged", {
        region: "us-east-1",
        defaultTags: { tags: { "backup-tier": "gold" } },
      });
      new aws.ebs.Volume("data", { availabilityZone: "us-east-1a", size: 10 }, { provider });
    });
    const outcome = await runStackPolicy(backupSelectionCoverage, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails a file system no selection selects, but not an instance without state", async () => {
    const stack = await previewProgram(() => {
      planAndSelection("gold");
      new aws.efs.FileSystem("shared", { encrypted: true, tags: { "backup-tier": "silver" } });
      new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
    });
    const outcome = await runStackPolicy(backupSelectionCoverage, stack);
    assert.deepEqual(outcome.violations, [
      {
        message:
          'aws:efs/fileSystem:FileSystem "shared" is not selected by any aws:backup/selection:Selection (by ARN or by tags), and is not exempt (tag "backup-tier": "none" with a "backup-exempt-reason" tag).',
        urn: "urn:pulumi:dev::team::aws:efs/fileSystem:FileSystem::shared",
      },
    ]);
  });
});
