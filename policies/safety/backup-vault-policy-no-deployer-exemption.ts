import { list } from "../lib/config";
import { globMatches } from "../lib/glob";
import { conditionValues, coversAction, readPolicyDocument, statementName } from "../lib/iam";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { assumedRoles } from "../lib/providers";
import { couldNotCheck, label } from "../lib/report";
import { T } from "../lib/types";

/** Condition operators that exempt the principals they name from a Deny. */
const EXEMPTING_OPERATORS = [
  "ArnNotLike",
  "ArnNotEquals",
  "StringNotLike",
  "StringNotEquals",
  "ArnNotLikeIfExists",
  "ArnNotEqualsIfExists",
  "StringNotLikeIfExists",
  "StringNotEqualsIfExists",
];

function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (value !== null && typeof value === "object") {
    return Object.values(value as Record<string, unknown>).flatMap(stringsOf);
  }
  return [];
}

/** The identities a role ARN acts as: the role, and its assumed-role sessions. */
function identitiesOf(roleArn: string): string[] {
  const match = /^arn:([^:]+):iam::(\d+):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (match === null) return [roleArn];
  const [, partition, account, name] = match;
  return [roleArn, `arn:${partition}:sts::${account}:assumed-role/${name}/pulumi-session`];
}

/**
 * A vault access policy that denies the deletion of recovery points (or the shortening of their
 * lifecycle) must not exempt the identity the stack deploys with: whoever runs the program could
 * then delete every recovery point. Managing the policy itself is left to the deployer, which
 * must update it; a locked vault keeps its recovery points even from a replaced policy.
 */
export const backupVaultPolicyNoDeployerExemption = stackPolicy({
  name: "backup-vault-policy-no-deployer-exemption",
  description:
    "A backup vault access policy's Deny of recovery point deletion does not exempt (through NotPrincipal or an aws:PrincipalArn condition) a role that an AWS provider of the stack assumes.",
  severity: "critical",
  remediationSteps:
    "Exempt only a break-glass role that no pipeline assumes; deploy with another role (the provider's " +
    "`assumeRoles`) that the Deny covers.",
  configSchema: {
    properties: {
      protectedActions: {
        ...list("Actions whose Deny must not exempt the deploying identity.", [
          "backup:DeleteRecoveryPoint",
          "backup:UpdateRecoveryPointLifecycle",
        ]),
        minItems: 1,
      },
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const policies = stack.ofType(T.backupVaultPolicy);
    const providers = stack.ofType(T.awsProvider);
    const roles = providers.flatMap((provider) =>
      assumedRoles(provider).map((role) => ({ provider, role })),
    );
    if (policies.length === 0 || roles.length === 0) {
      args.notApplicable(
        "The stack has no vault access policy or no provider that assumes a role.",
      );
    }
    for (const policy of policies) {
      const prop = propsOf(policy).get("policy");
      const document = readPolicyDocument(prop);
      if (document.kind === "unknown") {
        findings.unknown(couldNotCheck(prop, "exempts no deploying role", policy));
        continue;
      }
      if (document.kind !== "ok") continue;
      for (const statement of document.statements) {
        if (statement.effect !== "Deny") continue;
        const actions = config.protectedActions.filter((action) => coversAction(statement, action));
        if (actions.length === 0) continue;
        const exempt = [
          ...stringsOf(statement.notPrincipal),
          ...EXEMPTING_OPERATORS.flatMap((operator) =>
            conditionValues(statement, operator, "aws:PrincipalArn"),
          ),
        ];
        for (const { provider, role } of roles) {
          if (role.isUnknown) {
            findings.unknown(
              couldNotCheck(role, "is a role the vault policies do not exempt", provider),
            );
            continue;
          }
          const arn = role.string();
          if (arn === undefined) continue;
          const hit = exempt.find((pattern) =>
            identitiesOf(arn).some((identity) => globMatches(pattern, identity)),
          );
          if (hit !== undefined) {
            findings.violation(
              `${label(policy)} [policy] ${statementName(statement)} denies ${actions.join(", ")} to everyone except ${JSON.stringify(hit)}, which matches ${JSON.stringify(arn)}, the role ${label(provider)} assumes to deploy.`,
              policy.urn,
            );
          }
        }
      }
    }
  },
});
