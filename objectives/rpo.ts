/**
 * Worst-case recovery point objective of every way a dataset can be recovered ("recovery paths"):
 * each AWS Backup rule (for a stored volume, plus the time its changes take to upload), each of its
 * copy actions, the archive prefix and the Glacier vault. The dataset's RPO is the best (smallest) of them.
 */
import { Issues } from "../core";
import { DEFAULT_REFERENCE_YEAR, type Schedule, largestGap } from "@hybrid-backup/aws-schedule";
import { FIGURES, Figures } from "./data";
import type {
  BackupDesign,
  BackupRuleDesign,
  Dataset,
  LifecycleDesign,
  ResourceClass,
  S3StorageClass,
} from "./design";

const BITS_PER_GIB = 2 ** 30 * 8;

/** One term of a time estimate and the setting that produces it. */
export interface Contribution {
  readonly setting: string;
  readonly minutes: number;
}

/** A duration in whole minutes (rounded up), with what drives it. */
export interface TimeEstimate {
  readonly minutes: number;
  /** The setting behind the largest contribution. */
  readonly drivenBy: string;
  readonly contributions: readonly Contribution[];
}

/** Sums contributions into whole minutes, rounding up (a worst case never rounds down). */
export function estimateOf(contributions: readonly Contribution[]): TimeEstimate {
  let total = 0;
  let largest: Contribution | undefined;
  for (const contribution of contributions) {
    total += contribution.minutes;
    if (largest === undefined || contribution.minutes > largest.minutes) largest = contribution;
  }
  return {
    minutes: ceilMinutes(total),
    drivenBy: largest?.setting ?? "",
    contributions,
  };
}

/** Rounds up to a whole minute, ignoring floating-point noise below a microsecond. */
export function ceilMinutes(minutes: number): number {
  return Number.isFinite(minutes) ? Math.ceil(minutes - 1e-9) : minutes;
}

/** Where the newest recovery point of a path sits in the worst case. */
export type PointStorage =
  | { readonly kind: "backup-warm" }
  /** Moved to cold storage; `setting` is the lifecycle key that put it there. */
  | { readonly kind: "backup-cold"; readonly setting: string }
  /** An object in an S3 storage class; `setting` is the key that chose the class. */
  | { readonly kind: "s3"; readonly storageClass: S3StorageClass; readonly setting: string }
  | { readonly kind: "glacier-vault" };

export type PathKind = "rule" | "copy" | "archive" | "glacier-vault";

/** One way to recover the dataset. */
export interface RecoveryPath {
  /** Design path of the setting block, e.g. `rules[0]` or `rules[0].copyActions[1]`. */
  readonly id: string;
  readonly kind: PathKind;
  /** Region holding the recovery points. */
  readonly region: string;
  readonly rpo: TimeEstimate;
  readonly newestPoint: PointStorage;
  /** Set for continuous (point-in-time) backups. */
  readonly continuous?: boolean;
}

/** The time zone a schedule is evaluated in. */
export function timeZoneOf(block: { readonly scheduleExpressionTimezone?: string }): string {
  return block.scheduleExpressionTimezone ?? "Etc/UTC";
}

/** Whether AWS Backup keeps continuous backups for the class (other classes get snapshots). */
export function supportsContinuous(
  resourceClass: ResourceClass,
  figures: Figures = FIGURES,
): boolean {
  return figures.continuousBackup.resourceClasses.value.includes(resourceClass);
}

/** Whether AWS Backup moves this class to cold storage (others silently ignore the setting). */
export function supportsColdStorage(
  resourceClass: ResourceClass,
  figures: Figures = FIGURES,
): boolean {
  return figures.coldStorage.readinessMinutes[resourceClass] !== undefined;
}

/**
 * Where the newest recovery point can be when a restore is needed: it is at most `ageMinutes`
 * old, so it is cold when the lifecycle moves points to cold storage sooner than that.
 */
