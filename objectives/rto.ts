/**
 * Worst-case recovery time of a recovery path: time until the newest recovery point is readable
 * (0 when warm; cold-storage or archive retrieval otherwise), plus moving the data at the restore
 * throughput (Direct Connect for on-premises restores, a per-resource-class rate in AWS), plus the
 * time to provision the restored resource.
 */
import { Issues, show } from "../core";
import { FIGURES, Figures, figureOf } from "./data";
import type { BackupDesign, Dataset, ResourceClass } from "./design";
import { Contribution, RecoveryPath, TimeEstimate, estimateOf } from "./rpo";

const BITS_PER_GIB = 2 ** 30 * 8;
const MIB_PER_GIB = 1024;
/** Storage classes read without a retrieval step. */
const IMMEDIATE_CLASSES = new Set(["STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR"]);

/** Minutes until the newest recovery point of `path` can be read. */
function readiness(
  dataset: Dataset,
  design: BackupDesign,
  path: RecoveryPath,
  issues: Issues,
  figures: Figures,
): Contribution {
  const point = path.newestPoint;
  switch (point.kind) {
    case "backup-warm":
      return { setting: path.id, minutes: 0 };
    case "backup-cold":
      return {
        setting: point.setting,
        minutes: figureOf(
          issues.at(point.setting),
          "coldStorage.readinessMinutes",
          figures.coldStorage.readinessMinutes,
          dataset.resourceClass,
          0,
        ),
      };
    case "s3": {
      if (IMMEDIATE_CLASSES.has(point.storageClass)) {
        return { setting: point.setting, minutes: 0 };
      }
      const tier = design.archive?.retrievalTier ?? "standard";
      const minutes = figures.retrievalMinutes[point.storageClass]?.[tier]?.value;
      if (minutes === undefined) {
        issues
          .at("archive.retrievalTier")
          .add(
            `is ${show(tier)}, but ${point.storageClass} (reached through ${point.setting}) has no ${tier} retrieval.`,
          );
        return { setting: "archive.retrievalTier", minutes: 0 };
      }
      return { setting: "archive.retrievalTier", minutes };
    }
    case "glacier-vault": {
      const tier = design.glacierVault?.retrievalTier ?? "standard";
      return {
        setting: "glacierVault.retrievalTier",
        minutes: figures.retrievalMinutes.GLACIER_VAULT?.[tier]?.value ?? 0,
      };
    }
  }
}

/** Archives are read back as S3 objects; backups restore at their own class's rate. */
function throughputClass(dataset: Dataset, path: RecoveryPath): ResourceClass {
  return path.kind === "archive" || path.kind === "glacier-vault" ? "S3" : dataset.resourceClass;
}

/** Minutes to move the whole dataset to where it is restored. */
function transfer(
  dataset: Dataset,
  design: BackupDesign,
  path: RecoveryPath,
  issues: Issues,
  figures: Figures,
): Contribution {
  if ((dataset.restoreTo ?? "aws") === "on-premises") {
    const link = design.directConnect;
    if (link === undefined) {
      issues
        .at("dataset.restoreTo")
        .add(`is "on-premises", but the design has no directConnect link to restore over.`);
      return { setting: "dataset.restoreTo", minutes: 0 };
    }
    const efficiency = link.efficiency ?? figures.networkEfficiency.value;
    const seconds = (dataset.sizeGiB * BITS_PER_GIB) / (link.bandwidthBitsPerSecond * efficiency);
    return { setting: "directConnect.bandwidthBitsPerSecond", minutes: seconds / 60 };
  }
  const mibPerSecond = figureOf(
    issues.at("dataset.resourceClass"),
    "restoreThroughputMiBps",
    figures.restoreThroughputMiBps,
    throughputClass(dataset, path),
    Number.POSITIVE_INFINITY,
  );
  return {
    setting: "dataset.sizeGiB",
    minutes: (dataset.sizeGiB * MIB_PER_GIB) / mibPerSecond / 60,
  };
}

/** The worst-case time to restore the dataset from the newest recovery point of `path`. */
export function restoreTime(
  dataset: Dataset,
  design: BackupDesign,
  path: RecoveryPath,
  issues: Issues,
  figures: Figures = FIGURES,
): TimeEstimate {
  return estimateOf([
    readiness(dataset, design, path, issues, figures),
    transfer(dataset, design, path, issues, figures),
    {
      setting: "dataset.resourceClass",
      minutes: figureOf(
        issues.at("dataset.resourceClass"),
        "provisioningMinutes",
        figures.provisioningMinutes,
        dataset.resourceClass,
        0,
      ),
    },
  ]);
}
