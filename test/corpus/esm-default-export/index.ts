import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { queueName } from "./lib.js";

const environment = new pulumi.Config().require("environment");
const name = await queueName(`jobs-${environment}`);

export default async () => {
  const queue = new aws.sqs.Queue("jobs", { name, messageRetentionSeconds: 345600 });
  const org = await aws.organizations.getOrganization();
  return { queueName: queue.name, organizationId: org.id };
};
