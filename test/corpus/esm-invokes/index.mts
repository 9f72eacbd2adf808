import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { defaultNetwork } from "./network.mjs";

const provider = new aws.Provider("tagged", {
  region: "eu-west-1",
  defaultTags: { tags: { team: "web", "managed-by": "pulumi" } },
});

const identity = await aws.getCallerIdentity({}, { provider });
const zones = await aws.getAvailabilityZones({ state: "available" }, { provider });
const network = await defaultNetwork(provider);
const ami = await aws.ec2.getAmi(
  {
    mostRecent: true,
    owners: ["amazon"],
    filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }],
  },
  { provider },
);

const logs = new aws.s3.Bucket(
  "logs",
  { bucket: `web-logs-${identity.accountId}`, tags: { "backup-tier": "bronze" } },
  { provider },
);
const scratch = new aws.s3.Bucket("scratch", { forceDestroy: true }, { provider });

const readLogs = aws.iam.getPolicyDocumentOutput(
  {
    statements: [
      {
        sid: "ReadLogs",
        actions: ["s3:ListBucket", "s3:GetObject"],
        resources: [logs.arn, pulumi.interpolate`${logs.arn}/*`],
        principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${identity.accountId}:root`] }],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }],
      },
    ],
  },
  { provider },
);
const policy = aws.iam.getPolicyDocumentOutput(
  {
    statements: [
      {
        sid: "Describe",
        actions: ["ec2:DescribeInstances", "ec2:DescribeImages"],
        resources: ["*"],
      },
      {
        effect: "Deny",
        notActions: ["s3:GetObject"],
        resources: ["arn:aws:s3:::web-logs-&{aws:username}/*"],
        principals: [{ type: "*", identifiers: ["*"] }],
      },
    ],
  },
  { provider },
);
new aws.iam.Policy("web-read", { policy: policy.json }, { provider });

const server = new aws.ec2.Instance(
  "web",
  {
    ami: ami.id,
    instanceType: "t3.micro",
    subnetId: network.subnetIds[0],
    availabilityZone: zones.names[0],
    tags: { Name: "web" },
  },
  { provider },
);

export const accountId = identity.accountId;
export const zoneNames = zones.names;
export const amiId = ami.id;
export const vpcId = network.vpcId;
export const serverId = server.id;
export const scratchBucket = scratch.bucket;
export const readLogsPolicy = readLogs.json;
export const policyJson = policy.json;
