/**
 * Checks the inputs of an evaluation before anything is computed, and parses the schedules once.
 * Every problem is recorded with its path: design keys at the root (`rules[0].schedule`), dataset
 * and objective keys under `dataset.` and `objective.`.
 */
import {
  checkColdStorageStay,
  checkLinkOnPort,
  checkStoredVolumeSize,
  Issues,
  checkIntRange,
  checkOneOf,
  show,
} from "../core";
import {
  FIRST_YEAR,
  LAST_YEAR,
  type Schedule,
  ScheduleService,
  checkSchedule as checkExpression,
  checkTimeZone,
} from "@hybrid-backup/aws-schedule";
import { PRICES, PriceBook, checkPricedRegion } from "./data";
import {
  BackupDesign,
  Dataset,
  LifecycleDesign,
  RESOURCE_CLASSES,
  RESTORE_TARGETS,
  RETRIEVAL_TIERS,
  RecoveryObjective,
  S3_STORAGE_CLASSES,
} from "./design";
import type { ParsedSchedules } from "./rpo";

/** Records an issue unless `value` is a finite number in [min, max]. */
function checkNumber(issues: Issues, value: number, min: number, max: number, unit = ""): boolean {
  if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) {
    return true;
  }
  const suffix = unit === "" ? "" : ` ${unit}`;
  const range = max === Number.MAX_VALUE ? `of at least ${min}` : `from ${min} to ${max}`;
  issues.add(`is ${show(value)}, but must be a number ${range}${suffix}.`);
  return false;
}

/** Records an issue unless `value` is a finite number above zero. */
function checkPositive(issues: Issues, value: number, unit = ""): boolean {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return true;
  const suffix = unit === "" ? "" : ` (${unit})`;
  issues.add(`is ${show(value)}, but must be a number above 0${suffix}.`);
  return false;
}

function checkSchedule(
  issues: Issues,
  block: { readonly schedule: string; readonly scheduleExpressionTimezone?: string },
  service: ScheduleService,
): Schedule | undefined {
  const schedule = checkExpression(issues.at("schedule"), block.schedule, service);
  if (block.scheduleExpressionTimezone !== undefined) {
    checkTimeZone(issues.at("scheduleExpressionTimezone"), block.scheduleExpressionTimezone);
  }
  return schedule;
}

function checkLifecycle(issues: Issues, lifecycle: LifecycleDesign): void {
  const deleteOk = checkNumber(
    issues.at("deleteAfterDays"),
    lifecycle.deleteAfterDays,
    1,
    36500,
    "days",
  );
  if (lifecycle.coldStorageAfterDays !== undefined) {
    const coldOk = checkNumber(
      issues.at("coldStorageAfterDays"),
      lifecycle.coldStorageAfterDays,
      0,
      36500,
      "days",
    );
    if (deleteOk && coldOk) {
      checkColdStorageStay(
        issues.at("deleteAfterDays"),
        lifecycle.deleteAfterDays,
        lifecycle.coldStorageAfterDays,
        "coldStorageAfterDays",
      );
    }
  }
}

function checkDataset(issues: Issues, dataset: Dataset): void {
  if (typeof dataset.name !== "string" || dataset.name === "") {
    issues.at("name").add(`is ${show(dataset.name)}, but must be a non-empty name.`);
  }
  checkOneOf(issues.at("resourceClass"), dataset.resourceClass, RESOURCE_CLASSES);
  checkPositive(issues.at("sizeGiB"), dataset.sizeGiB, "GiB");
  checkNumber(issues.at("dailyChangeFraction"), dataset.dailyChangeFraction, 0, 1);
  if (dataset.restoreTo !== undefined) {
    checkOneOf(issues.at("restoreTo"), dataset.restoreTo, RESTORE_TARGETS);
  }
}

function checkObjective(issues: Issues, objective: RecoveryObjective): void {
  checkNumber(issues.at("rpoMinutes"), objective.rpoMinutes, 0, Number.MAX_VALUE, "minutes");
  checkNumber(issues.at("rtoMinutes"), objective.rtoMinutes, 0, Number.MAX_VALUE, "minutes");
  checkNumber(
    issues.at("monthlyBudgetUsd"),
    objective.monthlyBudgetUsd,
    0,
    Number.MAX_VALUE,
    "USD",
  );
}

/**
 * Checks the dataset, design and objective; returns the parsed schedules. Problems are recorded
 * on `issues` (whose path is the design root). Regions are checked against `prices`.
 */
