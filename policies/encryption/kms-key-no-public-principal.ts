import { isEveryone, readPolicyDocument, statementName } from "../lib/iam";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck } from "../lib/report";
import { T } from "../lib/types";

export const kmsKeyNoPublicPrincipal = resourcePolicy({
  name: "kms-key-no-public-principal",
  description: 'KMS key policies never allow every principal ("*") without a condition.',
  severity: "critical",
  remediationSteps:
    "Name the principals (account root, roles, service principals) in each Allow statement, or add " +
    'a Condition (for example aws:PrincipalOrgID or kms:CallerAccount) to a statement allowing "*".',
  configSchema: { properties: {} },
  resourceTypes: [T.kmsKey],
  validate: ({ props, findings }) => {
    const prop = props.get("policy");
    const document = readPolicyDocument(prop);
    if (document.kind === "unknown") {
      findings.unknown(couldNotCheck(prop, 'allows "*" only under a condition'));
      return;
    }
    if (document.kind === "invalid") {
      findings.violation(`[policy] ${document.reason}, but must be a key policy document.`);
      return;
    }
    if (document.kind === "absent") {
      return; // The default key policy grants the account only.
    }
    for (const statement of document.statements) {
      if (
        statement.effect === "Allow" &&
        isEveryone(statement.principal) &&
        !statement.hasCondition
      ) {
        findings.violation(
          `[policy] ${statementName(statement)} allows every principal ("*") without a Condition, but must name principals or add a Condition.`,
        );
      }
    }
  },
});
