import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { backupTierTags } from "../../../policies/tagging/backup-tier-tags";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

/** Another team's component: a database with its own parameter group. */
class OrdersDb extends pulumi.ComponentResource {
  constructor(name: string, tags: Record<string, string>, opts?: pulumi.ComponentResourceOptions) {
    super("acme:data:OrdersDb", name, {}, opts);
    new aws.rds.Instance(
      `${name}-db`,
      {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        username: "app",
        manageMasterUserPassword: true,
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

describe("policies/tagging/backup-tier-tags", () => {
  it("passes stores tagged through the provider's defaultTags, and leaves compute and website buckets alone", async () => {
    const stack = await previewProgram(() => {
      const provider = new aws.Provider("tagged", {
        region: "us-east-1",
        defaultTags: { tags: { "backup-tier": "silver", team: "orders" } },
      });
      new OrdersDb("orders", {}, { provider });
      new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
      new aws.s3.Bucket("site", { website: { indexDocument: "index.html" } });
    });
    const outcome = await runStackPolicy(backupTierTags, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails an untagged store inside a component and a bucket that shows it holds archives", async () => {
    const stack = await previewProgram(() => {
      new OrdersDb("orders", { team: "orders" });
      const archive = new aws.s3.Bucket("archive", {});
      new aws.s3.BucketLifecycleConfiguration("archive-lifecycle", {
        bucket: archive.id,
        rules: [
          {
            id: "cold",
            status: "Enabled",
            transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
          },
        ],
      });
      new aws.dynamodb.Table("sessions", {
        attributes: [{ name: "id", type: "S" }],
        hashKey: "id",
        billingMode: "PAY_PER_REQUEST",
        tags: { "backup-tier": "none" },
      });
    });
    const outcome = await runStackPolicy(backupTierTags, stack);
    const tiers = '"gold", "silver", "bronze" or "none"';
    assert.deepEqual(outcome.violations, [
      {
        message: `aws:rds/instance:Instance "orders-db" [tags["backup-tier"]] is not set, but must be one of ${tiers}.`,
        urn: "urn:pulumi:dev::team::acme:data:OrdersDb$aws:rds/instance:Instance::orders-db",
      },
      {
        message:
          'aws:dynamodb/table:Table "sessions" [tags["backup-exempt-reason"]] is not set, but must be a reason why the resource needs no backup, as its "backup-tier" tag is "none".',
        urn: "urn:pulumi:dev::team::aws:dynamodb/table:Table::sessions",
      },
      {
        message: `aws:s3/bucket:Bucket "archive" [tags["backup-tier"]] is not set, but must be one of ${tiers}.`,
        urn: "urn:pulumi:dev::team::aws:s3/bucket:Bucket::archive",
      },
    ]);
  });

  it("is not applicable to a stack with compute only", async () => {
    const stack = await previewProgram(() => {
      new aws.ec2.Instance("web", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" });
    });
    const outcome = await runStackPolicy(backupTierTags, stack);
    assert.equal(outcome.notApplicable, "The stack has no store of record.");
  });
});
