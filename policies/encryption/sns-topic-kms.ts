import { PolicyResource } from "@pulumi/policy";
import { indexByName } from "../lib/joins";
import { checkCustomerKey } from "../lib/kms";
import { dependencyUrns, propsOf, StackIndex, stackPolicy } from "../lib/policy-kit";
import { T } from "../lib/types";

/** The topics backup vaults send their events to (by ARN, or by the ARN's dependency). */
function notificationTopics(stack: StackIndex): PolicyResource[] {
  const topics = stack.ofType(T.snsTopic);
  const byName = indexByName(topics, "name");
  const found = new Set<PolicyResource>();
  for (const notifications of stack.ofType(T.vaultNotifications)) {
    const arn = propsOf(notifications).get("snsTopicArn").string();
    if (arn !== undefined) {
      (byName.get(arn.split(":")[5] ?? "") ?? []).forEach((topic) => found.add(topic));
    }
    for (const urn of dependencyUrns(notifications, "snsTopicArn")) {
      const topic = stack.get(urn);
      if (topic?.type === T.snsTopic) found.add(topic);
    }
  }
  return [...found];
}

/** Topics that carry backup events are encrypted with a customer-managed key (CKV_AWS_26). */
export const snsTopicKms = stackPolicy({
  name: "sns-topic-kms",
  description:
    "SNS topics that backup vaults send their events to (aws.backup.VaultNotifications) are encrypted with a customer-managed KMS key.",
  severity: "medium",
  remediationSteps:
    "Set `kmsMasterKeyId` of the topic to a customer-managed key whose policy lets AWS Backup " +
    "(backup.amazonaws.com) use it; alias/aws/sns does not allow that.",
  configSchema: { properties: {} },
  validate: ({ stack, findings, args }) => {
    const topics = notificationTopics(stack);
    if (topics.length === 0) {
      args.notApplicable("No backup vault of the stack sends its events to a topic of the stack.");
    }
    for (const topic of topics) {
      checkCustomerKey(findings, propsOf(topic).get("kmsMasterKeyId"), [], {
        stack,
        owner: topic,
        named: true,
      });
    }
  },
});
