/**
 * S3 lifecycle rules of an archive bucket, one per key prefix: the AWS rules a rule must follow
 * (Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle" and "Constraints and
 * considerations for transitions"), the minimum billed durations that make an earlier move or
 * expiration cost more than waiting, and the rules as `aws.s3.BucketLifecycleConfiguration` takes
 * them.
 */
import { type ObjectLockArgs, maxLeapDays, maxRetentionDays } from "./s3-object-lock";
import {
  type Issues,
  checkIntRange,
  checkOneOf,
  checkPattern,
  checkUnique,
  show,
} from "./validation";

export const TransitionStorageClass = {
  StandardIa: "STANDARD_IA",
  IntelligentTiering: "INTELLIGENT_TIERING",
  OnezoneIa: "ONEZONE_IA",
  GlacierIr: "GLACIER_IR",
  Glacier: "GLACIER",
  DeepArchive: "DEEP_ARCHIVE",
} as const;
export type TransitionStorageClass =
  (typeof TransitionStorageClass)[keyof typeof TransitionStorageClass];

/**
 * The lifecycle "waterfall": a rule may only move objects down this list. The one exception is
 * ONEZONE_IA, which S3 cannot move to GLACIER_IR.
 */
export const STORAGE_CLASS_ORDER: readonly TransitionStorageClass[] = [
  "STANDARD_IA",
  "INTELLIGENT_TIERING",
  "ONEZONE_IA",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
];

/** Days S3 bills an object in a class at least, even when it leaves earlier (0: no minimum). */
export const MINIMUM_STORAGE_DAYS: Readonly<Record<TransitionStorageClass, number>> = {
  STANDARD_IA: 30,
  INTELLIGENT_TIERING: 0,
  ONEZONE_IA: 30,
  GLACIER_IR: 90,
  GLACIER: 90,
  DEEP_ARCHIVE: 180,
};

/** S3 refuses a transition to an IA class for objects younger than this. */
export const MIN_DAYS_BEFORE_IA = 30;
/** S3 refuses a move from an IA class to GLACIER or DEEP_ARCHIVE sooner than this after the IA one. */
export const MIN_DAYS_IN_IA_BEFORE_ARCHIVE = 30;

export const MAX_LIFECYCLE_DAYS = 36500;
/** S3 allows at most 1,000 rules in one lifecycle configuration. */
export const MAX_LIFECYCLE_RULES = 1000;

const IA_CLASSES: readonly TransitionStorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];
const ARCHIVE_CLASSES: readonly TransitionStorageClass[] = ["GLACIER", "DEEP_ARCHIVE"];

/** One transition of a prefix's objects to a cheaper class, counted from object creation. */
export interface LifecycleTransition {
  /** Age of the object in days (0-36500; at least 30 for STANDARD_IA and ONEZONE_IA). */
  readonly days: number;
  /** The storage class the objects move to. */
  readonly storageClass: TransitionStorageClass;
}

/** What happens to the objects under one key prefix of an archive bucket. */
export interface ArchivePrefixRule {
  /**
   * The key prefix, a "folder" ending with `/` (1-255 characters, also the lifecycle rule id).
   * Prefixes of a bucket must not overlap.
   */
  readonly prefix: string;
  /** Transitions, in the order of the storage-class waterfall, days strictly increasing. */
  readonly transitions: LifecycleTransition[];
  /** Age in days at which the current version expires (becomes a delete marker). */
  readonly expirationDays: number;
  /** Days after a version stops being current before S3 deletes it for good. */
  readonly noncurrentVersionExpirationDays: number;
}

/** Whether S3 lifecycle can move objects from `from` to `to`. */
export function canTransition(from: TransitionStorageClass, to: TransitionStorageClass): boolean {
  if (from === "ONEZONE_IA" && to === "GLACIER_IR") return false;
  return STORAGE_CLASS_ORDER.indexOf(to) > STORAGE_CLASS_ORDER.indexOf(from);
}

