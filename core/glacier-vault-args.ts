/**
 * The arguments of the GlacierVault component and their checks, pure so that the
 * stack configuration runs the same checks before anything is created.
 */
import { checkGlacierVaultName } from "./archive-names";
import { IAM_PRINCIPAL_ARN } from "./archive-policies";
import { longestGlacierVaultArn, glacierVaultAccessPolicy } from "./glacier-lock-policy";
import { GLACIER_POLICY_MAX_BYTES, checkPolicySize } from "./policy-size";
import { Issues, checkIntRange, checkPattern, show } from "./validation";
import { type DataHolderSettings } from "./data-holders";
export interface GlacierVaultArgs extends DataHolderSettings {
  /** The vault name: 1-255 letters, digits, underscores, hyphens or periods. */
  readonly name: string;
  /** Archives younger than this many days cannot be deleted by anyone (1-36500). */
  readonly retentionDays: number;
  /**
   * Completes the Vault Lock, which makes it permanent: the policy can never be changed or
   * removed. Needs `acknowledgeLockIsIrreversible: true`. Left false, the lock stays in progress
   * (abortable) and expires 24 hours after it was initiated.
   * @default false
   */
  readonly completeLock?: boolean;
  /**
   * Must be `true` when `completeLock` is true.
   * @default false
   */
  readonly acknowledgeLockIsIrreversible?: boolean;
  /**
   * IAM principals (account roots, roles, users) allowed to upload archives by the vault policy.
   * @default []
   */
  readonly writerPrincipalArns?: string[];
  /**
   * IAM principals allowed to start retrieval and inventory jobs and fetch their output.
   * @default []
   */
  readonly readerPrincipalArns?: string[];
  /** The tag key whose value names the backup tier. @default "backup-tier" */
  readonly tierTagKey?: string;
  /** The tag key whose value says why a resource is exempt from AWS Backup. @default "backup-exempt-reason" */
  readonly exemptReasonTagKey?: string;
  /**
   * Tags for every resource of the component.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export const GLACIER_KMS_DELETION_WINDOW_DAYS = 30;
const MAX_RETENTION_DAYS = 36500;
const PRINCIPAL_RULE =
  "must be an IAM principal ARN (an account root, a role or a user) such as arn:aws:iam::111111111111:role/archive-reader";

/** Records every problem of the args; the paths are the arg names (the config keys too). */
export function validateGlacierVaultArgs(args: GlacierVaultArgs, issues: Issues): void {
  const nameOk = checkGlacierVaultName(issues.at("name"), args.name);
  checkIntRange(issues.at("retentionDays"), args.retentionDays, 1, MAX_RETENTION_DAYS, "days");
  if (args.completeLock === true && args.acknowledgeLockIsIrreversible !== true) {
    issues
      .at("acknowledgeLockIsIrreversible")
      .add(
        `is ${show(args.acknowledgeLockIsIrreversible)}, but must be true when completeLock is true: ` +
          "a completed Vault Lock can never be changed or removed, and archives younger than retentionDays can never be deleted.",
      );
  }
  const writers = args.writerPrincipalArns ?? [];
  const readers = args.readerPrincipalArns ?? [];
  let arnsOk = true;
  writers.forEach((arn, index) => {
    arnsOk =
      checkPattern(
        issues.at("writerPrincipalArns").at(index),
        arn,
        IAM_PRINCIPAL_ARN,
        PRINCIPAL_RULE,
      ) && arnsOk;
  });
  readers.forEach((arn, index) => {
    arnsOk =
      checkPattern(
        issues.at("readerPrincipalArns").at(index),
        arn,
        IAM_PRINCIPAL_ARN,
        PRINCIPAL_RULE,
      ) && arnsOk;
  });
  const accessPolicy = glacierVaultAccessPolicy(
    longestGlacierVaultArn(args.name),
    writers,
    readers,
  );
  if (nameOk && arnsOk && accessPolicy !== undefined) {
    const [longer, other] =
      readers.length > writers.length
        ? (["readerPrincipalArns", "writerPrincipalArns"] as const)
        : (["writerPrincipalArns", "readerPrincipalArns"] as const);
    const count = (list: string): number =>
      (list === "readerPrincipalArns" ? readers : writers).length;
    checkPolicySize(
      issues.at(longer),
      accessPolicy,
      GLACIER_POLICY_MAX_BYTES,
      (size, limit) =>
        `lists ${count(longer)} principals, which with the ${count(other)} of ${other} make the vault access policy ` +
        `up to ${size} bytes long, but Glacier accepts at most ${limit} bytes; name fewer principals ` +
        "(an account root ARN admits every principal its account's IAM policies allow).",
    );
  }
}

/** The exempt reason of a vault: the lock that protects it instead of AWS Backup. */
export function glacierExemptReason(args: GlacierVaultArgs): string {
  return args.completeLock === true
    ? `immutable archive: a completed Vault Lock denies deleting archives younger than ${args.retentionDays} days`
    : `archive vault: a Vault Lock in progress denies deleting archives younger than ${args.retentionDays} days until it expires`;
}
