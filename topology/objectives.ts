/**
 * Recovery objectives of a stack: every protected dataset (a tier's cloud data, each stored volume
 * of an on-premises site, each archive prefix and Glacier vault) is described to the objective
 * model (`objectives/`) with the very settings the components receive, evaluated once, and
 * recorded where the policy pack can read it. Pure apart from {@link recordObjectives}.
 */
import { bandwidthBits, Issues, type Issue, formatIssues } from "../core";
import { RecoveryObjectivesRecord } from "../components/recovery-objectives-record";
import { planStoredVolumeGateway } from "../components/stored-volume-gateway";
import type { TierSection } from "../config/sections/backup";
import {
  type ObjectivesSection,
  type UploadsSection,
  datasetName,
  declaresObjectives,
  restoreConnections,
} from "../config/sections/objectives";
import { PROJECT, type StackConfig } from "../config/stack-config";
import {
  type BackupDesign,
  type BackupRuleDesign,
  type Dataset,
  type DatasetEvaluation,
  type LifecycleDesign,
  type PriceBook,
  type RecoveryObjective,
  type S3StorageClass,
  PRICES,
  evaluateDataset,
} from "../objectives";
import { ScheduleService, firesPerDay, requireSchedule } from "@hybrid-backup/aws-schedule";
import { FIGURES, FIGURES_FILE } from "../objectives/data";
import type { CopyKind } from "../objectives/restore-sources";
import type { RestoreRunbook } from "../objectives/runbook";
import type { TopologyContext } from "./context";
import { runbookOf } from "./runbooks";

export type DatasetKind = "tier" | "site" | "archive" | "glacier-vault";
export type Metric = "rpo" | "rto" | "cost";

/** The setting behind a figure: its path in the model's design and its stack config key. */
export interface FigureSource {
  /** Path in the objective model's design, e.g. `rules[1].schedule`. */
  readonly design: string;
  /** The stack config key, e.g. `hybrid-backup:backup.tiers.gold.rules[1].schedule`. */
  readonly setting: string;
}

/** An objective a dataset misses. */
export interface ObjectiveMiss {
  readonly metric: Metric;
  /** The computed figure; null when unbounded. */
  readonly computed: number | null;
  readonly objective: number;
  readonly drivenBy: string;
  readonly setting: string;
}

/** The recovery objectives of one dataset: plain data (a stack output and the pack's record). */
export interface ObjectiveResult {
  /** `<tier>/<name>`, `<site>/<volume>`, `<bucket purpose>/<prefix>` or `glacier/<vault>`. */
  readonly dataset: string;
  readonly kind: DatasetKind;
  /** The tier whose objectives apply (tier and site datasets). */
  readonly tier?: string;
  /** Worst-case RPO, whole minutes; null when unbounded. */
  readonly rpoMinutes: number | null;
  /** Worst-case RTO, whole minutes; null when unbounded. */
  readonly rtoMinutes: number | null;
  readonly monthlyCostUsd: number;
  readonly objective: RecoveryObjective;
  readonly met: boolean;
  readonly drivenBy: {
    readonly rpo: FigureSource;
    readonly rto: FigureSource;
    readonly cost: FigureSource;
  };
  readonly misses: readonly ObjectiveMiss[];
  /** Regions of this dataset priced as another region (hybrid-backup:objectives.priceAs). */
  readonly pricedAs?: Readonly<Record<string, string>>;
  /** Where to restore from, the steps, and each source's RPO, RTO and restore cost. */
  readonly restore?: RestoreRunbook;
}

/** Thrown when a dataset cannot be evaluated; lists every problem with its config key. */
export class ObjectivesError extends Error {
  constructor(readonly problems: readonly Issue[]) {
    const noun = problems.length === 1 ? "problem" : "problems";
    super(
      `The recovery objectives cannot be computed; ${problems.length} ${noun}:\n${formatIssues(problems)}`,
    );
    this.name = "ObjectivesError";
  }
}

