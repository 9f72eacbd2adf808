import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { s3BucketPublicAccess } from "../../../policies/s3/s3-bucket-public-access";
import { runStackPolicy } from "../../helpers/policy-harness";
import { previewProgram } from "../../helpers/program-policy";

/** Another team's static site component. */
class Site extends pulumi.ComponentResource {
  constructor(name: string, args: { block: boolean }, opts?: pulumi.ComponentResourceOptions) {
    super("acme:web:Site", name, {}, opts);
    const bucket = new aws.s3.Bucket(`${name}-content`, {}, { parent: this });
    if (args.block) {
      new aws.s3.BucketPublicAccessBlock(
        `${name}-pab`,
        {
          bucket: bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        { parent: this },
      );
    }
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: pulumi.interpolate`${bucket.arn}/*`,
            },
          ],
        }),
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

describe("policies/s3/s3-bucket-public-access", () => {
  it("passes a bucket inside a component with all four flags on, whatever its policy says", async () => {
    const stack = await previewProgram(() => {
      new Site("docs", { block: true });
    });
    const outcome = await runStackPolicy(s3BucketPublicAccess, stack);
    assert.deepEqual(outcome.violations, []);
    assert.deepEqual(outcome.advisories, []);
  });

  it("fails every bucket without the block, a public policy and a public ACL, one finding each", async () => {
    const stack = await previewProgram(() => {
      const open = new aws.s3.Bucket("open", {});
      new aws.s3.BucketPolicy("open-policy", {
        bucket: open.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:*", Resource: "*" }],
        }),
      });
      new aws.s3.BucketAcl("open-acl", { bucket: open.id, acl: "public-read" });
      const half = new aws.s3.Bucket("half", {});
      new aws.s3.BucketPublicAccessBlock("half-pab", {
        bucket: half.id,
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
      });
    });
    const outcome = await runStackPolicy(s3BucketPublicAccess, stack);
    assert.deepEqual(outcome.violations, [
      {
        message: [
          'aws:s3/bucket:Bucket "open" has no aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock, but needs one with all four flags true.',
          'aws:s3/bucketPolicy:BucketPolicy "open-policy" [policy] statement 0 allows ["s3:*"] to "*" without a condition.',
          'aws:s3/bucketAcl:BucketAcl "open-acl" [acl] is "public-read", a public canned ACL.',
        ].join("\n"),
        urn: "urn:pulumi:dev::team::aws:s3/bucket:Bucket::open",
      },
      {
        message:
          'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock "half-pab" leaves [blockPublicPolicy], [restrictPublicBuckets] not true; all four flags must be true.',
        urn: "urn:pulumi:dev::team::aws:s3/bucket:Bucket::half",
      },
    ]);
  });

  it("says the policy document is unknown when no block makes it moot", async () => {
    const stack = await previewProgram(() => {
      new Site("docs", { block: false });
    });
    const outcome = await runStackPolicy(s3BucketPublicAccess, stack);
    assert.deepEqual(outcome.messages, [
      'aws:s3/bucket:Bucket "docs-content" has no aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock, but needs one with all four flags true.',
    ]);
    assert.equal(outcome.advisories.length, 1);
    assert.match(
      outcome.advisories[0] ?? "",
      /could not check that aws:s3\/bucketPolicy:BucketPolicy "docs-policy" \[policy\] allows nothing to "\*" without a condition, because it is unknown during preview\.$/,
    );
  });
});
