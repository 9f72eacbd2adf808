import * as aws from "@pulumi/aws";

const sizes: Record<string, number> = { small: 20, large: 200 };

function volumeSize(kind: string): number {
  const size = sizes[kind];
  if (size === undefined) {
    throw new Error(`No volume size for kind "${kind}"; known kinds are small, large.`);
  }
  return size;
}

new aws.ebs.Volume("data", { availabilityZone: "us-east-1a", size: volumeSize("small") });
new aws.ebs.Volume("scratch", { availabilityZone: "us-east-1a", size: volumeSize("medium") });