function backupPointStorage(
  resourceClass: ResourceClass,
  lifecycle: LifecycleDesign,
  lifecyclePath: string,
  ageMinutes: number,
  figures: Figures,
): PointStorage {
  const coldAfter = lifecycle.coldStorageAfterDays;
  if (
    coldAfter !== undefined &&
    supportsColdStorage(resourceClass, figures) &&
    coldAfter * 1440 < ageMinutes
  ) {
    return { kind: "backup-cold", setting: `${lifecyclePath}.coldStorageAfterDays` };
  }
  return { kind: "backup-warm" };
}

/** The scheduled (snapshot) RPO of a rule: largest gap + start window + completion window. */
export function scheduledRuleRpo(
  rule: BackupRuleDesign,
  schedule: Schedule,
  path: string,
  referenceYear = DEFAULT_REFERENCE_YEAR,
  drainMinutes?: (gapMinutes: number) => number | undefined,
): TimeEstimate {
  const gap = largestGap(schedule, timeZoneOf(rule), referenceYear);
  const drain = drainMinutes?.(gap.minutes);
  return estimateOf([
    { setting: `${path}.schedule`, minutes: gap.minutes },
    { setting: `${path}.startWindowMinutes`, minutes: rule.startWindowMinutes },
    { setting: `${path}.completionWindowMinutes`, minutes: rule.completionWindowMinutes },
    ...(drain === undefined
      ? []
      : [{ setting: "storedVolume.uploadBitsPerSecond", minutes: drain }]),
  ]);
}

/**
 * How long the changes written during `gapMinutes` take to upload from a stored volume's gateway:
 * a snapshot taken by an AWS Backup rule holds only what has been uploaded, so a write just after
 * one snapshot is in the next only once the whole interval's changes have drained. When they take
 * longer than the interval itself, the upload backlog grows without end and the RPO is unbounded.
 * Undefined when the design has no stored volume.
 */
export function uploadDrainMinutes(
  dataset: Dataset,
  design: BackupDesign,
  gapMinutes: number,
  figures: Figures = FIGURES,
): number | undefined {
  const volume = design.storedVolume;
  if (volume === undefined) return undefined;
  if (!Number.isFinite(gapMinutes)) return Number.POSITIVE_INFINITY;
  const changedGiB =
    dataset.sizeGiB * Math.min(1, dataset.dailyChangeFraction * (gapMinutes / 1440));
  const efficiency = volume.uploadEfficiency ?? figures.networkEfficiency.value;
  const drainMinutes = (changedGiB * BITS_PER_GIB) / (volume.uploadBitsPerSecond * efficiency) / 60;
  return drainMinutes > gapMinutes ? Number.POSITIVE_INFINITY : drainMinutes;
}

/** The class an archived object is in once it is `ageMinutes` old. */
function archiveStorageAt(design: BackupDesign, ageMinutes: number): PointStorage {
  const archive = design.archive;
  let storage: PointStorage = {
    kind: "s3",
    storageClass: archive?.storageClass ?? "STANDARD",
    setting: "archive.storageClass",
  };
  archive?.transitions.forEach((transition, index) => {
    if (transition.afterDays * 1440 <= ageMinutes) {
      storage = {
        kind: "s3",
        storageClass: transition.storageClass,
        setting: `archive.transitions[${index}].storageClass`,
      };
    }
  });
  return storage;
}

/**
 * Every recovery path of the dataset with its worst-case RPO. `schedules` holds the parsed
 * schedule of each rule (by index), of the archive and of the Glacier vault.
 */
