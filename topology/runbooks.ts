/**
 * The restore runbook of each dataset: where the stack keeps its copies (the primary vault, the DR
 * vault, the tier's air-gapped vault, the archive bucket or Glacier vault), with the names, ARNs
 * and restore roles the stack gives them, and the figures of restoring from each.
 */
import { partitionOf, AWS_RESOURCE_TYPE_NAMES, planRoleName, restoreTestRoleName } from "../core";
import { RestoreTestVault } from "../config/sections/backup";
import { datasetName } from "../config/sections/objectives";
import type { StackConfig } from "../config/stack-config";
import type { PriceBook } from "../objectives";
import { restoreSources } from "../objectives/restore-sources";
import {
  type CopyLocation,
  type RestoreRunbook,
  type RunbookSubject,
  buildRunbook,
} from "../objectives/runbook";
import { restoreTestPlanName, tierPlanName } from "./backup-core";
import type { DatasetJob } from "./objectives";

function roleArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${name}`;
}

function vaultArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:backup:${region}:${accountId}:backup-vault:${name}`;
}

/** Where the copies of a tier's (or a site's tier's) data live. */
export function tierCopyLocations(config: StackConfig, tier: string): CopyLocation[] {
  const settings = config.backup.tiers[tier];
  if (settings === undefined) return [];
  const workload = config.accounts.workload;
  const planRole = roleArn(
    config.region,
    workload,
    planRoleName(tierPlanName(config.environment, tier)),
  );
  const locations: CopyLocation[] = [
    {
      kind: "primary",
      store: "vault",
      name: config.backup.vault.name,
      arn: vaultArn(config.region, workload, config.backup.vault.name),
      accountId: workload,
      region: config.region,
      restoreRoleArn: planRole,
    },
  ];
  const dr = config.dr;
  if (dr !== undefined && settings.rules.some((rule) => rule.copy !== undefined)) {
    const account = dr.accountId ?? workload;
    const testedThere = (settings.restoreTesting?.vaults ?? []).includes(RestoreTestVault.Dr);
    locations.push({
      kind: "dr",
      store: "vault",
      name: dr.vault.name,
      arn: vaultArn(dr.region, account, dr.vault.name),
      accountId: account,
      region: dr.region,
      // The DR restore tests' role where the stack creates one in the DR account.
      restoreRoleArn:
        account === workload
          ? planRole
          : testedThere
            ? roleArn(
                dr.region,
                account,
                restoreTestRoleName(
                  restoreTestPlanName(config.environment, tier, RestoreTestVault.Dr),
                ),
              )
            : roleArn(dr.region, account, "service-role/AWSBackupDefaultServiceRole"),
    });
  }
  const airGapped = settings.airGappedVault;
  if (airGapped !== undefined) {
    const region = airGapped.region ?? config.region;
    locations.push({
      kind: "air-gapped",
      store: "air-gapped-vault",
      name: airGapped.name,
      arn: vaultArn(region, workload, airGapped.name),
      accountId: workload,
      region,
      restoreRoleArn: planRole,
      sharedWithAccountIds: airGapped.sharing?.accountIds ?? [],
    });
  }
  return locations;
}

function archiveLocations(config: StackConfig, job: DatasetJob): CopyLocation[] {
  const archive = config.archive;
  if (archive === undefined) return [];
  const workload = config.accounts.workload;
  const partition = partitionOf(config.region);
  if (job.kind === "glacier-vault") {
    const vault = archive.glacierVaults.find(
      (candidate) => datasetName.glacierVault(candidate.name) === job.dataset.name,
    );
    if (vault === undefined) return [];
    return [
      {
        kind: "archive",
        store: "glacier",
        name: vault.name,
        arn: `arn:${partition}:glacier:${config.region}:${workload}:vaults/${vault.name}`,
        accountId: workload,
        region: config.region,
      },
    ];
  }
  for (const bucket of archive.buckets) {
    for (const prefix of bucket.prefixes) {
      if (datasetName.archive(bucket.purpose, prefix.prefix) !== job.dataset.name) continue;
      return [
        {
          kind: "archive",
          store: "s3",
          name: bucket.name,
          arn: `arn:${partition}:s3:::${bucket.name}`,
          accountId: workload,
          region: config.region,
          prefix: prefix.prefix,
        },
      ];
    }
  }
  return [];
}

const RESOURCE_TYPE_OF_CLASS: Readonly<Record<string, string>> = {
  StorageGatewayVolume: AWS_RESOURCE_TYPE_NAMES.StorageGateway,
};

/** The runbook of one dataset of the objectives, with the figures of each of its sources. */
export function runbookOf(config: StackConfig, job: DatasetJob, prices: PriceBook): RestoreRunbook {
  const tier = job.tier;
  const locations =
    job.kind === "tier" || job.kind === "site"
      ? tier === undefined
        ? []
        : tierCopyLocations(config, tier)
      : archiveLocations(config, job);
  const resourceClass = job.dataset.resourceClass;
  const subject: RunbookSubject = {
    dataset: job.dataset.name,
    ...(job.kind === "tier" || job.kind === "site"
      ? {
          resourceType:
            RESOURCE_TYPE_OF_CLASS[resourceClass] ??
            AWS_RESOURCE_TYPE_NAMES[resourceClass as keyof typeof AWS_RESOURCE_TYPE_NAMES] ??
            resourceClass,
        }
      : {}),
    ...(tier === undefined ? {} : { tag: `${config.tagging.tierKey}=${tier}` }),
  };
  const figures = restoreSources(
    job.dataset,
    job.design,
    job.objective,
    job.roots.copyKinds ?? {},
    prices,
  );
  return buildRunbook(subject, locations, figures);
}
