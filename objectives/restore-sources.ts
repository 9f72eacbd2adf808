/**
 * The recovery figures of each kind of copy a dataset has: the primary vault (or the stored volume
 * and its snapshots), the DR vault, the logically air-gapped vault and the archive. For each kind,
 * the worst-case RPO of its newest recovery point, the worst-case RTO of a full restore from it
 * and what that one restore costs (retrieval and transfer), from the same model and price file as
 * the dataset's objectives.
 */
import { Issues, ValidationError, show } from "../core";
import { monthlyCost } from "./cost";
import { FIGURES, PRICES, type PriceBook } from "./data";
import type { BackupDesign, Dataset, RecoveryObjective } from "./design";
import { checkInputs } from "./inputs";
import { type RecoveryPath, recoveryPaths } from "./rpo";
import { restoreTime } from "./rto";

/** Where a restore can start from, in the order a runbook prefers them. */
export const COPY_KINDS = ["primary", "dr", "air-gapped", "archive"] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** The figures of restoring from one kind of copy. */
export interface SourceFigures {
  readonly kind: CopyKind;
  /** The model's path the figures come from, e.g. `rules[1].copyActions[0]`. */
  readonly path: string;
  /** Region holding the recovery points. */
  readonly region: string;
  /** Worst-case age of the newest recovery point of this kind, whole minutes. */
  readonly rpoMinutes: number;
  /** Worst-case time of a full restore from this kind, whole minutes. */
  readonly rtoMinutes: number;
  /** USD of one full restore from this kind: retrieval, and transfer when restored on premises. */
  readonly restoreCostUsd: number;
}

/**
 * The kind of copy a path of the model is: a rule's own recovery points (a stored volume's
 * snapshots included) are the primary copy, an archive or Glacier vault the archive; a copy action is whatever `copyKinds`
 * says for its path (`rules[i].copyActions[j]`), the DR vault when it says nothing.
 */
export function kindOfPath(
  path: Pick<RecoveryPath, "id" | "kind">,
  copyKinds: Readonly<Record<string, CopyKind>> = {},
): CopyKind {
  switch (path.kind) {
    case "rule":
      return "primary";
    case "archive":
    case "glacier-vault":
      return "archive";
    case "copy":
      return copyKinds[path.id] ?? "dr";
  }
}

/** USD of one full restore from `path` alone: the restore lines of the cost model. */
function restoreCost(
  dataset: Dataset,
  design: BackupDesign,
  path: RecoveryPath,
  issues: Issues,
  prices: PriceBook,
): number {
  // A design without storage blocks leaves only the restore's lines in the estimate.
  const restoreOnly: BackupDesign = {
    region: design.region,
    ...(design.archive === undefined ? {} : { archive: design.archive }),
    ...(design.glacierVault === undefined ? {} : { glacierVault: design.glacierVault }),
  };
  return monthlyCost(dataset, restoreOnly, { rules: [] }, path, issues, FIGURES, prices).totalUsd;
}

/**
 * The figures of each kind of copy the design keeps of the dataset, in {@link COPY_KINDS} order;
 * for a kind with several paths, the one with the fastest restore (its RPO is the best of them).
 * Throws a {@link ValidationError} on the same input problems as the dataset's evaluation.
 */
export function restoreSources(
  dataset: Dataset,
  design: BackupDesign,
  objective: RecoveryObjective,
  copyKinds: Readonly<Record<string, CopyKind>> = {},
  prices: PriceBook = PRICES,
): SourceFigures[] {
  const issues = new Issues();
  const schedules = checkInputs(issues, dataset, design, objective, prices);
  const subject = `Dataset ${show(dataset.name)}`;
  if (issues.count > 0) throw new ValidationError(subject, issues.all);
  const paths = recoveryPaths(dataset, design, schedules, issues.at("rules"));
  const byKind = new Map<CopyKind, { path: RecoveryPath; rto: number; rpo: number }>();
  for (const path of paths) {
    const kind = kindOfPath(path, copyKinds);
    const rto = restoreTime(dataset, design, path, issues).minutes;
    const seen = byKind.get(kind);
    if (seen === undefined) {
      byKind.set(kind, { path, rto, rpo: path.rpo.minutes });
      continue;
    }
    const rpo = Math.min(seen.rpo, path.rpo.minutes);
    byKind.set(kind, rto < seen.rto ? { path, rto, rpo } : { ...seen, rpo });
  }
  const sources: SourceFigures[] = [];
  for (const kind of COPY_KINDS) {
    const best = byKind.get(kind);
    if (best === undefined) continue;
    sources.push({
      kind,
      path: best.path.id,
      region: best.path.region,
      rpoMinutes: Math.ceil(best.rpo),
      rtoMinutes: Math.ceil(best.rto),
      restoreCostUsd: restoreCost(dataset, design, best.path, issues, prices),
    });
  }
  if (issues.count > 0) throw new ValidationError(subject, issues.all);
  return sources;
}
