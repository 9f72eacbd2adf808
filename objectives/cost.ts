/**
 * Monthly cost of protecting a dataset, in steady state: storage of the retained recovery points
 * by storage class (minimum storage durations applied), copies and their cross-region transfer,
 * archive tiers, gateway and Direct Connect port fees, and one full restore a month.
 *
 * Storage model: a backup chain holds one full copy plus, per run, an incremental of the data
 * changed since the previous run (size x daily change x run interval in days, at most the size).
 * With r runs a day kept d days that is size + d x r x incremental. Tiers that hold full copies
 * (the EBS snapshot archive) store every recovery point in full. An object that leaves a class
 * before its minimum storage duration is billed for the minimum, so its class is charged for
 * max(days in class, minimum) days.
 */
import { Issues } from "../core";
import { DEFAULT_REFERENCE_YEAR, type Schedule, firesPerDay } from "@hybrid-backup/aws-schedule";
import { FIGURES, Figures, PRICES, PriceBook, priceOf } from "./data";
import type { BackupDesign, BackupRuleDesign, Dataset, LifecycleDesign } from "./design";
import {
  ParsedSchedules,
  RecoveryPath,
  supportsColdStorage,
  supportsContinuous,
  timeZoneOf,
} from "./rpo";

export interface CostLine {
  /** What is paid for, e.g. `rules[0] warm storage`. */
  readonly item: string;
  /** The setting that drives this line. */
  readonly setting: string;
  /** USD per month, rounded to cents. */
  readonly usd: number;
}

export interface CostEstimate {
  /** USD per month: the sum of the lines. */
  readonly totalUsd: number;
  /** The setting of the most expensive line. */
  readonly drivenBy: string;
  readonly lines: readonly CostLine[];
}

/** Rounds to cents. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

interface Context {
  readonly dataset: Dataset;
  readonly design: BackupDesign;
  readonly issues: Issues;
  readonly figures: Figures;
  readonly prices: PriceBook;
  readonly lines: CostLine[];
}

function add(context: Context, item: string, setting: string, usd: number): void {
  context.lines.push({ item, setting, usd: cents(usd) });
}

function minimumDays(context: Context, key: string): number {
  return context.prices.minimumStorageDays[key]?.value ?? 0;
}

/** GiB of the incremental taken by one of `runsPerDay` daily runs. */
function incrementalGiB(dataset: Dataset, runsPerDay: number): number {
  return dataset.sizeGiB * Math.min(1, dataset.dailyChangeFraction / runsPerDay);
}

/**
 * Warm and cold storage of one backup chain (a rule's vault or a copy's destination vault), in
 * `region` (chosen by the setting `regionSetting`) with `lifecycle`.
 */
function backupChainStorage(
  context: Context,
  label: string,
  region: string,
  regionSetting: string,
  lifecycle: LifecycleDesign,
  lifecyclePath: string,
  runsPerDay: number,
): void {
  const { dataset, figures, issues } = context;
  const resourceClass = dataset.resourceClass;
  const coldAfter = lifecycle.coldStorageAfterDays;
  const cold =
    coldAfter !== undefined &&
    coldAfter < lifecycle.deleteAfterDays &&
    supportsColdStorage(resourceClass, figures);
  const warmDays = cold ? coldAfter : lifecycle.deleteAfterDays;
  const increment = incrementalGiB(dataset, runsPerDay);
  const warmGiB = dataset.sizeGiB + warmDays * runsPerDay * increment;
  const warmSetting = cold
    ? `${lifecyclePath}.coldStorageAfterDays`
    : `${lifecyclePath}.deleteAfterDays`;
  const warmPrice = priceOf(
    issues.at(regionSetting),
    region,
    `awsBackupWarmPerGbMonth.${resourceClass}`,
    (prices) => prices.awsBackupWarmPerGbMonth?.[resourceClass],
    context.prices,
  );
  add(context, `${label} warm storage`, warmSetting, warmGiB * warmPrice);
  if (!cold) return;
  const coldDays = Math.max(
    lifecycle.deleteAfterDays - coldAfter,
    minimumDays(context, "AWS_BACKUP_COLD"),
  );
  const full = figures.coldStorage.storesFullCopies[resourceClass]?.value ?? true;
  const coldGiB = coldDays * runsPerDay * (full ? dataset.sizeGiB : increment);
  const coldSetting = `${lifecyclePath}.coldStorageAfterDays`;
  const coldPrice = priceOf(
    issues.at(regionSetting),
    region,
    `awsBackupColdPerGbMonth.${resourceClass}`,
    (prices) => prices.awsBackupColdPerGbMonth?.[resourceClass],
    context.prices,
  );
  add(context, `${label} cold storage`, coldSetting, coldGiB * coldPrice);
}