export function checkInputs(
  issues: Issues,
  dataset: Dataset,
  design: BackupDesign,
  objective: RecoveryObjective,
  prices: PriceBook = PRICES,
): ParsedSchedules {
  checkDataset(issues.at("dataset"), dataset);
  checkObjective(issues.at("objective"), objective);
  checkPricedRegion(issues.at("region"), design.region, prices);
  if (design.referenceYear !== undefined) {
    // The neighbouring years must exist too, to measure gaps across both year boundaries.
    checkIntRange(issues.at("referenceYear"), design.referenceYear, FIRST_YEAR + 1, LAST_YEAR - 1);
  }

  const rules = (design.rules ?? []).map((rule, index) => {
    const at = issues.at("rules").at(index);
    const schedule = checkSchedule(at, rule, ScheduleService.BackupRule);
    checkNumber(
      at.at("startWindowMinutes"),
      rule.startWindowMinutes,
      0,
      Number.MAX_VALUE,
      "minutes",
    );
    checkNumber(
      at.at("completionWindowMinutes"),
      rule.completionWindowMinutes,
      0,
      Number.MAX_VALUE,
      "minutes",
    );
    checkLifecycle(at.at("lifecycle"), rule.lifecycle);
    (rule.copyActions ?? []).forEach((copy, copyIndex) => {
      const copyAt = at.at("copyActions").at(copyIndex);
      checkPricedRegion(copyAt.at("destinationRegion"), copy.destinationRegion, prices);
      if (copy.lifecycle !== undefined) checkLifecycle(copyAt.at("lifecycle"), copy.lifecycle);
      if (copy.completionAllowanceMinutes !== undefined) {
        checkNumber(
          copyAt.at("completionAllowanceMinutes"),
          copy.completionAllowanceMinutes,
          0,
          Number.MAX_VALUE,
          "minutes",
        );
      }
    });
    return schedule;
  });

  const volume = design.storedVolume;
  if (volume !== undefined) {
    const at = issues.at("storedVolume");
    if (Number.isFinite(dataset.sizeGiB) && dataset.sizeGiB > 0) {
      // The dataset is the volume: AWS takes stored volumes of 1 GiB to 16 TiB.
      checkStoredVolumeSize(issues.at("dataset").at("sizeGiB"), dataset.sizeGiB);
    }
    checkPositive(at.at("uploadBitsPerSecond"), volume.uploadBitsPerSecond, "bits per second");
    if (volume.uploadEfficiency !== undefined) {
      checkNumber(at.at("uploadEfficiency"), volume.uploadEfficiency, 0.01, 1);
    }
    if (volume.gatewayFeeShare !== undefined) {
      checkNumber(at.at("gatewayFeeShare"), volume.gatewayFeeShare, 0, 1);
    }
  }

  let archiveSchedule: Schedule | undefined;
  const archive = design.archive;
  if (archive !== undefined) {
    const at = issues.at("archive");
    archiveSchedule = checkSchedule(at, archive, ScheduleService.EventBridge);
    checkNumber(
      at.at("writeAllowanceMinutes"),
      archive.writeAllowanceMinutes,
      0,
      Number.MAX_VALUE,
      "minutes",
    );
    if (archive.storageClass !== undefined) {
      checkOneOf(at.at("storageClass"), archive.storageClass, S3_STORAGE_CLASSES);
    }
    let previous = 0;
    archive.transitions.forEach((transition, index) => {
      const transitionAt = at.at("transitions").at(index);
      checkOneOf(transitionAt.at("storageClass"), transition.storageClass, S3_STORAGE_CLASSES);
      if (checkNumber(transitionAt.at("afterDays"), transition.afterDays, 0, 36500, "days")) {
        if (transition.afterDays < previous) {
          transitionAt
            .at("afterDays")
            .add(
              `is ${transition.afterDays} days, but transitions must be in ascending order (the one before is at ${previous} days).`,
            );
        }
        previous = transition.afterDays;
      }
    });
    checkNumber(at.at("expireAfterDays"), archive.expireAfterDays, 1, 36500, "days");
    checkOneOf(at.at("retrievalTier"), archive.retrievalTier, RETRIEVAL_TIERS);
    if (archive.region !== undefined) checkPricedRegion(at.at("region"), archive.region, prices);
  }

  let vaultSchedule: Schedule | undefined;
  const vault = design.glacierVault;
  if (vault !== undefined) {
    const at = issues.at("glacierVault");
    vaultSchedule = checkSchedule(at, vault, ScheduleService.EventBridge);
    checkNumber(
      at.at("uploadAllowanceMinutes"),
      vault.uploadAllowanceMinutes,
      0,
      Number.MAX_VALUE,
      "minutes",
    );
    checkNumber(at.at("retentionDays"), vault.retentionDays, 1, 36500, "days");
    checkOneOf(at.at("retrievalTier"), vault.retrievalTier, RETRIEVAL_TIERS);
    if (vault.region !== undefined) checkPricedRegion(at.at("region"), vault.region, prices);
  }

  const link = design.directConnect;
  if (link !== undefined) {
    const at = issues.at("directConnect");
    const linkOk = checkPositive(
      at.at("bandwidthBitsPerSecond"),
      link.bandwidthBitsPerSecond,
      "bits per second",
    );
    if (linkOk && link.portSpeed !== undefined) {
      checkLinkOnPort(
        at.at("bandwidthBitsPerSecond"),
        at.at("portSpeed"),
        link.bandwidthBitsPerSecond,
        link.portSpeed,
      );
    }
    if (link.efficiency !== undefined) checkNumber(at.at("efficiency"), link.efficiency, 0.01, 1);
    if (link.feeShare !== undefined) checkNumber(at.at("feeShare"), link.feeShare, 0, 1);
  }

  return { rules, archive: archiveSchedule, glacierVault: vaultSchedule };
}
