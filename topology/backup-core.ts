/**
 * The AWS Backup core of a stack: the primary vault, one plan per tier (selecting resources by the
 * tier tag), restore tests and the audit frameworks with their reports.
 */
import type * as pulumi from "@pulumi/pulumi";
import { BackupAudit } from "../components/backup-audit";
import { BackupPlan } from "../components/backup-plan";
import { BackupVault } from "../components/backup-vault";
import { underscored } from "../components/lib/backup-names";
import type { RetentionRange } from "../components/lib/vault-lock";
import { RestoreTesting } from "../components/restore-testing";
import { auditTiers } from "../config/sections/backup";
import type { TopologyContext } from "./context";

/** Where the rules' `copy` actions send recovery points (built by the DR part). */
export interface DrTarget {
  readonly vaultArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  readonly lock?: RetentionRange;
}

export interface BackupCore {
  readonly vault: BackupVault;
  readonly plans: Readonly<Record<string, BackupPlan>>;
  readonly restoreTests: Readonly<Record<string, RestoreTesting>>;
  readonly audit?: BackupAudit;
  /** The stack outputs of the backup core. */
  readonly outputs: Record<string, unknown>;
}

export function buildBackupCore(context: TopologyContext, dr?: DrTarget): BackupCore {
  const { config } = context;
  const backup = config.backup;
  const protect = context.protect;
  const crossAccount = dr !== undefined && dr.accountId !== config.accounts.workload;

  const vault = new BackupVault(context.name("backup"), {
    name: backup.vault.name,
    lock: backup.vault.lock,
    breakGlassRoleArns: backup.vault.breakGlassRoleArns,
    copyDestinationAccountIds: crossAccount ? [dr.accountId] : [],
    notifications: backup.vault.notifications,
    protect,
    tags: context.tags(),
  });

  const plans: Record<string, BackupPlan> = {};
  for (const [tier, settings] of Object.entries(backup.tiers)) {
    plans[tier] = new BackupPlan(context.name(`backup-${tier}`), {
      tier,
      tierTagKey: config.tagging.tierKey,
      rules: settings.rules,
      resourceTypes: settings.resourceTypes,
      windowsVss: settings.windowsVss,
      targetVaultName: vault.vaultName,
      targetVaultLock: backup.vault.lock,
      copyDestinationVaultArn: dr?.vaultArn,
      copyDestinationLock: dr?.lock,
      tags: context.tags(),
    });
  }

  const restoreTests: Record<string, RestoreTesting> = {};
  for (const [tier, settings] of Object.entries(backup.tiers)) {
    const plan = plans[tier];
    if (settings.restoreTesting === undefined || plan === undefined) continue;
    restoreTests[tier] = new RestoreTesting(context.name(`restore-test-${tier}`), {
      ...settings.restoreTesting,
      planName: underscored(`${config.environment}_${tier}`),
      tier,
      tierTagKey: config.tagging.tierKey,
      resourceTypes: settings.resourceTypes,
      hasContinuousRule: settings.rules.some((rule) => rule.continuous),
      iamRoleArn: plan.roleArn,
      includeVaults: [vault.vaultArn],
      tags: context.tags(),
    });
  }

  let audit: BackupAudit | undefined;
  if (backup.audit !== undefined) {
    const tiers = auditTiers(backup, {
      region: config.region,
      workloadAccountId: config.accounts.workload,
      dr: dr === undefined ? undefined : { region: dr.region, accountId: dr.accountId },
    });
    audit = new BackupAudit(context.name("backup-audit"), {
      frameworkName: backup.audit.frameworkName,
      tierTagKey: config.tagging.tierKey,
      tiers,
      exemptPrincipalArns: backup.vault.breakGlassRoleArns,
      reportBucketName: backup.audit.reportBucketName,
      reports: backup.audit.reports,
      formats: backup.audit.formats,
      protect,
      tags: context.tags(),
    });
  }

  const outputs: Record<string, unknown> = {
    vaultName: vault.vaultName,
    vaultArn: vault.vaultArn,
    vaultKeyArn: vault.keyArn,
    notificationTopicArn: vault.topicArn,
    planIds: Object.fromEntries(Object.entries(plans).map(([tier, plan]) => [tier, plan.planId])),
    restoreTestingPlanArns: Object.fromEntries(
      Object.entries(restoreTests).map(([tier, test]) => [tier, test.planArn]),
    ),
  };
  if (audit !== undefined) {
    outputs.auditFrameworkArns = {
      account: audit.accountFrameworkArn,
      tiers: audit.tierFrameworkArns,
    };
    outputs.auditReportBucket = audit.reportBucketName;
  }
  return { vault, plans, restoreTests, audit, outputs };
}
