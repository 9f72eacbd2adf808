import { resourcePolicy } from "../lib/policy-kit";
import { expectProp } from "../lib/report";
import { T } from "../lib/types";

export const dynamodbPointInTimeRecovery = resourcePolicy({
  name: "dynamodb-point-in-time-recovery",
  description: "DynamoDB tables have point-in-time recovery enabled.",
  severity: "high",
  remediationSteps: "Set `pointInTimeRecovery: { enabled: true }` on the table.",
  configSchema: { properties: {} },
  resourceTypes: [T.dynamodbTable],
  validate: ({ props, findings }) => {
    expectProp(
      findings,
      props.get("pointInTimeRecovery").get("enabled"),
      (p) => p.boolean() === true,
      "true",
    );
  },
});
