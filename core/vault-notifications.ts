/**
 * AWS Backup vault notification events (`PutBackupVaultNotifications`): which ones AWS still
 * sends, which are deprecated, and the checks of a notification setting.
 */
import { type Issues, checkUnique, show } from "./validation";

/**
 * The events AWS Backup sends to a vault's SNS topic. Source: the `BackupVaultEvents` valid values
 * of the AWS Backup API reference, without the deprecated ones.
 */
export const VaultEvent = {
  BackupJobStarted: "BACKUP_JOB_STARTED",
  /** Every completion; its `State` attribute says COMPLETED, FAILED, ABORTED, EXPIRED or PARTIAL. */
  BackupJobCompleted: "BACKUP_JOB_COMPLETED",
  CopyJobStarted: "COPY_JOB_STARTED",
  CopyJobSuccessful: "COPY_JOB_SUCCESSFUL",
  CopyJobFailed: "COPY_JOB_FAILED",
  RestoreJobStarted: "RESTORE_JOB_STARTED",
  RestoreJobCompleted: "RESTORE_JOB_COMPLETED",
  RecoveryPointModified: "RECOVERY_POINT_MODIFIED",
  S3BackupObjectFailed: "S3_BACKUP_OBJECT_FAILED",
  S3RestoreObjectFailed: "S3_RESTORE_OBJECT_FAILED",
  ContinuousBackupInterrupted: "CONTINUOUS_BACKUP_INTERRUPTED",
  RecoveryPointIndexCompleted: "RECOVERY_POINT_INDEX_COMPLETED",
  RecoveryPointIndexDeleted: "RECOVERY_POINT_INDEX_DELETED",
  RecoveryPointIndexingFailed: "RECOVERY_POINT_INDEXING_FAILED",
} as const;
export type VaultEvent = (typeof VaultEvent)[keyof typeof VaultEvent];

export const VAULT_EVENTS: readonly string[] = Object.values(VaultEvent);

/**
 * Events the API still accepts but AWS no longer sends ("deprecated events do not return statuses
 * or notifications"), with the event that carries the same news today.
 */
export const DEPRECATED_VAULT_EVENTS: Readonly<Record<string, VaultEvent | null>> = {
  BACKUP_JOB_SUCCESSFUL: VaultEvent.BackupJobCompleted,
  BACKUP_JOB_FAILED: VaultEvent.BackupJobCompleted,
  BACKUP_JOB_EXPIRED: VaultEvent.BackupJobCompleted,
  RESTORE_JOB_SUCCESSFUL: VaultEvent.RestoreJobCompleted,
  RESTORE_JOB_FAILED: VaultEvent.RestoreJobCompleted,
  BACKUP_PLAN_CREATED: null,
  BACKUP_PLAN_MODIFIED: null,
};

/**
 * The events that can report a failure or a tampering: completions (filtered on `State` by the
 * subscriptions), failed copies, failed S3 objects, interrupted continuous backups and changes to
 * recovery points.
 */
export const DEFAULT_VAULT_EVENTS: readonly VaultEvent[] = [
  VaultEvent.BackupJobCompleted,
  VaultEvent.CopyJobFailed,
  VaultEvent.RestoreJobCompleted,
  VaultEvent.S3BackupObjectFailed,
  VaultEvent.S3RestoreObjectFailed,
  VaultEvent.ContinuousBackupInterrupted,
  VaultEvent.RecoveryPointModified,
];

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const HTTPS_PATTERN = /^https:\/\/[^\s/]+(\/\S*)?$/;

export interface VaultNotificationsConfig {
  /** Events published to the topic. @default {@link DEFAULT_VAULT_EVENTS} */
  readonly events?: string[];
  /** Email addresses subscribed to failures only. @default [] */
  readonly emails?: string[];
  /** HTTPS endpoints (an incident tool's webhook) subscribed to failures only. @default [] */
  readonly httpsEndpoints?: string[];
}

/** Records every problem of a notification setting under `issues`. */
export function validateVaultNotifications(
  notifications: VaultNotificationsConfig,
  issues: Issues,
): void {
  const events = notifications.events;
  if (events !== undefined) {
    if (events.length === 0) {
      issues
        .at("events")
        .add(
          `is empty, but must list at least one event; omit it to get the failure events ${DEFAULT_VAULT_EVENTS.join(", ")}.`,
        );
    }
    events.forEach((event, index) => {
      const replacement = DEPRECATED_VAULT_EVENTS[event];
      if (replacement !== undefined) {
        const instead =
          replacement === null
            ? "remove it"
            : `use ${show(replacement)} instead (the subscriptions keep only states other than COMPLETED)`;
        issues
          .at("events")
          .at(index)
          .add(`is ${show(event)}, which AWS Backup no longer sends; ${instead}.`);
      } else if (!VAULT_EVENTS.includes(event)) {
        issues
          .at("events")
          .at(index)
          .add(
            `is ${show(event)}, but must be one of ${VAULT_EVENTS.map((e) => show(e)).join(", ")}.`,
          );
      }
    });
    checkUnique(issues.at("events"), events, "event");
  }
  const emails = notifications.emails ?? [];
  emails.forEach((email, index) => {
    if (!EMAIL_PATTERN.test(email)) {
      issues
        .at("emails")
        .at(index)
        .add(`is ${show(email)}, but must be an email address.`);
    }
  });
  checkUnique(issues.at("emails"), emails, "address");
  const endpoints = notifications.httpsEndpoints ?? [];
  endpoints.forEach((url, index) => {
    if (!HTTPS_PATTERN.test(url)) {
      issues
        .at("httpsEndpoints")
        .at(index)
        .add(
          `is ${show(url)}, but must be an https:// URL (SNS delivers to HTTPS endpoints only).`,
        );
    }
  });
  checkUnique(issues.at("httpsEndpoints"), endpoints, "endpoint");
}
