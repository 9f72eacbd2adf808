import { list } from "../lib/config";
import { coversAction, isEveryone, readPolicyDocument } from "../lib/iam";
import { linkByName, undeterminedNote } from "../lib/joins";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, either, label } from "../lib/report";
import { T } from "../lib/types";

export const backupVaultDenyDelete = stackPolicy({
  name: "backup-vault-deny-delete",
  description:
    "Every backup vault has an access policy denying everyone the deletion of recovery points and the shortening of their lifecycle.",
  severity: "high",
  remediationSteps:
    'Add an aws.backup.VaultPolicy with a statement `{"Effect": "Deny", "Principal": "*", "Action": ' +
    '["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], "Resource": "*"}` ' +
    "(a Condition exempting a break-glass role is allowed).",
  configSchema: {
    properties: {
      deniedActions: list("Actions the vault policy must deny to every principal.", [
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
      ]),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.backupVault);
    if (vaults.length === 0) {
      args.notApplicable("The stack has no backup vault.");
    }
    const policies = stack.ofType(T.backupVaultPolicy);
    const links = linkByName(policies, "backupVaultName", vaults, "name");
    const actions = either(config.deniedActions, "and");
    for (const vault of vaults) {
      const attached = links.childrenOf(vault);
      if (attached.length === 0) {
        const possible = links.possibleChildrenOf(vault);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(vault, possible));
        } else {
          findings.violation(
            `${label(vault)} has no ${T.backupVaultPolicy}, but must have one that denies ${actions} to every principal.`,
            vault.urn,
          );
        }
        continue;
      }
      for (const policy of attached) {
        const prop = propsOf(policy).get("policy");
        const document = readPolicyDocument(prop);
        if (document.kind === "unknown") {
          findings.unknown(couldNotCheck(prop, `denies ${actions} to every principal`, policy));
          continue;
        }
        if (document.kind !== "ok") {
          findings.violation(
            `${label(policy)} [policy] ${document.kind === "absent" ? "is not set" : document.reason}, but must deny ${actions} to every principal.`,
            policy.urn,
          );
          continue;
        }
        const missing = config.deniedActions.filter(
          (action) =>
            !document.statements.some(
              (s) => s.effect === "Deny" && isEveryone(s.principal) && coversAction(s, action),
            ),
        );
        if (missing.length > 0) {
          findings.violation(
            `${label(policy)} [policy] does not deny ${either(missing, "and")} to every principal ("Principal": "*"), but must.`,
            policy.urn,
          );
        }
      }
    }
  },
});
