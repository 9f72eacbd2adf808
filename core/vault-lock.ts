/**
 * AWS Backup Vault Lock: the settings, their AWS limits and the checks of a retention against a
 * lock. Shared by every vault of the project (the primary vault and the DR vault), by the stack
 * config and by the backup plans whose jobs land in a locked vault.
 */
import { MAX_RETENTION_DAYS, MIN_CHANGEABLE_FOR_DAYS } from "./aws-backup-limits";
import { type Issues, checkIntRange, checkOneOf, show } from "./validation";

export const VaultLockMode = {
  /** Removable by principals allowed `backup:DeleteBackupVaultLockConfiguration`. */
  Governance: "governance",
  /** Immutable once `changeableForDays` have passed: nobody can remove it or shorten retention. */
  Compliance: "compliance",
} as const;
export type VaultLockMode = (typeof VaultLockMode)[keyof typeof VaultLockMode];

/** The retention range a lock enforces, as plans and frameworks need it. */
export interface RetentionRange {
  /** The shortest retention, in days, of a recovery point in the vault: 1-36500. */
  readonly minRetentionDays: number;
  /**
   * The longest retention, in days, of a recovery point in the vault: up to 36500.
   * @default undefined (no upper bound other than `MAX_RETENTION_DAYS`)
   */
  readonly maxRetentionDays?: number;
}

/** A vault lock as the stack config and the components take it. */
export interface VaultLockConfig extends RetentionRange {
  /** `governance` (removable) or `compliance` (permanent after `changeableForDays`). */
  readonly mode: VaultLockMode;
  /**
   * Days before a compliance lock becomes immutable; at least 3. Must be omitted in governance
   * mode, because AWS turns any lock with this value into a compliance lock.
   * @default undefined (required in compliance mode)
   */
  readonly changeableForDays?: number;
  /** Must be `true` for a compliance lock: the lock cannot be undone once it is fixed. @default false */
  readonly acknowledgeComplianceLockIsPermanent?: boolean;
}

/** Records every problem of a vault lock under `issues` (the path of the lock itself). */
export function validateVaultLock(lock: VaultLockConfig, issues: Issues): void {
  checkOneOf(issues.at("mode"), lock.mode, Object.values(VaultLockMode));
  const minOk = checkIntRange(
    issues.at("minRetentionDays"),
    lock.minRetentionDays,
    1,
    MAX_RETENTION_DAYS,
    "days",
  );
  if (lock.maxRetentionDays !== undefined) {
    const maxOk = checkIntRange(
      issues.at("maxRetentionDays"),
      lock.maxRetentionDays,
      1,
      MAX_RETENTION_DAYS,
      "days",
    );
    if (minOk && maxOk && lock.maxRetentionDays < lock.minRetentionDays) {
      issues
        .at("maxRetentionDays")
        .add(
          `is ${lock.maxRetentionDays} days, but must be at least minRetentionDays (${lock.minRetentionDays} days).`,
        );
    }
  }
  if (lock.mode === VaultLockMode.Governance) {
    if (lock.changeableForDays !== undefined) {
      issues
        .at("changeableForDays")
        .add(
          `is ${show(lock.changeableForDays)}, but a governance lock takes no changeableForDays: AWS makes any lock that has it a compliance lock. Remove it, or set mode to "compliance".`,
        );
    }
    return;
  }
  if (lock.mode !== VaultLockMode.Compliance) return;
  const changeable = lock.changeableForDays;
  if (changeable === undefined) {
    issues
      .at("changeableForDays")
      .add(
        `is missing; a compliance lock needs a whole number of at least ${MIN_CHANGEABLE_FOR_DAYS} days, after which the lock can no longer be changed or removed.`,
      );
  } else if (!Number.isInteger(changeable) || changeable < MIN_CHANGEABLE_FOR_DAYS) {
    issues
      .at("changeableForDays")
      .add(
        `is ${show(changeable)}, but must be a whole number of at least ${MIN_CHANGEABLE_FOR_DAYS} days.`,
      );
  }
  if (lock.acknowledgeComplianceLockIsPermanent !== true) {
    issues
      .at("acknowledgeComplianceLockIsPermanent")
      .add(
        `is ${show(lock.acknowledgeComplianceLockIsPermanent)}, but a compliance lock needs it set to true: once changeableForDays have passed, nobody (not the root user, not AWS) can remove the lock, shorten retention or delete the vault before its recovery points expire.`,
      );
  }
}

/** Words for a lock's range: "from 7 to 3650 days" or "of at least 7 days". */
export function describeRange(range: RetentionRange): string {
  return range.maxRetentionDays === undefined
    ? `of at least ${range.minRetentionDays} days`
    : `from ${range.minRetentionDays} to ${range.maxRetentionDays} days`;
}

/**
 * Records an issue unless a retention of `days` falls inside a lock's range: AWS Backup fails
 * every backup or copy job whose retention a lock does not admit. `whose` names the vault, e.g.
 * "the target vault" or "the DR vault".
 */
export function checkRetentionInLock(
  issues: Issues,
  days: number,
  range: RetentionRange,
  whose: string,
): boolean {
  const tooShort = days < range.minRetentionDays;
  const tooLong = range.maxRetentionDays !== undefined && days > range.maxRetentionDays;
  if (!tooShort && !tooLong) return true;
  issues.add(
    `is ${days} days, but ${whose}'s lock only admits a retention ${describeRange(range)}; AWS Backup fails every job outside that range.`,
  );
  return false;
}