const NAMESPACE = `${PROJECT}:`;
/** `10Gbps` as bits per second. */
export function bandwidthBitsPerSecond(bandwidth: string): number {
  const bits = bandwidthBits(bandwidth);
  if (bits === undefined) throw new Error(`Unknown Direct Connect bandwidth ${bandwidth}.`);
  return bits;
}

function lifecycleDesign(lifecycle: {
  readonly deleteAfter: number;
  readonly coldStorageAfter?: number;
}): LifecycleDesign {
  const cold = lifecycle.coldStorageAfter ?? 0;
  return cold > 0
    ? { coldStorageAfterDays: cold, deleteAfterDays: lifecycle.deleteAfter }
    : { deleteAfterDays: lifecycle.deleteAfter };
}

/** Region of a tier's air-gapped vault, when it has one. */
function airGappedRegion(config: StackConfig, tier: TierSection): string | undefined {
  return tier.airGappedVault === undefined
    ? undefined
    : (tier.airGappedVault.region ?? config.region);
}

/**
 * The kind of copy each copy action of {@link ruleDesigns} is, by its design path: the DR copy
 * first, then the air-gapped one, as the BackupPlan orders them.
 */
export function copyKindsOf(
  tier: TierSection,
  drRegion: string | undefined,
  airGapped: string | undefined,
): Record<string, CopyKind> {
  const kinds: Record<string, CopyKind> = {};
  tier.rules.forEach((rule, index) => {
    let next = 0;
    if (rule.copy !== undefined && drRegion !== undefined) {
      kinds[`rules[${index}].copyActions[${next++}]`] = "dr";
    }
    if (rule.airGappedCopy !== undefined && airGapped !== undefined) {
      kinds[`rules[${index}].copyActions[${next++}]`] = "air-gapped";
    }
  });
  return kinds;
}

/** The rules of a tier as its BackupPlan receives them (copies only where their vault exists). */
function ruleDesigns(
  tier: TierSection,
  drRegion: string | undefined,
  airGapped: string | undefined,
): BackupRuleDesign[] {
  return tier.rules.map((rule) => ({
    schedule: rule.schedule,
    scheduleExpressionTimezone: rule.timezone,
    startWindowMinutes: rule.startWindow,
    completionWindowMinutes: rule.completionWindow,
    enableContinuousBackup: rule.continuous,
    lifecycle: lifecycleDesign(rule.lifecycle),
    copyActions: [
      ...(rule.copy === undefined || drRegion === undefined
        ? []
        : [{ destinationRegion: drRegion, lifecycle: lifecycleDesign(rule.copy) }]),
      ...(rule.airGappedCopy === undefined || airGapped === undefined
        ? []
        : [
            {
              destinationRegion: airGapped,
              lifecycle: { deleteAfterDays: rule.airGappedCopy.deleteAfter },
            },
          ]),
    ],
  }));
}

/** Where each design path of one dataset lives in the stack config. */
interface SettingRoots {
  readonly rules?: string;
  readonly dataset: {
    readonly size: string;
    readonly resourceClass: string;
    readonly change?: string;
    readonly restoreTo?: string;
  };
  readonly objective: string;
  readonly storedVolume?: {
    readonly upload: string;
    readonly volumes: string;
  };
  readonly directConnect?: { readonly bandwidth: string };
  /** `...prefixes[p]` and its `uploads`. */
  readonly archive?: { readonly prefix: string; readonly uploads: string };
  readonly glacierVault?: { readonly vault: string; readonly uploads: string };
  /** The kind of each copy action of the rules, by design path. */
  readonly copyKinds?: Readonly<Record<string, CopyKind>>;
}

const RULE_KEYS: Readonly<Record<string, string>> = {
  scheduleExpressionTimezone: "timezone",
  startWindowMinutes: "startWindow",
  completionWindowMinutes: "completionWindow",
  enableContinuousBackup: "continuous",
  coldStorageAfterDays: "coldStorageAfter",
  deleteAfterDays: "deleteAfter",
};

