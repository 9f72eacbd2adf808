/**
 * S3 Object Lock default retention: the settings, their limits, and how long a retention keeps an
 * object version at most (which lifecycle expirations must not undercut).
 */
import { MAX_LOCK_DAYS, MAX_LOCK_YEARS } from "./aws-backup-limits";
import { type Issues, checkIntRange, checkOneOf, show } from "./validation";

export const ObjectLockMode = {
  /** Principals allowed `s3:BypassGovernanceRetention` can still delete or shorten retention. */
  Governance: "GOVERNANCE",
  /** Nobody, the root user included, can delete a locked version or shorten its retention. */
  Compliance: "COMPLIANCE",
} as const;
export type ObjectLockMode = (typeof ObjectLockMode)[keyof typeof ObjectLockMode];

/** The default retention of an Object Lock bucket, as the stack config and the components take it. */
export interface ObjectLockArgs {
  /** `GOVERNANCE` (bypassable with `s3:BypassGovernanceRetention`) or `COMPLIANCE` (permanent). */
  readonly mode: ObjectLockMode;
  /** Retention in days (1-36500); exactly one of `days` and `years`. @default undefined */
  readonly days?: number;
  /** Retention in years (1-100); exactly one of `days` and `years`. @default undefined */
  readonly years?: number;
  /**
   * Must be `true` for `COMPLIANCE`: no one can delete a locked version or shorten its retention
   * until it expires, and the bucket cannot be deleted while it holds one.
   * @default false
   */
  readonly acknowledgeComplianceLockIsPermanent?: boolean;
}

/** Records every problem of a default retention under `issues` (the path of the lock itself). */
export function validateObjectLock(lock: ObjectLockArgs, issues: Issues): void {
  checkOneOf(issues.at("mode"), lock.mode, Object.values(ObjectLockMode));
  if (lock.days !== undefined && lock.years !== undefined) {
    issues.add(
      `sets both days (${lock.days}) and years (${lock.years}), but an Object Lock default retention takes exactly one of them.`,
    );
  } else if (lock.days === undefined && lock.years === undefined) {
    issues.add(
      "sets neither days nor years, but an Object Lock default retention needs exactly one of them.",
    );
  }
  if (lock.days !== undefined)
    checkIntRange(issues.at("days"), lock.days, 1, MAX_LOCK_DAYS, "days");
  if (lock.years !== undefined)
    checkIntRange(issues.at("years"), lock.years, 1, MAX_LOCK_YEARS, "years");
  if (
    lock.mode === ObjectLockMode.Compliance &&
    lock.acknowledgeComplianceLockIsPermanent !== true
  ) {
    issues
      .at("acknowledgeComplianceLockIsPermanent")
      .add(
        `is ${show(lock.acknowledgeComplianceLockIsPermanent)}, but must be true to use mode "COMPLIANCE": ` +
          "no one, the root user included, can delete a locked object version or shorten its retention until it expires.",
      );
  }
}

/** Leap days an N-year span can contain (one in every four consecutive years, rounded up). */
export function maxLeapDays(years: number): number {
  return Math.ceil(years / 4);
}

/**
 * The longest a default retention keeps a version, in days: `days`, or for `years` the calendar
 * span S3 computes (365 days a year plus the leap days the span can contain).
 */
export function maxRetentionDays(lock: ObjectLockArgs): number | undefined {
  if (lock.days !== undefined) return lock.days;
  if (lock.years !== undefined) return lock.years * 365 + maxLeapDays(lock.years);
  return undefined;
}

/** The retention in words for messages and tags, e.g. "7 years" or "30 days". */
export function describeRetention(lock: ObjectLockArgs): string {
  if (lock.years !== undefined) return `${lock.years} year${lock.years === 1 ? "" : "s"}`;
  const days = lock.days ?? 0;
  return `${days} day${days === 1 ? "" : "s"}`;
}
