import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const retentionDays = config.requireNumber("retentionDays");
const prefix = config.require("prefix");
const owner = config.require("owner");
const allowedCidrs = config.requireObject<string[]>("allowedCidrs");

const bucket = new aws.s3.Bucket("store", {
  bucket: `${prefix}-${pulumi.getStack()}`,
  tags: { owner, "backup-tier": "silver" },
});
if (config.requireBoolean("versioning")) {
  new aws.s3.BucketVersioning("store", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
}
new aws.s3.BucketLifecycleConfiguration("store", {
  bucket: bucket.id,
  rules: [{ id: "expire", status: "Enabled", expiration: { days: retentionDays } }],
});

export const region = aws.config.region;
export const cidrs = allowedCidrs;
// An output of the same name as one the gate reads from its own project: just an output here.
export const objectives = "keep 35 days";
