import * as aws from "@pulumi/aws";
import { Vpc } from "./vpc";

const vpc = new Vpc("main", { cidrBlock: "10.20.0.0/16", numberOfAvailabilityZones: 2 });

const group = new aws.ec2.SecurityGroup("web", {
  vpcId: vpc.vpcId,
  ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});

export const vpcId = vpc.vpcId;
export const securityGroupId = group.id;
