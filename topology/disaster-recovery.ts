/**
 * Disaster recovery of a stack, from `hybrid-backup:dr`: the DR vault in another region and/or
 * account (under a provider that assumes the configured role), the target the backup plans' copy
 * actions point at, and, in the management account, the organization's backup settings.
 */
import type * as pulumi from "@pulumi/pulumi";
import { BackupOrganization } from "../components/backup-organization";
import { DrVault } from "../components/dr-vault";
import type { DrTarget } from "./backup-core";
import type { TopologyContext } from "./context";

export interface DisasterRecoveryOutputs {
  readonly vaultName: pulumi.Output<string>;
  readonly vaultArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;
  readonly accountId: string;
  readonly region: string;
  /** Id of the organization's backup policy, when this stack manages one. */
  readonly organizationPolicyId?: pulumi.Output<string | undefined>;
}

export interface DisasterRecovery {
  readonly vault: DrVault;
  /** What the backup core's copy actions and key policy need. */
  readonly target: DrTarget;
  readonly outputs: DisasterRecoveryOutputs;
}

/** Builds disaster recovery; undefined when the stack has no `hybrid-backup:dr` section. */
export function buildDisasterRecovery(context: TopologyContext): DisasterRecovery | undefined {
  const { config } = context;
  const dr = config.dr;
  const resolved = config.resolved.dr;
  if (dr === undefined || resolved === undefined) return undefined;

  // In another account the component makes its own provider, pinned to that account, from
  // roleArn; in the workload account (another region) it runs through the workload provider.
  const sameAccount = dr.roleArn === undefined;
  const vault = new DrVault(
    context.name("dr"),
    {
      name: dr.vault.name,
      region: dr.region,
      accountId: resolved.accountId,
      roleArn: dr.roleArn,
      deployRoleArns: sameAccount ? config.accounts.deployRoleArns : [],
      sourceAccountId: config.accounts.workload,
      sourceRegion: config.region,
      lock: dr.vault.lock,
      breakGlassRoleArns: [...resolved.breakGlassRoleArns],
      allowCopyFrom: dr.allowCopyFrom,
      notifications: dr.vault.notifications,
      ...context.dataHolders,
      tags: context.tags(),
    },
    sameAccount ? { provider: context.workloadProvider } : {},
  );

  let organizationPolicyId: pulumi.Output<string | undefined> | undefined;
  const organization = dr.organization;
  if (organization !== undefined) {
    const policy = organization.backupPolicy;
    const component = new BackupOrganization(
      context.name("backup-organization"),
      {
        crossAccountBackup: organization.crossAccountBackup,
        backupPolicy:
          policy === undefined || resolved.organizationPlans === undefined
            ? undefined
            : { name: policy.name, targetIds: policy.targetIds, plans: resolved.organizationPlans },
        tags: context.tags(),
      },
      context.workload(),
    );
    organizationPolicyId = component.policyId;
  }

  return {
    vault,
    target: {
      vaultArn: vault.vaultArn,
      accountId: resolved.accountId,
      region: dr.region,
      ...(dr.roleArn === undefined ? {} : { roleArn: dr.roleArn }),
      lock: {
        minRetentionDays: dr.vault.lock.minRetentionDays,
        maxRetentionDays: dr.vault.lock.maxRetentionDays,
      },
    },
    outputs: {
      vaultName: vault.vaultName,
      vaultArn: vault.vaultArn,
      keyArn: vault.keyArn,
      accountId: resolved.accountId,
      region: dr.region,
      ...(organizationPolicyId === undefined ? {} : { organizationPolicyId }),
    },
  };
}
