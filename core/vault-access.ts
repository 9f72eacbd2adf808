/**
 * Who may destroy or weaken the recovery points of a vault, as one set of facts shared by the
 * vault access policy, the audit control that reports manual deletions and the checks of the
 * break-glass roles: deletion and lifecycle changes are denied to everyone but the break-glass
 * roles; the access policy itself may also be managed by the identities that deploy the vault.
 */
import { type Issues, show } from "./validation";

/** Actions that delete recovery points or shorten their retention. */
export const RECOVERY_POINT_DELETION_ACTIONS = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
] as const;

/** Actions that replace or remove the vault access policy. */
export const VAULT_POLICY_ACTIONS = [
  "backup:PutBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultAccessPolicy",
] as const;

/** The longest a break-glass session may rely on an MFA sign-in: one hour. */
export const BREAK_GLASS_MFA_MAX_AGE_SECONDS = 3600;

const ROLE_ACCOUNT = /^arn:[a-z-]+:iam::([0-9]{12}):role\//;

/** The account of an IAM role ARN, or undefined when `arn` is not a role ARN. */
export function roleAccountOf(arn: string): string | undefined {
  return ROLE_ACCOUNT.exec(arn)?.[1];
}

/**
 * The principals the manual-deletion audit control exempts: exactly those the vault access
 * policy still allows to delete recovery points or change their lifecycle.
 */
export function deletionExemptPrincipals(breakGlassRoleArns: readonly string[]): string[] {
  return [...breakGlassRoleArns];
}

export interface BreakGlassContext {
  /** The account of the vault; a role of another account is refused when given. */
  readonly vaultAccountId?: string;
  /** The roles the stack deploys with: none of them may be a break-glass role. */
  readonly deployRoleArns: readonly string[];
  /** Where the deploy roles are configured, for the message. */
  readonly deployRolesKey: string;
}

/**
 * Records, under the path of the list, every break-glass role that is in another account than the
 * vault or that is one of the roles the stack deploys with.
 */
export function checkBreakGlassRoles(
  issues: Issues,
  breakGlassRoleArns: readonly string[],
  context: BreakGlassContext,
): void {
  breakGlassRoleArns.forEach((arn, index) => {
    const account = roleAccountOf(arn);
    if (account === undefined) return;
    const vaultAccount = context.vaultAccountId;
    if (vaultAccount !== undefined && account !== vaultAccount) {
      issues
        .at(index)
        .add(
          `is a role of account ${account}, but the vault is in account ${vaultAccount}: a break-glass role must belong to the vault's account, or a foreign account could delete its recovery points.`,
        );
    }
    if (context.deployRoleArns.includes(arn)) {
      issues
        .at(index)
        .add(
          `is ${show(arn)}, a role the stack deploys with (${context.deployRolesKey}), but a break-glass role must be one no deploying identity can use: otherwise stolen deploy credentials could delete recovery points.`,
        );
    }
  });
}