/** The earliest age for the step after a transition to `from` at `days`, and why. */
function nextStepFloor(
  from: LifecycleTransition,
  fromPath: string,
  to: TransitionStorageClass | "expiration",
): { floor: number; reason: string } {
  const minimum = MINIMUM_STORAGE_DAYS[from.storageClass];
  if (
    to !== "expiration" &&
    IA_CLASSES.includes(from.storageClass) &&
    ARCHIVE_CLASSES.includes(to)
  ) {
    return {
      floor: from.days + MIN_DAYS_IN_IA_BEFORE_ARCHIVE,
      reason:
        `must be at least ${fromPath}.days + ${MIN_DAYS_IN_IA_BEFORE_ARCHIVE} = ${from.days + MIN_DAYS_IN_IA_BEFORE_ARCHIVE}: ` +
        `S3 needs objects to stay ${MIN_DAYS_IN_IA_BEFORE_ARCHIVE} days in ${from.storageClass} before they move to ${to}`,
    };
  }
  if (minimum === 0) {
    return {
      floor: from.days + 1,
      reason: `must be greater than ${fromPath}.days = ${from.days}`,
    };
  }
  const verb = to === "expiration" ? "expiring" : "moving";
  return {
    floor: from.days + minimum,
    reason:
      `must be at least ${fromPath}.days + ${minimum} = ${from.days + minimum}: ` +
      `${from.storageClass} bills every object for at least ${minimum} days, so ${verb} it earlier costs more than waiting`,
  };
}

/** A key prefix of an archive bucket: a "folder", also usable as a rule id and in IAM ARNs. */
export const PREFIX_PATTERN = /^(?!\/)[^*?\p{Cc}]{0,254}\/$/u;
export const PREFIX_RULE =
  'must be 1-255 characters ending with "/", not starting with "/", without * or ? or control characters';

/** Records every problem of one prefix rule; `lock` is the bucket's default retention, if any. */
export function validatePrefixRule(
  rule: ArchivePrefixRule,
  issues: Issues,
  lock?: { readonly args: ObjectLockArgs; readonly path: string },
): void {
  checkPattern(issues.at("prefix"), rule.prefix, PREFIX_PATTERN, PREFIX_RULE);
  const transitionIssues = issues.at("transitions");
  let previous: { transition: LifecycleTransition; index: number } | undefined;
  let allValid = true;
  rule.transitions.forEach((transition, index) => {
    const at = transitionIssues.at(index);
    const classOk = checkOneOf(at.at("storageClass"), transition.storageClass, STORAGE_CLASS_ORDER);
    const daysOk = checkIntRange(at.at("days"), transition.days, 0, MAX_LIFECYCLE_DAYS, "days");
    if (!classOk || !daysOk) {
      allValid = false;
      previous = undefined;
      return;
    }
    if (IA_CLASSES.includes(transition.storageClass) && transition.days < MIN_DAYS_BEFORE_IA) {
      at.at("days").add(
        `is ${transition.days} days, but S3 needs objects to be at least ${MIN_DAYS_BEFORE_IA} days old before a transition to ${transition.storageClass}.`,
      );
    }
    if (previous !== undefined) {
      const from = previous.transition;
      const fromPath = `transitions[${previous.index}]`;
      if (!canTransition(from.storageClass, transition.storageClass)) {
        at.at("storageClass").add(
          `is ${show(transition.storageClass)}, but S3 cannot move objects from ${from.storageClass} (${fromPath}) to ${transition.storageClass}; ` +
            `the order is ${STORAGE_CLASS_ORDER.join(", ")}, and ONEZONE_IA goes only to GLACIER or DEEP_ARCHIVE.`,
        );
      } else {
        const { floor, reason } = nextStepFloor(from, fromPath, transition.storageClass);
        if (transition.days < floor) {
          at.at("days").add(`is ${transition.days} days, but ${reason}.`);
        }
      }
    }
    previous = { transition, index };
  });

  const expirationIssues = issues.at("expirationDays");
  if (checkIntRange(expirationIssues, rule.expirationDays, 1, MAX_LIFECYCLE_DAYS, "days")) {
    const lastIndex = rule.transitions.length - 1;
    const last = rule.transitions[lastIndex];
    if (allValid && last !== undefined) {
      const { floor, reason } = nextStepFloor(last, `transitions[${lastIndex}]`, "expiration");
      if (rule.expirationDays < floor) {
        expirationIssues.add(`is ${rule.expirationDays} days, but ${reason}.`);
      }
    }
    const locked = lock === undefined ? undefined : maxRetentionDays(lock.args);
    if (lock !== undefined && locked !== undefined && rule.expirationDays < locked) {
      const years = lock.args.years;
      const span =
        years === undefined
          ? ""
          : ` (${years} × 365 + ${maxLeapDays(years)} leap day${maxLeapDays(years) === 1 ? "" : "s"})`;
      const unit = years === undefined ? "days" : "years";
      const value = years ?? lock.args.days;
      expirationIssues.add(
        `is ${rule.expirationDays} days, but must be at least ${locked} days: the Object Lock default retention ` +
          `(${lock.path}.${unit} = ${value}) keeps each version up to ${locked} days${span}, ` +
          "and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
      );
    }
  }
  checkIntRange(
    issues.at("noncurrentVersionExpirationDays"),
    rule.noncurrentVersionExpirationDays,
    1,
    MAX_LIFECYCLE_DAYS,
    "days",
  );
}

