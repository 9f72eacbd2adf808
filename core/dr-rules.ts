/**
 * Disaster recovery copies: where a DR vault may live relative to the workload, who may copy into
 * it, which source keys AWS Backup can copy to another account, and when a rule's copy would find
 * its recovery point already in cold storage. Pure functions of plain values; each check records
 * an issue on the given path and returns whether the value was valid.
 */
import { isAwsRegion, partitionOf } from "./aws-regions";
import { ACCOUNT_ID, ORGANIZATION_ID, ROLE_ARN, checkName } from "./backup-names";
import { DEFAULT_COMPLETION_WINDOW_MINUTES, type TierRuleConfig } from "./backup-rules";
import { type RetentionRange, checkRetentionInLock } from "./vault-lock";
import { type Issues, checkUnique, show } from "./validation";

/** An account and a region: where recovery points are made, or where their copies go. */
export interface AccountRegion {
  readonly accountId: string;
  readonly region: string;
}

/** The DR destination as the stack config and the DrVault component take it. */
export interface DrDestination extends AccountRegion {
  /** The role the stack assumes in the DR account to deploy the DR vault. */
  readonly roleArn?: string;
}

/** Who may copy recovery points into the DR vault (`hybrid-backup:dr.allowCopyFrom`). */
export interface AllowCopyFromConfig {
  /** Every account of this AWS Organizations organization (`aws:PrincipalOrgID`). @default undefined */
  readonly organizationId?: string;
  /**
   * These accounts (with `organizationId`: these accounts, while in the organization).
   * @default undefined (with `organizationId`: every account of the organization)
   */
  readonly accounts?: string[];
}

/** The principals of the DR vault's `backup:CopyIntoBackupVault` statement. */
export interface CopySources {
  readonly accountIds: string[];
  readonly organizationId?: string;
}

/** Days a copy job is given to finish before its source may move to cold storage. */
export const COPY_JOB_DAYS = 1;
const MINUTES_PER_DAY = 1440;

const ROLE_ACCOUNT = /^arn:[a-z-]+:iam::([0-9]{12}):role\//;
const ARN_PARTITION = /^arn:([a-z-]+):/;
/** Aliases of AWS managed keys, bare (`alias/aws/backup`) or as an alias ARN. */
const AWS_MANAGED_KEY_ALIAS = /^(arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]{12}:)?alias\/aws\//;

export interface DestinationContext {
  /** The workload: where the recovery points to copy are made. */
  readonly source: AccountRegion;
  /**
   * Whether the DR account may also be reached through a provider passed in the resource options
   * (components), so that `roleArn` is not the only way. @default false
   */
  readonly acceptsProvider?: boolean;
  /** Whether such a provider was passed. @default false */
  readonly providerGiven?: boolean;
}

/** True when the destination is in another account than the source. */
export function isCrossAccount(destination: AccountRegion, source: AccountRegion): boolean {
  return destination.accountId !== source.accountId;
}

/**
 * Records every problem of a DR destination under `issues` (the path holding `region`,
 * `accountId` and `roleArn`): a real region in the workload's partition, a 12-digit account, a
 * place that differs from the workload's in region or account, and, in another account, a role of
 * that account to deploy with.
 */
