import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("releases", { tags: { "backup-tier": "bronze" } });

console.log("waiting for the release approval");
// The approval hook is never wired up: this await never settles.
await new Promise(() => {});

export const bucketName = bucket.bucket;