export function recoveryPaths(
  dataset: Dataset,
  design: BackupDesign,
  schedules: ParsedSchedules,
  issues: Issues,
  figures: Figures = FIGURES,
): RecoveryPath[] {
  const referenceYear = design.referenceYear ?? DEFAULT_REFERENCE_YEAR;
  const paths: RecoveryPath[] = [];
  (design.rules ?? []).forEach((rule, index) => {
    const id = `rules[${index}]`;
    const schedule = schedules.rules[index];
    if (schedule === undefined) return;
    const scheduled = scheduledRuleRpo(rule, schedule, id, referenceYear, (gap) =>
      uploadDrainMinutes(dataset, design, gap, figures),
    );
    const continuous =
      rule.enableContinuousBackup === true && supportsContinuous(dataset.resourceClass, figures);
    if (continuous) {
      paths.push({
        id,
        kind: "rule",
        region: design.region,
        rpo: estimateOf([
          {
            setting: `${id}.enableContinuousBackup`,
            minutes: figures.continuousBackup.rpoMinutes.value,
          },
        ]),
        newestPoint: { kind: "backup-warm" },
        continuous: true,
      });
    } else {
      paths.push({
        id,
        kind: "rule",
        region: design.region,
        rpo: scheduled,
        newestPoint: backupPointStorage(
          dataset.resourceClass,
          rule.lifecycle,
          `${id}.lifecycle`,
          scheduled.minutes,
          figures,
        ),
      });
    }
    (rule.copyActions ?? []).forEach((copy, copyIndex) => {
      const copyId = `${id}.copyActions[${copyIndex}]`;
      // Copy jobs start from the rule's scheduled recovery points: continuous backups are
      // copied as snapshots, so a copy never has the 5-minute point-in-time RPO.
      const rpo = estimateOf([
        ...scheduled.contributions,
        {
          setting: `${copyId}.completionAllowanceMinutes`,
          minutes: copy.completionAllowanceMinutes ?? figures.copyCompletionAllowanceMinutes.value,
        },
      ]);
      const lifecyclePath =
        copy.lifecycle === undefined ? `${id}.lifecycle` : `${copyId}.lifecycle`;
      paths.push({
        id: copyId,
        kind: "copy",
        region: copy.destinationRegion,
        rpo,
        newestPoint: backupPointStorage(
          dataset.resourceClass,
          copy.lifecycle ?? rule.lifecycle,
          lifecyclePath,
          rpo.minutes,
          figures,
        ),
      });
    });
  });

  if (design.storedVolume !== undefined && (design.rules ?? []).length === 0) {
    issues.add(
      "is empty, but a stored volume's recovery points are the snapshots AWS Backup rules take of it: give at least one rule that selects the volume.",
    );
  }

  const archive = design.archive;
  if (archive !== undefined && schedules.archive !== undefined) {
    const gap = largestGap(schedules.archive, timeZoneOf(archive), referenceYear);
    const rpo = estimateOf([
      { setting: "archive.schedule", minutes: gap.minutes },
      { setting: "archive.writeAllowanceMinutes", minutes: archive.writeAllowanceMinutes },
    ]);
    paths.push({
      id: "archive",
      kind: "archive",
      region: archive.region ?? design.region,
      rpo,
      newestPoint: archiveStorageAt(design, rpo.minutes),
    });
  }

  const vault = design.glacierVault;
  if (vault !== undefined && schedules.glacierVault !== undefined) {
    const gap = largestGap(schedules.glacierVault, timeZoneOf(vault), referenceYear);
    paths.push({
      id: "glacierVault",
      kind: "glacier-vault",
      region: vault.region ?? design.region,
      rpo: estimateOf([
        { setting: "glacierVault.schedule", minutes: gap.minutes },
        { setting: "glacierVault.uploadAllowanceMinutes", minutes: vault.uploadAllowanceMinutes },
      ]),
      newestPoint: { kind: "glacier-vault" },
    });
  }

  if (paths.length === 0) {
    issues.add(
      "protects the dataset with nothing: give at least one of rules, archive or glacierVault.",
    );
  }
  return paths;
}

/** Parsed schedules of a design, by the block they belong to. */
export interface ParsedSchedules {
  readonly rules: readonly (Schedule | undefined)[];
  readonly archive?: Schedule;
  readonly glacierVault?: Schedule;
}

/** The best (smallest) RPO over the paths, or undefined when there is no path. */
export function bestRpo(paths: readonly RecoveryPath[]): RecoveryPath | undefined {
  let best: RecoveryPath | undefined;
  for (const path of paths) {
    if (best === undefined || path.rpo.minutes < best.rpo.minutes) best = path;
  }
  return best;
}