function ruleCosts(
  context: Context,
  rule: BackupRuleDesign,
  index: number,
  schedule: Schedule,
): void {
  const { dataset, design, figures, issues } = context;
  const id = `rules[${index}]`;
  const referenceYear = design.referenceYear ?? DEFAULT_REFERENCE_YEAR;
  const runsPerDay = firesPerDay(schedule, timeZoneOf(rule), referenceYear);
  if (rule.enableContinuousBackup === true && supportsContinuous(dataset.resourceClass, figures)) {
    // A continuous backup keeps one full copy plus the changes (logs) of every retained day.
    const gib =
      dataset.sizeGiB +
      rule.lifecycle.deleteAfterDays * dataset.sizeGiB * dataset.dailyChangeFraction;
    const setting = `${id}.lifecycle.deleteAfterDays`;
    const price = priceOf(
      issues.at("region"),
      design.region,
      `awsBackupWarmPerGbMonth.${dataset.resourceClass}`,
      (prices) => prices.awsBackupWarmPerGbMonth?.[dataset.resourceClass],
      context.prices,
    );
    add(context, `${id} continuous backup storage`, setting, gib * price);
  } else {
    backupChainStorage(
      context,
      id,
      design.region,
      "region",
      rule.lifecycle,
      `${id}.lifecycle`,
      runsPerDay,
    );
  }
  const daysPerMonth = figures.hoursPerMonth.value / 24;
  (rule.copyActions ?? []).forEach((copy, copyIndex) => {
    const copyId = `${id}.copyActions[${copyIndex}]`;
    backupChainStorage(
      context,
      copyId,
      copy.destinationRegion,
      `${copyId}.destinationRegion`,
      copy.lifecycle ?? rule.lifecycle,
      copy.lifecycle === undefined ? `${id}.lifecycle` : `${copyId}.lifecycle`,
      runsPerDay,
    );
    if (copy.destinationRegion !== design.region) {
      const setting = `${copyId}.destinationRegion`;
      const price = priceOf(
        issues.at(setting),
        design.region,
        "awsBackupCrossRegionTransferPerGb",
        (prices) => prices.awsBackupCrossRegionTransferPerGb,
        context.prices,
      );
      const gibPerMonth = runsPerDay * daysPerMonth * incrementalGiB(dataset, runsPerDay);
      add(context, `${copyId} cross-region transfer`, setting, gibPerMonth * price);
    }
  });
}

function storedVolumeCosts(context: Context): void {
  const { design, issues } = context;
  const volume = design.storedVolume;
  // The volume's snapshots are the rules' recovery points, priced with the rules.
  if (volume === undefined) return;
  const feeSetting = "storedVolume.gatewayFeeShare";
  const fee = priceOf(
    issues.at("region"),
    design.region,
    "storageGatewayPerGatewayMonth",
    (prices) => prices.storageGatewayPerGatewayMonth,
    context.prices,
  );
  add(context, "storedVolume gateway fee", feeSetting, fee * (volume.gatewayFeeShare ?? 1));
}

function archiveCosts(context: Context, schedule: Schedule): void {
  const { dataset, design, issues } = context;
  const archive = design.archive;
  if (archive === undefined) return;
  const region = archive.region ?? design.region;
  const runsPerDay = firesPerDay(
    schedule,
    timeZoneOf(archive),
    design.referenceYear ?? DEFAULT_REFERENCE_YEAR,
  );
  const stages = [
    { storageClass: archive.storageClass ?? "STANDARD", from: 0, setting: "archive.storageClass" },
    ...archive.transitions.map((transition, index) => ({
      storageClass: transition.storageClass,
      from: transition.afterDays,
      setting: `archive.transitions[${index}].storageClass`,
    })),
  ];
  stages.forEach((stage, index) => {
    if (stage.from >= archive.expireAfterDays) return;
    const until = Math.min(
      stages[index + 1]?.from ?? archive.expireAfterDays,
      archive.expireAfterDays,
    );
    const billedDays = Math.max(until - stage.from, minimumDays(context, stage.storageClass));
    const price = priceOf(
      issues.at(stage.setting),
      region,
      `s3StoragePerGbMonth.${stage.storageClass}`,
      (prices) => prices.s3StoragePerGbMonth?.[stage.storageClass],
      context.prices,
    );
    add(
      context,
      `archive ${stage.storageClass} storage`,
      stage.setting,
      runsPerDay * billedDays * dataset.sizeGiB * price,
    );
  });
}

function glacierVaultCosts(context: Context, schedule: Schedule): void {
  const { dataset, design, issues } = context;
  const vault = design.glacierVault;
  if (vault === undefined) return;
  const runsPerDay = firesPerDay(
    schedule,
    timeZoneOf(vault),
    design.referenceYear ?? DEFAULT_REFERENCE_YEAR,
  );
  const billedDays = Math.max(vault.retentionDays, minimumDays(context, "GLACIER_VAULT"));
  const setting = "glacierVault.retentionDays";
  const price = priceOf(
    issues.at(setting),
    vault.region ?? design.region,
    "glacierVaultStoragePerGbMonth",
    (prices) => prices.glacierVaultStoragePerGbMonth,
    context.prices,
  );
  add(context, "glacierVault storage", setting, runsPerDay * billedDays * dataset.sizeGiB * price);
}