function ruleSetting(
  rules: string,
  index: string,
  tail: string,
  copyKinds: Readonly<Record<string, CopyKind>> = {},
): string {
  const copy = /^(\.copyActions\[\d+\])(.*)$/.exec(tail);
  if (copy !== null && copyKinds[`rules[${index}]${copy[1] ?? ""}`] === "air-gapped") {
    const rest = copy[2] ?? "";
    if (rest === ".destinationRegion")
      return `${rules.replace(/\.rules$/, "")}.airGappedVault.region`;
    if (rest === ".completionAllowanceMinutes") {
      return `${FIGURES_FILE} copyCompletionAllowanceMinutes`;
    }
    return `${rules}[${index}].airGappedCopy${rest === "" ? "" : ".deleteAfter"}`;
  }
  if (copy !== null) {
    const rest = copy[2] ?? "";
    if (rest === ".destinationRegion") return `${NAMESPACE}dr.region`;
    if (rest === ".completionAllowanceMinutes") {
      return `${FIGURES_FILE} copyCompletionAllowanceMinutes`;
    }
    return `${rules}[${index}].copy${rest.replace(/^\.lifecycle/, "").replace(/\.(\w+)$/, (_, key: string) => `.${RULE_KEYS[key] ?? key}`)}`;
  }
  return `${rules}[${index}]${tail.replace(/\.(\w+)/g, (_, key: string) => `.${RULE_KEYS[key] ?? key}`)}`;
}

/** The stack config key of a design path (`rules[1].schedule` -> `...tiers.gold.rules[1].schedule`). */
export function configSetting(path: string, roots: SettingRoots): string {
  const rule = /^rules\[(\d+)\](.*)$/.exec(path);
  if (rule !== null && roots.rules !== undefined) {
    return ruleSetting(roots.rules, rule[1] ?? "", rule[2] ?? "", roots.copyKinds);
  }
  const [head = "", ...rest] = path.split(".");
  const key = rest.join(".");
  switch (head) {
    case "region":
      return "aws:region";
    case "objective":
      return `${roots.objective}.${key}`;
    case "dataset": {
      const dataset = roots.dataset;
      if (key === "sizeGiB") return dataset.size;
      if (key === "resourceClass") return dataset.resourceClass;
      if (key === "dailyChangeFraction") return dataset.change ?? path;
      if (key === "restoreTo") return dataset.restoreTo ?? path;
      return path;
    }
    case "storedVolume": {
      const volume = roots.storedVolume;
      if (volume === undefined) return path;
      if (key === "uploadBitsPerSecond") return volume.upload;
      return volume.volumes;
    }
    case "directConnect":
      return roots.directConnect?.bandwidth ?? path;
    case "archive": {
      const archive = roots.archive;
      if (archive === undefined) return path;
      if (key === "schedule" || key === "writeAllowanceMinutes" || key === "retrievalTier") {
        return `${archive.uploads}.${key}`;
      }
      if (key === "scheduleExpressionTimezone") return `${archive.uploads}.timezone`;
      if (key === "expireAfterDays") return `${archive.prefix}.expirationDays`;
      const transition = /^transitions(\[\d+\])\.(afterDays|storageClass)$/.exec(key);
      if (transition !== null) {
        const field = transition[2] === "afterDays" ? "days" : "storageClass";
        return `${archive.prefix}.transitions${transition[1] ?? ""}.${field}`;
      }
      // Objects arrive in STANDARD; the transitions decide every later class.
      return `${archive.prefix}.transitions`;
    }
    case "glacierVault": {
      const vault = roots.glacierVault;
      if (vault === undefined) return path;
      if (key === "schedule" || key === "retrievalTier") return `${vault.uploads}.${key}`;
      if (key === "scheduleExpressionTimezone") return `${vault.uploads}.timezone`;
      if (key === "uploadAllowanceMinutes") return `${vault.uploads}.writeAllowanceMinutes`;
      return `${vault.vault}.${key}`;
    }
    default:
      return path;
  }
}

