/**
 * Who may delete recovery points, checked across sections: the break-glass roles of the primary
 * vault (`hybrid-backup:backup.vault.breakGlassRoleArns`) and of the DR vault
 * (`hybrid-backup:dr.vault.breakGlassRoleArns`) must belong to the vault's account and must not be
 * a role the stack deploys with (`hybrid-backup:accounts.deployRoleArns`, `hybrid-backup:dr.roleArn`).
 */
import { checkBreakGlassRoles, type Issues } from "../../core";
import type { BackupSection } from "./backup";
import { type DrSection, resolveDr } from "./dr";
import type { StackConfig } from "../stack-config";

export type VaultAccessView = Pick<StackConfig, "accounts" | "backup" | "region" | "tagging"> & {
  readonly backup: BackupSection;
  readonly dr?: DrSection;
};

/** Every role the stack deploys with, in the workload account and in the DR account. */
export function stackDeployRoles(config: Pick<VaultAccessView, "accounts" | "dr">): string[] {
  const roles = [...config.accounts.deployRoleArns];
  const drRole = config.dr?.roleArn;
  if (drRole !== undefined && !roles.includes(drRole)) roles.push(drRole);
  return roles;
}

const DEPLOY_ROLES_KEY = "hybrid-backup:accounts.deployRoleArns or hybrid-backup:dr.roleArn";

export function checkVaultAccess(config: VaultAccessView, issues: Issues): void {
  const deployRoleArns = stackDeployRoles(config);
  checkBreakGlassRoles(
    issues.at("backup").at("vault").at("breakGlassRoleArns"),
    config.backup.vault.breakGlassRoleArns,
    { vaultAccountId: config.accounts.workload, deployRoleArns, deployRolesKey: DEPLOY_ROLES_KEY },
  );
  const dr = config.dr;
  if (dr === undefined) return;
  const resolved = resolveDr(config, dr);
  const at = issues.at("dr").at("vault").at("breakGlassRoleArns");
  if (resolved.crossAccount && dr.vault.breakGlassRoleArns === undefined) {
    at.add(
      `is missing, but the DR vault is in account ${resolved.accountId}: name at least one role of that account, which no deploying identity can assume, that may still delete its recovery points.`,
    );
    return;
  }
  if (dr.vault.breakGlassRoleArns === undefined) return;
  checkBreakGlassRoles(at, dr.vault.breakGlassRoleArns, {
    vaultAccountId: resolved.accountId,
    deployRoleArns,
    deployRolesKey: DEPLOY_ROLES_KEY,
  });
}
