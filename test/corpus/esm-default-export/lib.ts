import * as aws from "@pulumi/aws";

export async function queueName(base: string): Promise<string> {
  const region = await aws.getRegion();
  return `${base}-${region.region}`;
}
