/**
 * The `hybrid-backup:backup` section: the primary vault (lock, break-glass roles, notifications),
 * the backup tiers (rules, protected resource types, restore testing) and the audit framework with
 * its reports. The shape mirrors the component arguments, and the section's checks call the
 * components' validators, so a value is judged the same way in YAML and in code.
 */
import {
  FRAMEWORK_NAME,
  REPORT_PLAN_NAME,
  ROLE_ARN,
  TIER_NAME,
  VAULT_NAME,
} from "../../components/lib/backup-names";
import {
  BackupResourceType,
  RestoreTestingResourceType,
  validateRestoreTestingConfig,
  validateTierRules,
  type TierRuleConfig,
} from "../../components/lib/backup-rules";
import { MAX_RETENTION_DAYS, validateVaultLock } from "../../components/lib/vault-lock";
import { validateVaultNotifications } from "../../components/lib/vault-notifications";
import { ReportTemplate, REPORT_TEMPLATES } from "../../components/lib/audit-controls";
import { Issues } from "../../components/lib/validation";
import * as s from "../schema";
import { EXEMPT_TIER_VALUE } from "./core";

const days = (description: string, min: number, max = MAX_RETENTION_DAYS) =>
  s.number({ description, min, max, unit: "days" });

const minutes = (description: string, min: number, max: number) =>
  s.number({ description, min, max, unit: "minutes" });

/** `hybrid-backup:backup.vault.lock`, also used by the DR vault. */
export const vaultLockSchema = s.object(
  {
    mode: s.literal(["governance", "compliance"], {
      description:
        "governance: removable by principals allowed backup:DeleteBackupVaultLockConfiguration; compliance: permanent once changeableForDays have passed.",
    }),
    minRetentionDays: days("Shortest retention a recovery point of the vault may have.", 1),
    maxRetentionDays: s.optional(days("Longest retention a recovery point of the vault may have.", 1)),
    changeableForDays: s.optional(
      days(
        "Compliance mode only: days during which the lock can still be changed or removed; after them it is immutable.",
        3,
      ),
    ),
    acknowledgeComplianceLockIsPermanent: s.optional(
      s.boolean({
        description:
          "Compliance mode only, and required there: true states that the lock cannot be undone once changeableForDays have passed.",
      }),
    ),
  },
  {
    description: "The vault lock (AWS Backup Vault Lock).",
    check: (lock, issues) => validateVaultLock(lock, issues),
  },
);

export type VaultLockSection = s.Infer<typeof vaultLockSchema>;

const roleArnSchema = s.string({
  description: "An IAM role ARN.",
  pattern: ROLE_ARN.pattern,
  rule: ROLE_ARN.rule,
});

export const vaultNotificationsSchema = s.object(
  {
    events: s.optional(
      s.array(s.string({ description: "An AWS Backup vault event name." }), {
        description:
          "Events published to the vault's topic. Default: BACKUP_JOB_COMPLETED, COPY_JOB_FAILED, RESTORE_JOB_COMPLETED, S3_BACKUP_OBJECT_FAILED, S3_RESTORE_OBJECT_FAILED, CONTINUOUS_BACKUP_INTERRUPTED, RECOVERY_POINT_MODIFIED.",
      }),
    ),
    emails: s.optional(
      s.array(s.string({ description: "An email address." }), {
        description: "Email addresses subscribed to failures only (State other than COMPLETED).",
      }),
      [],
    ),
    httpsEndpoints: s.optional(
      s.array(s.string({ description: "An https:// URL." }), {
        description: "HTTPS endpoints subscribed to failures only.",
      }),
      [],
    ),
  },
  {
    description: "Job notifications of the vault.",
    check: (notifications, issues) => validateVaultNotifications(notifications, issues),
  },
);

export const vaultSchema = s.object(
  {
    name: s.string({
      description: "Name of the primary backup vault.",
      pattern: VAULT_NAME.pattern,
      rule: VAULT_NAME.rule,
    }),
    lock: s.optional(vaultLockSchema),
    breakGlassRoleArns: s.array(roleArnSchema, {
      description:
        "The only roles allowed to delete recovery points, change their lifecycle or change the vault access policy.",
      minItems: 1,
    }),
    notifications: s.optional(vaultNotificationsSchema, { emails: [], httpsEndpoints: [] }),
  },
  { description: "The primary backup vault of the workload account." },
);
