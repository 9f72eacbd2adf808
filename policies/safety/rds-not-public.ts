import { resourcePolicy } from "../lib/policy-kit";
import { expectProp } from "../lib/report";

const INSTANCE_TYPES = ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"];

/** No database instance answers on a public address (CFG rds-instance-public-access-check). */
export const rdsNotPublic = resourcePolicy({
  name: "rds-not-public",
  description: "RDS instances and Aurora cluster instances are not publicly accessible.",
  severity: "critical",
  remediationSteps:
    "Remove `publiclyAccessible: true`; reach the database through the VPC (a bastion, VPN or Direct Connect).",
  configSchema: { properties: {} },
  resourceTypes: INSTANCE_TYPES,
  validate: ({ props, findings }) => {
    expectProp(findings, props.get("publiclyAccessible"), (p) => p.boolean() !== true, "false", {
      expectation: "is not true",
    });
  },
});