/**
 * Records every problem of a bucket's prefix rules under `issues` (the path of the list): each
 * rule, duplicates, and overlaps. Overlapping prefixes are refused because S3 applies every
 * matching rule to an object and resolves conflicts by itself (expiration wins over transition,
 * the cheaper class wins), so the rule of the longer prefix would silently lose.
 */
export function validatePrefixRules(
  rules: readonly ArchivePrefixRule[],
  issues: Issues,
  lock?: { readonly args: ObjectLockArgs; readonly path: string },
): void {
  if (rules.length < 1 || rules.length > MAX_LIFECYCLE_RULES) {
    issues.add(`has ${rules.length} items, but must have 1-${MAX_LIFECYCLE_RULES} items.`);
  }
  rules.forEach((rule, index) => validatePrefixRule(rule, issues.at(index), lock));
  const prefixes = rules.map((rule) => rule.prefix);
  checkUnique(issues, prefixes, "prefix", "prefix");
  prefixes.forEach((prefix, index) => {
    const earlier = prefixes.findIndex(
      (other, otherIndex) =>
        otherIndex < index &&
        other !== prefix &&
        (prefix.startsWith(other) || other.startsWith(prefix)),
    );
    if (earlier >= 0) {
      issues
        .at(index)
        .at("prefix")
        .add(
          `is ${show(prefix)}, but overlaps prefixes[${earlier}].prefix = ${show(prefixes[earlier])}: ` +
            "S3 would apply both rules to the same objects, and the earliest expiration and cheapest class would win.",
        );
    }
  });
}

/** One rule as `aws.s3.BucketLifecycleConfiguration` takes it. */
export interface LifecycleRuleInput {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: { readonly prefix: string };
  readonly transitions?: { readonly days: number; readonly storageClass: string }[];
  readonly expiration: { readonly days: number };
  readonly noncurrentVersionExpiration: { readonly noncurrentDays: number };
  readonly abortIncompleteMultipartUpload: { readonly daysAfterInitiation: number };
}

/** The lifecycle rules of a bucket: one per prefix, its id the prefix itself. */
export function lifecycleRules(
  rules: readonly ArchivePrefixRule[],
  abortIncompleteMultipartUploadDays: number,
): LifecycleRuleInput[] {
  return rules.map((rule) => ({
    id: rule.prefix,
    status: "Enabled",
    filter: { prefix: rule.prefix },
    ...(rule.transitions.length > 0
      ? {
          transitions: rule.transitions.map((t) => ({
            days: t.days,
            storageClass: t.storageClass,
          })),
        }
      : {}),
    expiration: { days: rule.expirationDays },
    noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionExpirationDays },
    abortIncompleteMultipartUpload: { daysAfterInitiation: abortIncompleteMultipartUploadDays },
  }));
}
