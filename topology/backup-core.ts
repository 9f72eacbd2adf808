/**
 * The AWS Backup core of a stack: the primary vault, one plan per tier (selecting resources by the
 * tier tag), restore tests and the audit frameworks with their reports.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AirGappedVault } from "../components/air-gapped-vault";
import { AuditConfigRecorder } from "../components/audit-config-recorder";
import { BackupAudit } from "../components/backup-audit";
import { BackupRegionSettings } from "../components/backup-region-settings";
import { BackupPlan } from "../components/backup-plan";
import { BackupVault } from "../components/backup-vault";
import {
  underscored,
  regionSettingsFor,
  deletionExemptPrincipals,
  type RetentionRange,
} from "../core";
import { RestoreTesting } from "../components/restore-testing";
import { RestoreTestVault } from "../config/sections/backup";
import type { TopologyContext } from "./context";

/** Where the rules' `copy` actions send recovery points (built by the DR part). */
export interface DrTarget {
  readonly vaultArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  readonly lock?: RetentionRange;
  /** The role deploying into the DR account, for restore tests there. @default undefined */
  readonly roleArn?: string;
}

/** The name of a tier's backup plan (and its component): `<environment>-backup-<tier>`. */
export function tierPlanName(environment: string, tier: string): string {
  return `${environment}-backup-${tier}`;
}

/** The name of a tier's restore testing plan of one kind of vault, e.g. `prod_gold_dr`. */
export function restoreTestPlanName(
  environment: string,
  tier: string,
  vault: RestoreTestVault,
): string {
  const suffix = { primary: "", dr: "_dr", airGapped: "_air_gapped" }[vault];
  return underscored(`${environment}_${tier}${suffix}`);
}

export interface BackupCore {
  readonly vault: BackupVault;
  readonly plans: Readonly<Record<string, BackupPlan>>;
  readonly restoreTests: Readonly<Record<string, RestoreTesting>>;
  /** Restore tests of the DR and air-gapped vaults, by tier and vault kind. */
  readonly copyRestoreTests: Readonly<
    Record<string, Partial<Record<RestoreTestVault, RestoreTesting>>>
  >;
  /** The tiers' logically air-gapped vaults. */
  readonly airGappedVaults: Readonly<Record<string, AirGappedVault>>;
  readonly regionSettings?: BackupRegionSettings;
  readonly audit?: BackupAudit;
  /** The AWS Config recorder the audit's controls need, when the stack creates it. */
  readonly configRecorder?: AuditConfigRecorder;
  /** The stack outputs of the backup core. */
  readonly outputs: Record<string, unknown>;
}