/** One dataset ready for the model. */
export interface DatasetJob {
  readonly kind: DatasetKind;
  readonly tier?: string;
  readonly dataset: Dataset;
  readonly design: BackupDesign;
  readonly objective: ObjectivesSection;
  readonly roots: SettingRoots;
}

function tierJobs(config: StackConfig): DatasetJob[] {
  const jobs: DatasetJob[] = [];
  for (const [tier, settings] of Object.entries(config.backup.tiers)) {
    const objective = settings.objectives;
    if (objective === undefined) continue;
    const root = `${NAMESPACE}backup.tiers.${tier}`;
    settings.datasets.forEach((dataset, index) => {
      const at = `${root}.datasets[${index}]`;
      jobs.push({
        kind: "tier",
        tier,
        dataset: {
          name: datasetName.tier(tier, dataset.name),
          resourceClass: dataset.resourceClass,
          sizeGiB: dataset.sizeGiB,
          dailyChangeFraction: dataset.dailyChangePercent / 100,
        },
        design: {
          region: config.region,
          rules: ruleDesigns(settings, config.dr?.region, airGappedRegion(config, settings)),
        },
        objective,
        roots: {
          copyKinds: copyKindsOf(settings, config.dr?.region, airGappedRegion(config, settings)),
          rules: `${root}.rules`,
          dataset: {
            size: `${at}.sizeGiB`,
            resourceClass: `${at}.resourceClass`,
            change: `${at}.dailyChangePercent`,
          },
          objective: `${root}.objectives`,
        },
      });
    });
  }
  return jobs;
}

/** The link restores to the sites use: the fastest connection carrying a virtual interface. */
function restoreLink(
  config: StackConfig,
):
  | { bitsPerSecond: number; setting: string; dedicatedPorts: number; portSpeed?: string }
  | undefined {
  const directConnect = config.directConnect;
  let best:
    | { bitsPerSecond: number; index: number; bandwidth: string; dedicated: boolean }
    | undefined;
  for (const connection of restoreConnections(directConnect)) {
    if (connection.bandwidth === undefined) continue;
    const bitsPerSecond = bandwidthBitsPerSecond(connection.bandwidth);
    if (best === undefined || bitsPerSecond > best.bitsPerSecond) {
      best = {
        bitsPerSecond,
        index: directConnect?.connections.indexOf(connection) ?? 0,
        bandwidth: connection.bandwidth,
        dedicated: connection.kind !== "hosted",
      };
    }
  }
  if (best === undefined || directConnect === undefined) return undefined;
  const speed = best.bandwidth;
  const dedicatedPorts = directConnect.connections.filter(
    (connection) => connection.kind !== "hosted" && connection.bandwidth === speed,
  ).length;
  return {
    bitsPerSecond: best.bitsPerSecond,
    setting: `${NAMESPACE}directConnect.connections[${best.index}].bandwidth`,
    dedicatedPorts: best.dedicated ? dedicatedPorts : 0,
    ...(best.dedicated ? { portSpeed: speed } : {}),
  };
}

