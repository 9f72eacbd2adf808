/**
 * Recovery objectives computed from the backup design before deployment: worst-case RPO, RTO and
 * monthly cost of a dataset, checked against its objective, with the setting that drives each
 * number.
 */
import { Issues, ValidationError, show } from "../core";
import { CostEstimate, monthlyCost } from "./cost";
import { FIGURES, PRICES, PriceBook } from "./data";
import type { BackupDesign, Dataset, RecoveryObjective } from "./design";
import { checkInputs } from "./inputs";
import { RecoveryPath, TimeEstimate, bestRpo, recoveryPaths } from "./rpo";
import { restoreTime } from "./rto";

export * from "./design";
export { renderObjectivesTable, formatMinutes, formatUsd } from "./table";
export type { ObjectivesTableRow } from "./table";
export { PRICES, pricedRegions } from "./data";
export type { PriceBook, RegionPrices } from "./data";
export {
  DEFAULT_REFERENCE_YEAR,
  largestGap,
  minIntervalMinutes,
  firesPerDay,
  parseSchedule,
  requireSchedule,
} from "@hybrid-backup/aws-schedule";

export type Metric = "rpo" | "rto" | "cost";

/** An objective the design does not meet. */
export interface Miss {
  readonly metric: Metric;
  readonly computed: number;
  readonly objective: number;
  /** The design setting behind the computed figure, e.g. `rules[1].schedule`. */
  readonly drivenBy: string;
}

/** RPO and RTO of one recovery path. */
export interface PathResult {
  readonly id: string;
  readonly region: string;
  readonly rpo: TimeEstimate;
  readonly rto: TimeEstimate;
}

export interface DatasetEvaluation {
  readonly dataset: string;
  /** Best RPO over all recovery paths, whole minutes; Infinity when unbounded. */
  readonly rpoMinutes: number;
  /** Best RTO over all recovery paths, whole minutes. */
  readonly rtoMinutes: number;
  readonly monthlyCostUsd: number;
  readonly objective: {
    readonly rpoMinutes: number;
    readonly rtoMinutes: number;
    readonly monthlyBudgetUsd: number;
  };
  readonly met: boolean;
  readonly misses: readonly Miss[];
  readonly paths: readonly PathResult[];
  readonly cost: CostEstimate;
}

function fastestRestore(results: readonly PathResult[]): PathResult | undefined {
  let best: PathResult | undefined;
  for (const result of results) {
    if (best === undefined || result.rto.minutes < best.rto.minutes) best = result;
  }
  return best;
}

/**
 * Computes the dataset's worst-case RPO (best over its recovery paths), RTO (fastest restore over
 * its recovery paths) and monthly cost (with one full restore from the fastest path), and compares
 * them with the objective. Throws a {@link ValidationError} listing every input problem and every
 * figure or price the data files lack. Prices come from `prices` (by default data/prices.json).
 */
export function evaluateDataset(
  dataset: Dataset,
  design: BackupDesign,
  objective: RecoveryObjective,
  prices: PriceBook = PRICES,
): DatasetEvaluation {
  const issues = new Issues();
  const schedules = checkInputs(issues, dataset, design, objective, prices);
  const subject = `Dataset ${show(dataset.name)}`;
  if (issues.count > 0) throw new ValidationError(subject, issues.all);

  const paths: RecoveryPath[] = recoveryPaths(dataset, design, schedules, issues.at("rules"));
  const results: PathResult[] = paths.map((path) => ({
    id: path.id,
    region: path.region,
    rpo: path.rpo,
    rto: restoreTime(dataset, design, path, issues),
  }));
  const bestPoint = bestRpo(paths);
  const fastest = fastestRestore(results);
  const restorePath = paths.find((path) => path.id === fastest?.id);
  const cost = monthlyCost(dataset, design, schedules, restorePath, issues, FIGURES, prices);
  if (issues.count > 0) throw new ValidationError(subject, issues.all);

  const rpo = bestPoint?.rpo ?? { minutes: Number.POSITIVE_INFINITY, drivenBy: "rules" };
  const rto = fastest?.rto ?? { minutes: Number.POSITIVE_INFINITY, drivenBy: "rules" };
  const misses: Miss[] = [];
  if (rpo.minutes > objective.rpoMinutes) {
    misses.push({
      metric: "rpo",
      computed: rpo.minutes,
      objective: objective.rpoMinutes,
      drivenBy: rpo.drivenBy,
    });
  }
  if (rto.minutes > objective.rtoMinutes) {
    misses.push({
      metric: "rto",
      computed: rto.minutes,
      objective: objective.rtoMinutes,
      drivenBy: rto.drivenBy,
    });
  }
  if (cost.totalUsd > objective.monthlyBudgetUsd) {
    misses.push({
      metric: "cost",
      computed: cost.totalUsd,
      objective: objective.monthlyBudgetUsd,
      drivenBy: cost.drivenBy,
    });
  }
  return {
    dataset: dataset.name,
    rpoMinutes: rpo.minutes,
    rtoMinutes: rto.minutes,
    monthlyCostUsd: cost.totalUsd,
    objective: {
      rpoMinutes: objective.rpoMinutes,
      rtoMinutes: objective.rtoMinutes,
      monthlyBudgetUsd: objective.monthlyBudgetUsd,
    },
    met: misses.length === 0,
    misses,
    paths: results,
    cost,
  };
}
