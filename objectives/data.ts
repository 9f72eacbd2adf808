/**
 * Typed access to the two data files: `data/figures.json` (times, throughputs, allowances) and
 * `data/prices.json` (unit prices per region). A figure or price the files lack is reported as an
 * issue at the setting that needed it, never replaced by a guess.
 */
import { Issues, show } from "../core";
import figuresFile from "./data/figures.json";
import pricesFile from "./data/prices.json";
import type { ResourceClass, RetrievalTier, S3StorageClass } from "./design";

/** A figure with where it comes from. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  /** A planning assumption rather than a documented AWS figure. */
  readonly estimate?: boolean;
  readonly note?: string;
}

export interface Price {
  readonly usd: number;
  readonly source: string;
  readonly retrieved: string;
  /** From third-party material, or marked unverified in aws-constraints.md. */
  readonly unverified?: boolean;
  readonly note?: string;
}

type ByClass<T> = Readonly<Partial<Record<ResourceClass, T>>>;
type ByTier<T> = Readonly<Partial<Record<RetrievalTier, T>>>;

export interface Figures {
  readonly retrieved: string;
  readonly continuousBackup: {
    readonly rpoMinutes: Sourced<number>;
    readonly resourceClasses: Sourced<readonly string[]>;
  };
  readonly retrievalMinutes: Readonly<
    Partial<Record<S3StorageClass | "GLACIER_VAULT", ByTier<Sourced<number>>>>
  >;
  readonly coldStorage: {
    readonly readinessMinutes: ByClass<Sourced<number>>;
    readonly storesFullCopies: ByClass<Sourced<boolean>>;
  };
  readonly restoreThroughputMiBps: ByClass<Sourced<number>>;
  readonly provisioningMinutes: ByClass<Sourced<number>>;
  readonly copyCompletionAllowanceMinutes: Sourced<number>;
  readonly networkEfficiency: Sourced<number>;
  readonly hoursPerMonth: Sourced<number>;
}

export interface RegionPrices {
  readonly awsBackupWarmPerGbMonth?: ByClass<Price>;
  readonly awsBackupColdPerGbMonth?: ByClass<Price>;
  readonly awsBackupRestorePerGb?: ByClass<Price>;
  readonly awsBackupColdRestorePerGb?: ByClass<Price>;
  readonly s3StoragePerGbMonth?: Readonly<Partial<Record<S3StorageClass, Price>>>;
  readonly s3RetrievalPerGb?: Readonly<Partial<Record<S3StorageClass, ByTier<Price>>>>;
  readonly glacierVaultStoragePerGbMonth?: Price;
  readonly glacierVaultRetrievalPerGb?: ByTier<Price>;
  readonly awsBackupCrossRegionTransferPerGb?: Price;
  readonly directConnectTransferOutPerGb?: Price;
  readonly directConnectPortPerHour?: Readonly<Record<string, Price>>;
  readonly storageGatewayPerGatewayMonth?: Price;
}

export interface PriceBook {
  readonly currency: string;
  readonly minimumStorageDays: Readonly<Record<string, Sourced<number>>>;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

export const FIGURES: Figures = figuresFile;
export const PRICES: PriceBook = pricesFile;

export const PRICES_FILE = "objectives/data/prices.json";
export const FIGURES_FILE = "objectives/data/figures.json";

/** The regions the price file covers, sorted. */
export function pricedRegions(prices: PriceBook = PRICES): string[] {
  return Object.keys(prices.regions).sort();
}

/** Records an issue unless `region` has prices. Returns whether it had. */
export function checkPricedRegion(
  issues: Issues,
  region: string,
  prices: PriceBook = PRICES,
): boolean {
  if (Object.prototype.hasOwnProperty.call(prices.regions, region)) return true;
  issues.add(
    `is ${show(region)}, but ${PRICES_FILE} has no prices for that region; it prices ${pricedRegions(prices).join(", ")}.`,
  );
  return false;
}

/**
 * Looks up a unit price. When the region or the entry is missing, records an issue at `issues`
 * (the setting that needed the price) naming the price key, and returns 0 so that every missing
 * price of an evaluation is reported at once.
 */
export function priceOf(
  issues: Issues,
  region: string,
  key: string,
  pick: (region: RegionPrices) => Price | undefined,
  prices: PriceBook = PRICES,
): number {
  const regional = prices.regions[region];
  const price = regional === undefined ? undefined : pick(regional);
  if (price === undefined) {
    issues.add(
      `needs the price ${key} in ${show(region)}, but ${PRICES_FILE} has none (it prices ${pricedRegions(prices).join(", ")}).`,
    );
    return 0;
  }
  return price.usd;
}

/** Looks up a per-resource-class figure, recording an issue when the file lacks it. */
export function figureOf<T>(
  issues: Issues,
  table: string,
  byClass: ByClass<Sourced<T>>,
  resourceClass: ResourceClass,
  fallback: T,
): T {
  const entry = byClass[resourceClass];
  if (entry === undefined) {
    issues.add(`needs ${table}.${resourceClass}, but ${FIGURES_FILE} has no such figure.`);
    return fallback;
  }
  return entry.value;
}