function siteJobs(config: StackConfig): DatasetJob[] {
  const link = restoreLink(config);
  if (link === undefined) return [];
  const sites = config.sites.filter(
    (site) => config.backup.tiers[site.tier]?.objectives !== undefined,
  );
  // Each gateway uploads at its limit (the link's speed without one), scaled down evenly when the
  // gateways of all sites together ask more than the link carries.
  const plans = sites.map((site) => {
    const args = config.resolved.siteGateways[site.name];
    return args === undefined ? undefined : planStoredVolumeGateway(args, new Issues());
  });
  const demand = sites.reduce(
    (sum, site, index) =>
      sum +
      (plans[index]?.gatewayCount ?? 0) *
        (site.bandwidth?.averageUploadRateLimitInBitsPerSec ?? link.bitsPerSecond),
    0,
  );
  const linkShare = Math.min(1, link.bitsPerSecond / demand);
  const volumeCount = sites.reduce((sum, site) => sum + site.volumes.length, 0);
  const jobs: DatasetJob[] = [];
  sites.forEach((site, siteIndex) => {
    const tier = config.backup.tiers[site.tier];
    const objective = tier?.objectives;
    const plan = plans[siteIndex];
    if (tier === undefined || objective === undefined || plan === undefined) return;
    const root = `${NAMESPACE}sites[${config.sites.indexOf(site)}]`;
    const limit = site.bandwidth?.averageUploadRateLimitInBitsPerSec;
    const gatewayBits = (limit ?? link.bitsPerSecond) * linkShare;
    const change = (index: number): number => {
      const volume = site.volumes[index];
      return volume === undefined ? 0 : volume.sizeGiB * (volume.dailyChangePercent ?? 0);
    };
    site.volumes.forEach((volume, index) => {
      const gateway = plan.placement.gateways[(plan.placement.gatewayOf[index] ?? 1) - 1];
      const neighbours = gateway?.volumes ?? [index];
      const gatewayChange = neighbours.reduce((sum, other) => sum + change(other), 0);
      // The gateway drains every volume's changes through one upload link, so one volume's
      // changes are through once the whole gateway's are.
      const share =
        gatewayChange > 0 && change(index) > 0
          ? change(index) / gatewayChange
          : 1 / neighbours.length;
      const at = `${root}.volumes[${index}]`;
      jobs.push({
        kind: "site",
        tier: site.tier,
        dataset: {
          name: datasetName.site(site.name, volume.name),
          resourceClass: "StorageGatewayVolume",
          sizeGiB: volume.sizeGiB,
          dailyChangeFraction: (volume.dailyChangePercent ?? 0) / 100,
          restoreTo: "on-premises",
        },
        design: {
          region: config.region,
          rules: ruleDesigns(tier, config.dr?.region, airGappedRegion(config, tier)),
          // The volume's recovery points are the snapshots the tier's AWS Backup rules take (its
          // plan selects Storage Gateway resources with the tier tag the volumes carry).
          storedVolume: {
            uploadBitsPerSecond: gatewayBits * share,
            gatewayFeeShare: 1 / neighbours.length,
          },
          directConnect: {
            bandwidthBitsPerSecond: link.bitsPerSecond,
            ...(link.portSpeed === undefined
              ? {}
              : {
                  portSpeed: link.portSpeed,
                  feeShare: Math.min(1, link.dedicatedPorts / volumeCount),
                }),
          },
        },
        objective,
        roots: {
          copyKinds: copyKindsOf(tier, config.dr?.region, airGappedRegion(config, tier)),
          rules: `${NAMESPACE}backup.tiers.${site.tier}.rules`,
          dataset: {
            size: `${at}.sizeGiB`,
            resourceClass: at,
            change: `${at}.dailyChangePercent`,
            restoreTo: root,
          },
          objective: `${NAMESPACE}backup.tiers.${site.tier}.objectives`,
          storedVolume: {
            upload:
              limit === undefined
                ? link.setting
                : `${root}.bandwidth.averageUploadRateLimitInBitsPerSec`,
            volumes: `${root}.volumes`,
          },
          directConnect: { bandwidth: link.setting },
        },
      });
    });
  });
  return jobs;
}

/** GiB written per upload: the monthly growth spread over the month's uploads. */
function perUploadGiB(monthlyGrowthGiB: number, uploads: UploadsSection): number {
  const schedule = requireSchedule(uploads.schedule, { service: ScheduleService.EventBridge });
  const perDay = firesPerDay(schedule, uploads.timezone);
  return monthlyGrowthGiB / (perDay * (FIGURES.hoursPerMonth.value / 24));
}

