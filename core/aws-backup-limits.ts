/**
 * Values AWS refuses for AWS Backup plans and vault locks and for S3 Object Lock default
 * retention, as pure checks. Each returns the second half of a message about the value
 * (`is 60 days, but AWS needs ...`) or undefined when AWS accepts it.
 *
 * Sources: the AWS Backup API reference (`Lifecycle`: "the value specified in the retention period
 * must be at least 90 days greater than the transition to cold storage"; `PutBackupVaultLockConfiguration`:
 * `ChangeableForDays` at least 3, retention up to 36500 days) and the S3 API reference
 * (`DefaultRetention`: `Days` or `Years`, not both, positive).
 */

/** The longest retention AWS Backup accepts anywhere (100 years). */
export const MAX_RETENTION_DAYS = 36500;
/** Recovery points stay at least this many days in cold storage. */
export const MIN_COLD_STORAGE_DAYS = 90;
/** AWS Backup refuses a compliance lock whose grace time is shorter than this. */
export const MIN_CHANGEABLE_FOR_DAYS = 3;
/** Object Lock default retention limits the project holds to (a century, like AWS Backup). */
export const MAX_LOCK_DAYS = 36500;
export const MAX_LOCK_YEARS = 100;

function wholeInRange(value: number, min: number, max: number, unit: string): string | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return `is ${value}, but must be a whole number of ${unit} from ${min} to ${max}.`;
}

/** `lifecycle.deleteAfter` of a plan rule or copy action, against its `coldStorageAfter`. */
export function deleteAfterProblem(
  deleteAfter: number,
  coldStorageAfter: number | undefined,
): string | undefined {
  const range = wholeInRange(deleteAfter, 1, MAX_RETENTION_DAYS, "days");
  if (range !== undefined) return range;
  const cold = coldStorageAfter ?? 0;
  if (cold > 0 && deleteAfter < cold + MIN_COLD_STORAGE_DAYS) {
    return `is ${deleteAfter} days, but AWS needs at least coldStorageAfter + ${MIN_COLD_STORAGE_DAYS} = ${cold + MIN_COLD_STORAGE_DAYS} days.`;
  }
  return undefined;
}

/** A vault lock's `changeableForDays` (present only for compliance locks). */
export function changeableForDaysProblem(changeableForDays: number): string | undefined {
  if (Number.isInteger(changeableForDays) && changeableForDays >= MIN_CHANGEABLE_FOR_DAYS) {
    return changeableForDays <= MAX_RETENTION_DAYS
      ? undefined
      : `is ${changeableForDays}, but must be at most ${MAX_RETENTION_DAYS} days.`;
  }
  return `is ${changeableForDays}, but must be a whole number of at least ${MIN_CHANGEABLE_FOR_DAYS} days.`;
}

/** A vault lock's `minRetentionDays`. */
export function minRetentionDaysProblem(minRetentionDays: number): string | undefined {
  return wholeInRange(minRetentionDays, 1, MAX_RETENTION_DAYS, "days");
}

/** A vault lock's `maxRetentionDays`, against its `minRetentionDays` when that is known. */
export function maxRetentionDaysProblem(
  maxRetentionDays: number,
  minRetentionDays: number | undefined,
): string | undefined {
  const range = wholeInRange(maxRetentionDays, 1, MAX_RETENTION_DAYS, "days");
  if (range !== undefined) return range;
  if (minRetentionDays !== undefined && maxRetentionDays < minRetentionDays) {
    return `is ${maxRetentionDays} days, but must be at least minRetentionDays (${minRetentionDays} days).`;
  }
  return undefined;
}

/**
 * An Object Lock default retention: exactly one of `days` (1-36500) and `years` (1-100). Returns
 * the problem with the field it is about.
 */
export function objectLockRetentionProblem(
  days: number | undefined,
  years: number | undefined,
): { readonly field: "days" | "years" | "retention"; readonly problem: string } | undefined {
  if (days !== undefined && years !== undefined) {
    return {
      field: "retention",
      problem: `sets both days (${days}) and years (${years}), but an Object Lock default retention takes exactly one of them.`,
    };
  }
  if (days === undefined && years === undefined) {
    return {
      field: "retention",
      problem:
        "sets neither days nor years, but an Object Lock default retention needs exactly one of them.",
    };
  }
  if (days !== undefined) {
    const problem = wholeInRange(days, 1, MAX_LOCK_DAYS, "days");
    return problem === undefined ? undefined : { field: "days", problem };
  }
  const problem = wholeInRange(years ?? 0, 1, MAX_LOCK_YEARS, "years");
  return problem === undefined ? undefined : { field: "years", problem };
}