function directConnectCosts(context: Context): void {
  const { design, figures, issues } = context;
  const link = design.directConnect;
  if (link?.portSpeed === undefined) return;
  const speed = link.portSpeed;
  const setting = "directConnect.portSpeed";
  const hourly = priceOf(
    issues.at(setting),
    design.region,
    `directConnectPortPerHour.${speed}`,
    (prices) => prices.directConnectPortPerHour?.[speed],
    context.prices,
  );
  add(
    context,
    "directConnect port fee",
    setting,
    hourly * figures.hoursPerMonth.value * (link.feeShare ?? 1),
  );
}

/** Retrieval and transfer of one full restore from `path`. */
function restoreCosts(context: Context, path: RecoveryPath): void {
  const { dataset, design, issues } = context;
  const resourceClass = dataset.resourceClass;
  const point = path.newestPoint;
  let retrieval: { setting: string; perGb: number };
  switch (point.kind) {
    case "backup-warm":
      retrieval = {
        setting: path.id,
        perGb: priceOf(
          issues.at(path.id),
          path.region,
          `awsBackupRestorePerGb.${resourceClass}`,
          (prices) => prices.awsBackupRestorePerGb?.[resourceClass],
          context.prices,
        ),
      };
      break;
    case "backup-cold":
      retrieval = {
        setting: point.setting,
        perGb: priceOf(
          issues.at(point.setting),
          path.region,
          `awsBackupColdRestorePerGb.${resourceClass}`,
          (prices) => prices.awsBackupColdRestorePerGb?.[resourceClass],
          context.prices,
        ),
      };
      break;
    case "s3": {
      const storageClass = point.storageClass;
      // Only the Glacier classes have retrieval tiers; the others bill one retrieval rate.
      const tier =
        storageClass === "GLACIER" || storageClass === "DEEP_ARCHIVE"
          ? (design.archive?.retrievalTier ?? "standard")
          : "standard";
      retrieval = {
        setting: "archive.retrievalTier",
        perGb: priceOf(
          issues.at(point.setting),
          path.region,
          `s3RetrievalPerGb.${storageClass}.${tier}`,
          (prices) => prices.s3RetrievalPerGb?.[storageClass]?.[tier],
          context.prices,
        ),
      };
      break;
    }
    case "glacier-vault": {
      const tier = design.glacierVault?.retrievalTier ?? "standard";
      retrieval = {
        setting: "glacierVault.retrievalTier",
        perGb: priceOf(
          issues.at("glacierVault.retrievalTier"),
          path.region,
          `glacierVaultRetrievalPerGb.${tier}`,
          (prices) => prices.glacierVaultRetrievalPerGb?.[tier],
          context.prices,
        ),
      };
      break;
    }
  }
  add(
    context,
    `restore from ${path.id}: retrieval`,
    retrieval.setting,
    dataset.sizeGiB * retrieval.perGb,
  );
  if ((dataset.restoreTo ?? "aws") === "on-premises") {
    const perGb = priceOf(
      issues.at("dataset.restoreTo"),
      path.region,
      "directConnectTransferOutPerGb",
      (prices) => prices.directConnectTransferOutPerGb,
      context.prices,
    );
    add(context, `restore from ${path.id}: transfer`, "dataset.restoreTo", dataset.sizeGiB * perGb);
  }
}

/**
 * The monthly cost of the design for the dataset, with one full restore from `restorePath` (the
 * path the recovery time was computed for). Missing prices are recorded on `issues`.
 */
export function monthlyCost(
  dataset: Dataset,
  design: BackupDesign,
  schedules: ParsedSchedules,
  restorePath: RecoveryPath | undefined,
  issues: Issues,
  figures: Figures = FIGURES,
  prices: PriceBook = PRICES,
): CostEstimate {
  const context: Context = { dataset, design, issues, figures, prices, lines: [] };
  (design.rules ?? []).forEach((rule, index) => {
    const schedule = schedules.rules[index];
    if (schedule !== undefined) ruleCosts(context, rule, index, schedule);
  });
  storedVolumeCosts(context);
  if (schedules.archive !== undefined) archiveCosts(context, schedules.archive);
  if (schedules.glacierVault !== undefined) glacierVaultCosts(context, schedules.glacierVault);
  directConnectCosts(context);
  if (restorePath !== undefined) restoreCosts(context, restorePath);

  let total = 0;
  let largest: CostLine | undefined;
  for (const line of context.lines) {
    total += line.usd;
    if (largest === undefined || line.usd > largest.usd) largest = line;
  }
  return { totalUsd: cents(total), drivenBy: largest?.setting ?? "", lines: context.lines };
}
