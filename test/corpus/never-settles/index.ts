import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("assets", { tags: { "backup-tier": "bronze" } });

// Waits for an approval callback that nothing ever calls.
const approval = new Promise<string>(() => {
  /* the resolver is dropped */
});

export const bucketName = bucket.bucket;
export const approvedBy = pulumi.output(approval);