export function validateDrDestination(
  destination: DrDestination,
  issues: Issues,
  context: DestinationContext,
): void {
  const { source } = context;
  const sourceOk = isAwsRegion(source.region) && ACCOUNT_ID.pattern.test(source.accountId);
  const regionOk = isAwsRegion(destination.region);
  if (!regionOk) {
    issues
      .at("region")
      .add(`is ${show(destination.region)}, but must be an AWS region name such as us-west-2.`);
  }
  // The same account as the source is the source's to check (and the default when omitted).
  const accountOk =
    destination.accountId === source.accountId
      ? sourceOk
      : checkName(issues.at("accountId"), destination.accountId, ACCOUNT_ID);
  const partition = partitionOf(destination.region);
  if (sourceOk && regionOk && partition !== partitionOf(source.region)) {
    issues
      .at("region")
      .add(
        `is ${show(destination.region)} in the ${partition} partition, but the workload region ${source.region} is in the ${partitionOf(source.region)} partition: AWS Backup copies only within one partition.`,
      );
  }
  const crossAccount = isCrossAccount(destination, source);
  if (sourceOk && regionOk && accountOk && !crossAccount && destination.region === source.region) {
    issues
      .at("region")
      .add(
        `is ${show(destination.region)}, the workload's own region, and the DR account is the workload account (${source.accountId}): a copy there survives neither the loss of the region nor the loss of the account. Choose another region, another account, or both.`,
      );
  }
  const roleArn = destination.roleArn;
  const roleIssues = issues.at("roleArn");
  if (roleArn === undefined) {
    if (sourceOk && accountOk && crossAccount && context.providerGiven !== true) {
      roleIssues.add(
        `is missing, but the DR account ${destination.accountId} differs from the workload account ${source.accountId}: give the ARN of a role in ${destination.accountId} that the stack assumes to deploy the DR vault${context.acceptsProvider === true ? ", or pass a provider for that account in the resource options" : ""}.`,
      );
    }
    return;
  }
  if (context.providerGiven === true) {
    roleIssues.add(
      "is set, but the resource options also pass a provider: give one of them, not both.",
    );
  }
  if (!checkName(roleIssues, roleArn, ROLE_ARN)) return;
  const roleAccount = ROLE_ACCOUNT.exec(roleArn)?.[1];
  if (accountOk && roleAccount !== destination.accountId) {
    roleIssues.add(
      `is a role of account ${roleAccount}, but must be a role in the DR account ${destination.accountId}: the stack assumes it to deploy the DR vault there.`,
    );
  }
  const rolePartition = ARN_PARTITION.exec(roleArn)?.[1];
  if (regionOk && rolePartition !== partition) {
    roleIssues.add(
      `is in the ${rolePartition} partition, but the DR region ${destination.region} is in the ${partition} partition.`,
    );
  }
}

/**
 * Records every problem of `allowCopyFrom` under `issues` (its path): an organization id, 12-digit
 * unique accounts, and, for a DR vault in another account, a list that still admits the workload.
 */
export function validateAllowCopyFrom(
  allow: AllowCopyFromConfig,
  issues: Issues,
  context: { readonly source: AccountRegion; readonly destinationAccountId: string },
): void {
  if (allow.organizationId !== undefined) {
    checkName(issues.at("organizationId"), allow.organizationId, ORGANIZATION_ID);
  }
  const accounts = allow.accounts;
  if (accounts === undefined) return;
  const accountIssues = issues.at("accounts");
  const valid = accounts.map((id, index) => checkName(accountIssues.at(index), id, ACCOUNT_ID));
  checkUnique(accountIssues, accounts, "account id");
  const workload = context.source.accountId;
  const crossAccount = context.destinationAccountId !== workload;
  if (crossAccount && valid.every(Boolean) && !accounts.includes(workload)) {
    accountIssues.add(
      `is ${show(accounts)}, which leaves out the workload account ${workload}: the DR vault would refuse the workload's own copies. Add it.`,
    );
  }
}

/**
 * The principals allowed to copy into the DR vault: the configured accounts (or none when only an
 * organization is given), and by default the workload account when the vault is in another
 * account. A vault in the workload's own account needs no statement for its own copies.
 */
export function copySources(
  allow: AllowCopyFromConfig | undefined,
  source: AccountRegion,
  destinationAccountId: string,
): CopySources {
  const organizationId = allow?.organizationId;
  const accounts = allow?.accounts;
  if (accounts !== undefined) return { accountIds: [...accounts], organizationId };
  if (organizationId !== undefined) return { accountIds: [], organizationId };
  return { accountIds: destinationAccountId === source.accountId ? [] : [source.accountId] };
}

