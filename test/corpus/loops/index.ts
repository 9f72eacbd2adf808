import * as aws from "@pulumi/aws";

new aws.s3.Bucket("first", { tags: { "backup-tier": "bronze" } });

let attempts = 0;
// Waits for a condition that never becomes true, without ever yielding.
while (Date.now() > 0) {
  attempts++;
}

export const tried = attempts;
