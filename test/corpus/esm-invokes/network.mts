import * as aws from "@pulumi/aws";

/** The default VPC and its subnets, looked up once. */
export async function defaultNetwork(provider: aws.Provider) {
  const vpc = await aws.ec2.getVpc({ default: true }, { provider });
  const subnets = await aws.ec2.getSubnets(
    { filters: [{ name: "vpc-id", values: [vpc.id] }] },
    { provider },
  );
  return { vpcId: vpc.id, subnetIds: subnets.ids };
}