/** True for an alias of an AWS managed key (`alias/aws/...`), bare or as an ARN. */
export function isAwsManagedKey(keyArnOrAlias: string): boolean {
  return AWS_MANAGED_KEY_ALIAS.test(keyArnOrAlias);
}

/**
 * Records an issue when recovery points encrypted with `sourceKmsKeyArn` are to be copied to
 * another account but the key is AWS managed: its policy cannot be changed to share it, so AWS
 * Backup fails every such copy job.
 */
export function checkCopyableSourceKey(
  issues: Issues,
  sourceKmsKeyArn: string,
  destinationAccountId: string,
  crossAccount: boolean,
): boolean {
  if (!crossAccount || !isAwsManagedKey(sourceKmsKeyArn)) return true;
  issues.add(
    `is ${show(sourceKmsKeyArn)}, an AWS managed key, but AWS Backup cannot copy recovery points encrypted with an AWS managed key to another account (${destinationAccountId}): an AWS managed key's policy cannot be changed to share it. Encrypt the source with a customer managed key shared with the DR account.`,
  );
  return false;
}

/**
 * The fewest days a recovery point must stay in warm storage so that its rule's copy can run: AWS
 * Backup starts the copy when the backup job completes, which may be up to `completionWindow`
 * minutes after the recovery point was created, and cannot copy a recovery point already in cold
 * storage. The completion window is rounded up to whole days, plus {@link COPY_JOB_DAYS} for the
 * copy job itself.
 */
export function minWarmDaysBeforeCopy(completionWindowMinutes: number): number {
  return Math.ceil(completionWindowMinutes / MINUTES_PER_DAY) + COPY_JOB_DAYS;
}

export interface CopyRuleContext {
  /** Whether the stack (or plan) has a DR vault to copy to. */
  readonly hasDestination: boolean;
  /** The DR vault's lock: every copy's retention must fall inside it. */
  readonly destinationLock?: RetentionRange;
}

/**
 * Records the problems of one rule's copy under `issues` (the path of the rule): a copy needs a
 * DR vault, its retention must fall inside the DR vault's lock, and the rule must not move its
 * recovery points to cold storage before the copy can run ({@link minWarmDaysBeforeCopy}). The
 * copy's own `deleteAfter >= coldStorageAfter + 90` is checked with the rule's other lifecycles.
 */
export function validateRuleCopy(
  rule: TierRuleConfig,
  issues: Issues,
  context: CopyRuleContext,
): void {
  const copy = rule.copy;
  if (copy === undefined) return;
  if (!context.hasDestination) {
    issues
      .at("copy")
      .add(
        "is set, but there is no DR vault to copy to: configure the DR vault (hybrid-backup:dr), or remove the copy.",
      );
  }
  if (context.destinationLock !== undefined && Number.isInteger(copy.deleteAfter)) {
    checkRetentionInLock(
      issues.at("copy").at("deleteAfter"),
      copy.deleteAfter,
      context.destinationLock,
      "the DR vault",
    );
  }
  const cold = rule.lifecycle.coldStorageAfter ?? 0;
  const completion = rule.completionWindow ?? DEFAULT_COMPLETION_WINDOW_MINUTES;
  const warmDays = minWarmDaysBeforeCopy(completion);
  if (Number.isInteger(cold) && cold > 0 && cold < warmDays) {
    issues
      .at("lifecycle")
      .at("coldStorageAfter")
      .add(
        `is ${cold} days, but the rule copies its recovery points to the DR vault, and AWS Backup cannot copy a recovery point that is already in cold storage: the copy starts when the backup job completes, up to completionWindow (${completion} minutes) after the recovery point is created, so it must stay warm for at least ${warmDays} days (the completion window in whole days, plus ${COPY_JOB_DAYS} day for the copy job).`,
      );
  }
}