function archiveJobs(config: StackConfig): DatasetJob[] {
  const archive = config.archive;
  if (archive === undefined) return [];
  const jobs: DatasetJob[] = [];
  archive.buckets.forEach((bucket, bucketIndex) => {
    const objective = bucket.objectives;
    if (objective === undefined) return;
    const root = `${NAMESPACE}archive.buckets[${bucketIndex}]`;
    bucket.prefixes.forEach((prefix, index) => {
      const uploads = prefix.uploads;
      if (uploads === undefined || prefix.monthlyGrowthGiB === undefined) return;
      const at = `${root}.prefixes[${index}]`;
      jobs.push({
        kind: "archive",
        dataset: {
          name: datasetName.archive(bucket.purpose, prefix.prefix),
          resourceClass: "S3",
          sizeGiB: perUploadGiB(prefix.monthlyGrowthGiB, uploads),
          // Every upload is new data.
          dailyChangeFraction: 1,
        },
        design: {
          region: config.region,
          archive: {
            schedule: uploads.schedule,
            scheduleExpressionTimezone: uploads.timezone,
            writeAllowanceMinutes: uploads.writeAllowanceMinutes,
            storageClass: "STANDARD",
            transitions: prefix.transitions.map((transition) => ({
              afterDays: transition.days,
              // The model refuses INTELLIGENT_TIERING with its own message.
              storageClass: transition.storageClass as S3StorageClass,
            })),
            expireAfterDays: prefix.expirationDays,
            retrievalTier: uploads.retrievalTier,
          },
        },
        objective,
        roots: {
          dataset: { size: `${at}.monthlyGrowthGiB`, resourceClass: at },
          objective: `${root}.objectives`,
          archive: { prefix: at, uploads: `${at}.uploads` },
        },
      });
    });
  });
  archive.glacierVaults.forEach((vault, index) => {
    const objective = vault.objectives;
    const uploads = vault.uploads;
    if (objective === undefined || uploads === undefined || vault.monthlyGrowthGiB === undefined) {
      return;
    }
    const at = `${NAMESPACE}archive.glacierVaults[${index}]`;
    jobs.push({
      kind: "glacier-vault",
      dataset: {
        name: datasetName.glacierVault(vault.name),
        resourceClass: "S3",
        sizeGiB: perUploadGiB(vault.monthlyGrowthGiB, uploads),
        dailyChangeFraction: 1,
      },
      design: {
        region: config.region,
        glacierVault: {
          schedule: uploads.schedule,
          scheduleExpressionTimezone: uploads.timezone,
          uploadAllowanceMinutes: uploads.writeAllowanceMinutes,
          retentionDays: vault.retentionDays,
          retrievalTier: uploads.retrievalTier,
        },
      },
      objective,
      roots: {
        dataset: { size: `${at}.monthlyGrowthGiB`, resourceClass: at },
        objective: `${at}.objectives`,
        glacierVault: { vault: at, uploads: `${at}.uploads` },
      },
    });
  });
  return jobs;
}

/** The price file with the regions of `hybrid-backup:objectives.priceAs` priced as their stand-ins. */
export function priceBookFor(priceAs: Readonly<Record<string, string>>): PriceBook {
  const regions = { ...PRICES.regions };
  for (const [region, standIn] of Object.entries(priceAs)) {
    const prices = PRICES.regions[standIn];
    if (prices !== undefined) regions[region] = prices;
  }
  return { ...PRICES, regions };
}

function regionsOf(design: BackupDesign): string[] {
  const regions = new Set([design.region]);
  for (const rule of design.rules ?? []) {
    for (const copy of rule.copyActions ?? []) regions.add(copy.destinationRegion);
  }
  return [...regions];
}

function finite(minutes: number): number | null {
  return Number.isFinite(minutes) ? minutes : null;
}

/** The path with the smallest figure (the first of equals), as the model picks it. */
function bestBy<T>(items: readonly T[], figure: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined || figure(item) < figure(best)) best = item;
  }
  return best;
}