export function buildBackupCore(context: TopologyContext, dr?: DrTarget): BackupCore {
  const { config } = context;
  const backup = config.backup;
  const crossAccount = dr !== undefined && dr.accountId !== config.accounts.workload;

  const vault = new BackupVault(
    context.name("backup"),
    {
      name: backup.vault.name,
      lock: backup.vault.lock,
      breakGlassRoleArns: backup.vault.breakGlassRoleArns,
      deployRoleArns: config.accounts.deployRoleArns,
      accountId: config.accounts.workload,
      copyDestinationAccountIds: crossAccount ? [dr.accountId] : [],
      notifications: backup.vault.notifications,
      ...context.dataHolders,
      tags: context.tags(),
    },
    context.workload(),
  );

  const airGappedVaults: Record<string, AirGappedVault> = {};
  for (const [tier, settings] of Object.entries(backup.tiers)) {
    const airGapped = settings.airGappedVault;
    if (airGapped === undefined) continue;
    airGappedVaults[tier] = new AirGappedVault(
      context.name(`air-gapped-${tier}`),
      {
        name: airGapped.name,
        minRetentionDays: airGapped.minRetentionDays,
        maxRetentionDays: airGapped.maxRetentionDays,
        region: airGapped.region ?? config.region,
        ownerAccountId: config.accounts.workload,
        sharing: airGapped.sharing,
        ...context.dataHolders,
        tags: context.tags(),
      },
      context.workload(),
    );
  }

  let regionSettings: BackupRegionSettings | undefined;
  if (backup.regionSettings) {
    regionSettings = new BackupRegionSettings(
      context.name("backup-region-settings"),
      regionSettingsFor(
        Object.values(backup.tiers).map((settings) => ({
          resourceTypes: settings.resourceTypes,
          rules: settings.rules,
          crossAccountCopy: crossAccount && settings.rules.some((rule) => rule.copy !== undefined),
        })),
      ),
      context.workload(),
    );
  }

  const plans: Record<string, BackupPlan> = {};
  for (const [tier, settings] of Object.entries(backup.tiers)) {
    const airGapped = settings.airGappedVault;
    const selection = settings.selection;
    plans[tier] = new BackupPlan(
      tierPlanName(config.environment, tier),
      {
        tier,
        tierTagKey: config.tagging.tierKey,
        rules: settings.rules,
        resourceTypes: settings.resourceTypes,
        windowsVss: settings.windowsVss,
        targetVaultName: vault.vaultName,
        targetVaultLock: backup.vault.lock,
        copyDestinationVaultArn: dr?.vaultArn,
        copyDestinationLock: dr?.lock,
        airGappedVaultArn: airGappedVaults[tier]?.vaultArn,
        airGappedVault:
          airGapped === undefined
            ? undefined
            : {
                minRetentionDays: airGapped.minRetentionDays,
                maxRetentionDays: airGapped.maxRetentionDays,
                crossRegion: (airGapped.region ?? config.region) !== config.region,
              },
        scanning: settings.scanning,
        resources: selection?.resources,
        notResources: selection?.notResources,
        selectionConditions: selection?.conditions.stringEquals,
        selectionLike: selection?.conditions.stringLike,
        selectionNotEquals: selection?.conditions.stringNotEquals,
        selectionNotLike: selection?.conditions.stringNotLike,
        tags: context.tags(),
      },
      context.workload(),
    );
  }

  const restoreTests: Record<string, RestoreTesting> = {};
  const copyRestoreTests: Record<string, Partial<Record<RestoreTestVault, RestoreTesting>>> = {};
  for (const [tier, settings] of Object.entries(backup.tiers)) {
    const plan = plans[tier];
    const testing = settings.restoreTesting;
    if (testing === undefined || plan === undefined) continue;
    const { vaults, ...schedule } = testing;
    const common = {
      ...schedule,
      tier,
      tierTagKey: config.tagging.tierKey,
      resourceTypes: settings.resourceTypes,
      hasContinuousRule: settings.rules.some((rule) => rule.continuous),
      tags: context.tags(),
    };
    const copies: Partial<Record<RestoreTestVault, RestoreTesting>> = {};
    const airGapped = airGappedVaults[tier];
    if (vaults.includes(RestoreTestVault.AirGapped) && airGapped !== undefined) {
      // Copies hold snapshots only: continuous recovery points stay in the primary vault.
      copies.airGapped = new RestoreTesting(
        context.name(`restore-test-${tier}-air-gapped`),
        {
          ...common,
          recoveryPointTypes: ["SNAPSHOT"],
          planName: restoreTestPlanName(config.environment, tier, RestoreTestVault.AirGapped),
          iamRoleArn: plan.roleArn,
          includeVaults: [airGapped.vaultArn],
          region: settings.airGappedVault?.region ?? config.region,
        },
        context.workload(),
      );
    }
    if (vaults.includes(RestoreTestVault.Dr) && dr !== undefined) {
      const otherAccount = dr.accountId !== config.accounts.workload;
      copies.dr = new RestoreTesting(
        context.name(`restore-test-${tier}-dr`),
        {
          ...common,
          recoveryPointTypes: ["SNAPSHOT"],
          // Restore metadata overrides name subnets and security groups of the workload region.
          overrides: {},
          planName: restoreTestPlanName(config.environment, tier, RestoreTestVault.Dr),
          // The DR account has no plan role: the component creates one there.
          iamRoleArn: otherAccount ? undefined : plan.roleArn,
          includeVaults: [dr.vaultArn],
          // The copies' source resources are in the workload account, out of reach of tag lookups.
          selectByTierTag: false,
          region: dr.region,
          ...(otherAccount && dr.roleArn !== undefined
            ? { roleArn: dr.roleArn, accountId: dr.accountId }
            : {}),
        },
        // With a role of the DR account, the component makes its own provider pinned there.
        otherAccount && dr.roleArn !== undefined ? {} : context.workload(),
      );
    }
    if (Object.keys(copies).length > 0) copyRestoreTests[tier] = copies;
    if (!vaults.includes(RestoreTestVault.Primary)) continue;
    restoreTests[tier] = new RestoreTesting(
      context.name(`restore-test-${tier}`),
      {
        ...schedule,
        planName: restoreTestPlanName(config.environment, tier, RestoreTestVault.Primary),
        tier,
        tierTagKey: config.tagging.tierKey,
        resourceTypes: settings.resourceTypes,
        hasContinuousRule: settings.rules.some((rule) => rule.continuous),
        iamRoleArn: plan.roleArn,
        includeVaults: [vault.vaultArn],
        tags: context.tags(),
      },
      context.workload(),
    );
  }

  let audit: BackupAudit | undefined;
  if (backup.audit !== undefined) {
    audit = new BackupAudit(
      context.name("backup-audit"),
      {
        frameworkName: backup.audit.frameworkName,
        tierTagKey: config.tagging.tierKey,
        tiers: [...config.resolved.auditTiers],
        // Exactly who the vault access policy still lets delete recovery points: the function the
        // vault builds its policy's exemption with.
        exemptPrincipalArns: deletionExemptPrincipals(backup.vault.breakGlassRoleArns),
        reportBucketName: backup.audit.reportBucketName,
        reports: backup.audit.reports,
        formats: backup.audit.formats,
        ...context.dataHolders,
        // The report bucket holds reports AWS Backup can write again, not recovery points.
        tags: context.tags({
          ...context.tierTag("none"),
          [config.tagging.exemptReasonKey]: "audit reports, regenerated by AWS Backup on demand",
        }),
      },
      context.workload(),
    );
  }

  let configRecorder: AuditConfigRecorder | undefined;
  const recorder = backup.audit?.configRecorder;
  if (recorder !== undefined) {
    configRecorder = new AuditConfigRecorder(
      context.name("audit-config-recorder"),
      {
        deliveryBucketName: recorder.deliveryBucketName,
        deliveryKeyPrefix: recorder.deliveryKeyPrefix,
        recordingFrequency: recorder.recordingFrequency,
        tags: context.tags(),
      },
      context.workload(),
    );
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
  if (Object.keys(copyRestoreTests).length > 0) {
    outputs.copyRestoreTestingPlanArns = Object.fromEntries(
      Object.entries(copyRestoreTests).map(([tier, tests]) => [
        tier,
        Object.fromEntries(Object.entries(tests).map(([kind, test]) => [kind, test.planArn])),
      ]),
    );
  }
  if (Object.keys(airGappedVaults).length > 0) {
    outputs.airGappedVaultArns = Object.fromEntries(
      Object.entries(airGappedVaults).map(([tier, vault]) => [tier, vault.vaultArn]),
    );
  }
  if (audit !== undefined) {
    outputs.auditFrameworkArns = {
      account: audit.accountFrameworkArn,
      tiers: audit.tierFrameworkArns,
    };
    outputs.auditReportBucket = audit.reportBucketName;
  }
  if (configRecorder !== undefined) outputs.auditConfigRecorder = configRecorder.recorderName;
  return {
    vault,
    plans,
    restoreTests,
    copyRestoreTests,
    airGappedVaults,
    regionSettings,
    audit,
    configRecorder,
    outputs,
  };
}
