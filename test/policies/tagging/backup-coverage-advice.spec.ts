import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { backupCoverageAdvice } from "../../../policies/tagging/backup-coverage-advice";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

describe("policies/tagging/backup-coverage-advice", () => {
  it("advises on an untagged instance and a plain bucket, never on stores of record", async () => {
    const stack = await previewProgram(() => {
      new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
      new aws.s3.Bucket("uploads", {});
      new aws.ebs.Volume("data", { availabilityZone: "us-east-1a", size: 10 });
    });
    const outcome = await runStackPolicy(backupCoverageAdvice, stack);
    assert.equal(outcome.enforcementLevel, "advisory");
    const tiers = '"gold", "silver", "bronze" or "none"';
    assert.deepEqual(outcome.violations, [
      {
        message: `aws:ec2/instance:Instance "web" [tags["backup-tier"]] is not set, but must be one of ${tiers}.`,
        urn: "urn:pulumi:dev::team::aws:ec2/instance:Instance::web",
      },
      {
        message: `aws:s3/bucket:Bucket "uploads" [tags["backup-tier"]] is not set, but must be one of ${tiers}.`,
        urn: "urn:pulumi:dev::team::aws:s3/bucket:Bucket::uploads",
      },
    ]);
  });

  it("passes an instance exempt with a reason and a bucket exempt through provider defaults", async () => {
    const stack = await previewProgram(() => {
      new aws.ec2.Instance("web", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        tags: { "backup-tier": "none", "backup-exempt-reason": "stateless, rebuilt from the AMI" },
      });
      const provider = new aws.Provider("site", {
        region: "us-east-1",
        defaultTags: {
          tags: { "backup-tier": "none", "backup-exempt-reason": "built from git" },
        },
      });
      new aws.s3.Bucket("site", {}, { provider });
    });
    const outcome = await runStackPolicy(backupCoverageAdvice, stack);
    assert.deepEqual(outcome.violations, []);
  });
});