function resultOf(
  job: DatasetJob,
  evaluation: DatasetEvaluation,
  priceAs: Readonly<Record<string, string>>,
): ObjectiveResult {
  const source = (design: string): FigureSource => ({
    design,
    setting: configSetting(design, job.roots),
  });
  const rpoPath = bestBy(evaluation.paths, (path) => path.rpo.minutes);
  const rtoPath = bestBy(evaluation.paths, (path) => path.rto.minutes);
  const pricedAs = Object.fromEntries(
    regionsOf(job.design)
      .filter((region) => priceAs[region] !== undefined)
      .map((region) => [region, priceAs[region] ?? region]),
  );
  return {
    dataset: evaluation.dataset,
    kind: job.kind,
    ...(job.tier === undefined ? {} : { tier: job.tier }),
    rpoMinutes: finite(evaluation.rpoMinutes),
    rtoMinutes: finite(evaluation.rtoMinutes),
    monthlyCostUsd: evaluation.monthlyCostUsd,
    objective: { ...evaluation.objective },
    met: evaluation.met,
    drivenBy: {
      rpo: source(rpoPath?.rpo.drivenBy ?? "rules"),
      rto: source(rtoPath?.rto.drivenBy ?? "rules"),
      cost: source(evaluation.cost.drivenBy),
    },
    misses: evaluation.misses.map((miss) => ({
      metric: miss.metric,
      computed: finite(miss.computed),
      objective: miss.objective,
      drivenBy: miss.drivenBy,
      setting: configSetting(miss.drivenBy, job.roots),
    })),
    ...(Object.keys(pricedAs).length === 0 ? {} : { pricedAs }),
  };
}

/**
 * Evaluates every dataset of the stack against its objectives: a tier's datasets and its sites'
 * stored volumes against the tier's objectives, each archive prefix against its bucket's, each
 * Glacier vault against its own. Throws {@link ObjectivesError} naming the config key of every
 * input the model cannot use (a price the price file lacks, for example).
 */
export function evaluateObjectives(config: StackConfig): ObjectiveResult[] {
  if (!declaresObjectives(config)) return [];
  const priceAs = config.objectives.priceAs;
  const prices = priceBookFor(priceAs);
  const problems: Issue[] = [];
  const results: ObjectiveResult[] = [];
  for (const job of [...tierJobs(config), ...siteJobs(config), ...archiveJobs(config)]) {
    try {
      const evaluation = evaluateDataset(job.dataset, job.design, job.objective, prices);
      results.push({
        ...resultOf(job, evaluation, priceAs),
        restore: runbookOf(config, job, prices),
      });
    } catch (err) {
      const issues = (err as { issues?: readonly Issue[] }).issues;
      if (issues === undefined) throw err;
      for (const issue of issues) {
        problems.push({
          path: configSetting(issue.path, job.roots),
          message: `${issue.message.replace(/\.$/, "")} (dataset ${JSON.stringify(job.dataset.name)}, model input ${issue.path}).`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ObjectivesError(problems);
  return results;
}

/** The path under which a stack's records live in SSM Parameter Store. */
export function recordPath(environment: string): string {
  return `/${PROJECT}/${environment}/recovery-objectives`;
}

/**
 * Records each result as an SSM parameter the policy pack reads (stack outputs never reach a
 * pack); undefined when there is nothing to record.
 */
export function recordObjectives(
  context: TopologyContext,
  results: readonly ObjectiveResult[],
): RecoveryObjectivesRecord | undefined {
  if (results.length === 0) return undefined;
  return new RecoveryObjectivesRecord(
    context.name("objectives"),
    {
      parameterPath: recordPath(context.config.environment),
      // The runbooks stay out of the records: the pack judges figures, not steps.
      records: results.map(({ restore: _restore, ...result }) => ({
        dataset: result.dataset,
        document: result,
      })),
      tags: context.tags(),
    },
    context.workload(),
  );
}
