/**
 * Retention: backup frequency and retention floors per tier, copies, vault locks and the ranges
 * they enforce, deletion-denying vault policies, immutable archives (S3 Object Lock, Glacier Vault
 * Lock), RDS automated backups and DynamoDB point-in-time recovery.
 */
import { PolicyResource } from "@pulumi/policy";
import { backupVaultNameOf, parseArn } from "./lib/arn";
import {
  days,
  flag,
  list,
  MAX_INTERVAL_HOURS,
  perTier,
  RETENTION_FLOOR_DAYS,
  roleConventionProperties,
  RoleConventionConfig,
  text,
} from "./lib/config";
import { type RuleSchedule, checkRuleSchedule, planGapMinutes } from "./lib/cron";
import { conditionValues, coversAction, isEveryone, readPolicyDocument } from "./lib/iam";
import { indexByName, linkByName, undeterminedNote } from "./lib/joins";
import {
  dependencyUrns,
  propsOf,
  providerPropsOf,
  resourcePolicy,
  stackPolicy,
} from "./lib/policy-kit";
import {
  couldNotCheck,
  either,
  expectProp,
  Findings,
  label,
  mustBe,
  show,
  stateOf,
} from "./lib/report";
import { backupBuckets, BucketSettings } from "./lib/s3";
import { TagView } from "./lib/tags";
import { T } from "./lib/types";
import { Prop } from "./lib/values";

// ---------------------------------------------------------------------------------------------
// Plan tiers

export interface PlanTierConfig {
  readonly tierTagKey: string;
  readonly untaggedPlanTier: string;
  readonly retentionFloorDays: Readonly<Record<string, number>>;
}

const planTierProperties = {
  tierTagKey: text("Tag key that names the tier a backup plan serves.", "backup-tier"),
  untaggedPlanTier: text(
    "Tier whose floors apply to plans without a tier tag, or tagged with a tier that has no floors.",
    "gold",
  ),
  retentionFloorDays: perTier(
    "Minimum retention in days of recovery points, per tier.",
    RETENTION_FLOOR_DAYS,
    36500,
  ),
};

/** The tier whose floors apply to a plan, or undefined (with a note) when its tag is unknown. */
function planTier(
  props: Prop,
  providerProps: Prop,
  config: PlanTierConfig,
  findings: Findings,
): string | undefined {
  const tag = TagView.of(props, providerProps).get(config.tierTagKey);
  if (tag.isUnknown) {
    findings.unknown(couldNotCheck(tag, "names the tier whose floors apply"));
    return undefined;
  }
  const tier = tag.string();
  return tier !== undefined && config.retentionFloorDays[tier] !== undefined
    ? tier
    : config.untaggedPlanTier;
}

/** Checks `lifecycle.deleteAfter` of a rule or copy action against a floor. */
function checkRetentionFloor(
  findings: Findings,
  lifecycle: Prop,
  floor: number,
  tier: string,
): void {
  const deleteAfter = lifecycle.get("deleteAfter");
  if (deleteAfter.isAbsent && !lifecycle.isUnknown) {
    return; // No expiry: recovery points are kept until deleted.
  }
  expectProp(
    findings,
    deleteAfter,
    (p) => (p.number() ?? -Infinity) >= floor,
    `at least ${floor} days for the ${tier} tier`,
  );
}

// ---------------------------------------------------------------------------------------------
// backup-plan-frequency-and-retention

export interface PlanFrequencyAndRetentionConfig extends PlanTierConfig {
  readonly maxIntervalHours: Readonly<Record<string, number>>;
}

/** AWS Backup's schedule when a rule sets none. */
const DEFAULT_SCHEDULE = "cron(0 5 ? * * *)";

function hoursText(minutes: number): string {
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)} hours`;
}

export const backupPlanFrequencyAndRetention = resourcePolicy<PlanFrequencyAndRetentionConfig>({
  name: "backup-plan-frequency-and-retention",
  description:
    "A backup plan's rules together back up at least as often as its tier needs, and every rule keeps recovery points at least the tier's floor.",
  severity: "high",
  remediationSteps:
    'Tag the plan with its tier (default key "backup-tier"), then give each rule a `schedule` cron ' +
    "expression so that the rules together leave no gap longer than the tier's `maxIntervalHours` (or " +
    "use `enableContinuousBackup`), and a `lifecycle.deleteAfter` of at least the tier's `retentionFloorDays`.",
  configSchema: {
    properties: {
      ...planTierProperties,
      maxIntervalHours: perTier(
        "Longest allowed gap between two scheduled backups in hours, per tier.",
        MAX_INTERVAL_HOURS,
        8784,
      ),
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings }) => {
    const tier = planTier(props, providerProps, config, findings);
    if (tier === undefined) {
      return;
    }
    const floor = config.retentionFloorDays[tier];
    const maxHours = config.maxIntervalHours[tier];
    const rules = props.get("rules");
    if (rules.isUnknown) {
      findings.unknown(couldNotCheck(rules, `meet the ${tier} tier's frequency and retention`));
      return;
    }
    const known = rules.items().filter((rule) => {
      if (rule.isUnknown) {
        findings.unknown(couldNotCheck(rule, `meets the ${tier} tier's frequency and retention`));
      }
      return !rule.isUnknown;
    });
    if (floor !== undefined) {
      known.forEach((rule) => checkRetentionFloor(findings, rule.get("lifecycle"), floor, tier));
    }
    if (maxHours !== undefined) {
      checkPlanFrequency(findings, known, maxHours, tier, known.length < rules.items().length);
    }
  },
});

/**
 * Checks that the plan's rules together back up at least every `maxHours`: a plan's rules add up
 * (a daily rule next to a monthly long-term one is fine), and a continuous rule is always enough.
 */
function checkPlanFrequency(
  findings: Findings,
  rules: readonly Prop[],
  maxHours: number,
  tier: string,
  someRulesUnknown: boolean,
): void {
  const expectation = `runs at least every ${maxHours} hours`;
  const undecided: string[] = [];
  const schedules: { schedule: RuleSchedule; expression: string; prop: Prop }[] = [];
  let continuousRule = false;
  for (const rule of rules) {
    const continuous = rule.get("enableContinuousBackup");
    if (continuous.boolean() === true) {
      continuousRule = true;
      continue;
    }
    const schedule = rule.get("schedule");
    const timeZone = rule.get("scheduleExpressionTimezone");
    const unknown = [continuous, schedule, timeZone].find((p) => p.isUnknown);
    if (unknown !== undefined) {
      undecided.push(
        couldNotCheck(
          unknown,
          unknown === continuous ? `makes backups at least every ${maxHours} hours` : expectation,
        ),
      );
      continue;
    }
    const expression = schedule.isAbsent ? DEFAULT_SCHEDULE : schedule.string();
    if (expression === undefined) {
      findings.violation(mustBe(schedule, "a cron(...) expression"));
      continue;
    }
    const parsed = checkRuleSchedule(expression, timeZone.isAbsent ? undefined : timeZone.value);
    if (parsed.kind === "invalid") {
      const prop = parsed.field === "schedule" ? schedule : timeZone;
      findings.violation(`[${prop.path}] ${parsed.reason}`);
    } else {
      schedules.push({ schedule: parsed.schedule, expression, prop: schedule });
    }
  }
  const minutes = planGapMinutes(schedules.map((entry) => entry.schedule));
  const gap = Number.isFinite(minutes) ? minutes : undefined;
  if (continuousRule || (gap !== undefined && gap <= maxHours * 60)) {
    return;
  }
  if (undecided.length > 0 || someRulesUnknown) {
    // The rules not evaluated may well close the gaps.
    undecided.forEach((note) => findings.unknown(note));
    return;
  }
  if (schedules.length === 0) {
    return;
  }
  const need = `the ${tier} tier needs one at least every ${maxHours} hours`;
  const leaves =
    gap === undefined ? "never runs" : `leaves up to ${hoursText(gap)} between backups`;
  const only = schedules.length === 1 ? schedules[0] : undefined;
  if (only !== undefined) {
    const given = only.prop.isAbsent
      ? `is not set, so AWS runs ${DEFAULT_SCHEDULE}`
      : `is ${show(only.expression)}`;
    findings.violation(`[${only.prop.path}] ${given}, which ${leaves}, but ${need}.`);
    return;
  }
  const expressions = either(
    schedules.map(
      (entry) => `${show(entry.expression)}${entry.prop.isAbsent ? " (the default)" : ""}`,
    ),
    "and",
  );
  findings.violation(
    `[rules] schedules ${expressions} together ${gap === undefined ? "never run" : `leave up to ${hoursText(gap)} between backups`}, but ${need}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// backup-copy-retention

export const backupCopyRetention = resourcePolicy<PlanTierConfig>({
  name: "backup-copy-retention",
  description: "Every copy action of a backup plan keeps its copies at least the tier's floor.",
  severity: "high",
  remediationSteps:
    "Set `lifecycle.deleteAfter` of each `copyActions` entry to at least the plan tier's " +
    "`retentionFloorDays` (or leave `lifecycle` unset to keep copies until deleted).",
  configSchema: { properties: planTierProperties },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings }) => {
    const tier = planTier(props, providerProps, config, findings);
    const floor = tier === undefined ? undefined : config.retentionFloorDays[tier];
    if (tier === undefined || floor === undefined) {
      return;
    }
    const rules = props.get("rules");
    if (rules.isUnknown) {
      findings.unknown(couldNotCheck(rules, `keep copies at least ${floor} days`));
      return;
    }
    for (const rule of rules.items()) {
      const actions = rule.get("copyActions");
      if (actions.isUnknown) {
        findings.unknown(couldNotCheck(actions, `keep copies at least ${floor} days`));
        continue;
      }
      for (const action of actions.items()) {
        checkRetentionFloor(findings, action.get("lifecycle"), floor, tier);
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// backup-cross-region-copy and backup-cross-account-copy

type Where = "region" | "account";

/**
 * Checks that the plan's rules copy somewhere else: every rule when `everyRule`, else at least one
 * rule (a resource counts as copied once any rule of its plan copies it, which is how AWS Backup
 * Audit Manager judges cross-region and cross-account protection). `elsewhere` answers for one
 * parsed ARN; `home` describes where the plan is, for messages.
 */
function checkCopiesElsewhere(
  findings: Findings,
  props: Prop,
  what: Where,
  home: string,
  everyRule: boolean,
  elsewhere: (destination: string) => boolean,
): void {
  const rules = props.get("rules");
  const need = `a copy to a vault in another ${what} than ${home}`;
  if (rules.isUnknown) {
    findings.unknown(couldNotCheck(rules, `include ${need}`));
    return;
  }
  const ruleFindings: Array<{ violation?: string; unknowns: string[] }> = [];
  let anyFound = false;
  for (const rule of rules.items()) {
    const actions = rule.get("copyActions");
    if (actions.isUnknown) {
      ruleFindings.push({ unknowns: [couldNotCheck(actions, `includes ${need}`)] });
      continue;
    }
    const items = actions.items();
    if (items.length === 0) {
      ruleFindings.push({ violation: mustBe(actions, `a list with ${need}`), unknowns: [] });
      continue;
    }
    const unknowns: string[] = [];
    let found = false;
    for (const action of items) {
      const arn = action.get("destinationVaultArn");
      if (arn.isUnknown) {
        unknowns.push(couldNotCheck(arn, `is in another ${what} than ${home}`));
        continue;
      }
      const text = arn.string();
      if (text !== undefined && elsewhere(text)) {
        found = true;
      }
    }
    if (found) {
      anyFound = true;
      continue;
    }
    ruleFindings.push(
      unknowns.length > 0
        ? { unknowns }
        : {
            violation: `[${actions.path}] copies only to vaults in ${home}, but must include ${need}.`,
            unknowns: [],
          },
    );
  }
  if (everyRule) {
    for (const finding of ruleFindings) {
      if (finding.violation !== undefined) findings.violation(finding.violation);
      finding.unknowns.forEach((u) => findings.unknown(u));
    }
    return;
  }
  if (anyFound) return;
  const unknowns = ruleFindings.flatMap((f) => f.unknowns);
  if (unknowns.length > 0) {
    unknowns.forEach((u) => findings.unknown(u));
    return;
  }
  findings.violation(
    `[${rules.path}] has no rule with ${need}, but at least one rule must have one.`,
  );
}

const everyRuleProperty = flag(
  "Require the copy on every rule of a plan; false accepts a plan once one of its rules copies (AWS Backup Audit Manager's view).",
  false,
);

export interface CrossRegionCopyConfig {
  readonly required: boolean;
  readonly homeRegion: string;
  readonly everyRule: boolean;
}

export const backupCrossRegionCopy = resourcePolicy<CrossRegionCopyConfig>({
  name: "backup-cross-region-copy",
  description:
    "Where required, every backup plan copies its recovery points to another region (at least one rule, or every rule).",
  severity: "high",
  remediationSteps:
    "Add a `copyActions` entry to each rule whose `destinationVaultArn` is a vault in another " +
    "region (a vault created with a `region` input or a provider for that region).",
  configSchema: {
    properties: {
      required: flag("Whether plans must copy to another region (true for production).", false),
      homeRegion: text(
        "Region of the plans when neither the plan's `region` nor its provider's says (empty: unknown).",
        "",
      ),
      everyRule: everyRuleProperty,
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings, args }) => {
    if (!config.required) {
      args.notApplicable("Cross-region copies are not required by this policy's configuration.");
    }
    const regionProp = props.get("region").isAbsent
      ? providerProps.get("region")
      : props.get("region");
    if (regionProp.isUnknown) {
      findings.unknown(couldNotCheck(regionProp, "differs from the copy destinations' regions"));
      return;
    }
    const region =
      regionProp.nonBlankString() ?? (config.homeRegion !== "" ? config.homeRegion : undefined);
    if (region === undefined) {
      findings.unknown(
        "could not check that the rules copy to another region, because the plan's region is set on neither the plan, its provider nor the policy config `homeRegion`.",
      );
      return;
    }
    checkCopiesElsewhere(
      findings,
      props,
      "region",
      show(region),
      config.everyRule,
      (destination) => {
        const arn = parseArn(destination);
        return arn !== undefined && arn.region !== "" && arn.region !== region;
      },
    );
  },
});

export interface CrossAccountCopyConfig {
  readonly required: boolean;
  readonly sourceAccountIds: readonly string[];
  readonly everyRule: boolean;
}

function providerAccounts(providerProps: Prop): string[] {
  const allowed = providerProps.get("allowedAccountIds");
  const text = allowed.string();
  let value: unknown = allowed.value;
  if (text !== undefined) {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      value = [];
    }
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export const backupCrossAccountCopy = resourcePolicy<CrossAccountCopyConfig>({
  name: "backup-cross-account-copy",
  description:
    "Where required, every backup plan copies its recovery points to another account (at least one rule, or every rule).",
  severity: "high",
  remediationSteps:
    "Add a `copyActions` entry to each rule whose `destinationVaultArn` is a vault in another account " +
    "of the organization (with cross-account backup enabled and a vault policy allowing " +
    "backup:CopyIntoBackupVault), and list the stack's own accounts in `sourceAccountIds`.",
  configSchema: {
    properties: {
      required: flag("Whether plans must copy to another account (true for production).", false),
      sourceAccountIds: list(
        "Accounts the stacks deploy into; a destination in any other account counts as another account. " +
          "The provider's `allowedAccountIds` are added.",
        [],
      ),
      everyRule: everyRuleProperty,
    },
  },
  resourceTypes: [T.backupPlan],
  validate: ({ props, providerProps, config, findings, args }) => {
    if (!config.required) {
      args.notApplicable("Cross-account copies are not required by this policy's configuration.");
    }
    const accounts = [...new Set([...config.sourceAccountIds, ...providerAccounts(providerProps)])];
    if (accounts.length === 0) {
      findings.unknown(
        "could not check that the rules copy to another account, because the plan's account is unknown: set `sourceAccountIds` in the policy config.",
      );
      return;
    }
    checkCopiesElsewhere(
      findings,
      props,
      "account",
      either(accounts.map((a) => show(a))),
      config.everyRule,
      (destination) => {
        const arn = parseArn(destination);
        return arn !== undefined && arn.account !== "" && !accounts.includes(arn.account);
      },
    );
  },
});

// ---------------------------------------------------------------------------------------------
// backup-vault-lock

export interface VaultLockConfig {
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  readonly requireComplianceMode: boolean;
}

export const backupVaultLock = stackPolicy<VaultLockConfig>({
  name: "backup-vault-lock",
  description:
    "Every backup vault has a vault lock whose minimum and maximum retention are within the configured bounds.",
  severity: "critical",
  remediationSteps:
    "Add an aws.backup.VaultLockConfiguration for each vault with `minRetentionDays` at least the " +
    "configured floor and `maxRetentionDays` at most the cap; set `changeableForDays` (>= 3) where " +
    "compliance mode is required (the lock becomes immutable after that many days).",
  configSchema: {
    properties: {
      minRetentionDays: days("Lowest allowed `minRetentionDays` of a vault lock.", 7),
      maxRetentionDays: days(
        "Highest allowed `maxRetentionDays` of a vault lock (which must be set).",
        3650,
      ),
      requireComplianceMode: flag(
        "Whether locks must set `changeableForDays` (compliance mode).",
        false,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.backupVault);
    const locks = stack.ofType(T.backupVaultLock);
    if (vaults.length === 0 && locks.length === 0) {
      args.notApplicable("The stack has no backup vault.");
    }
    const links = linkByName(locks, "backupVaultName", vaults, "name");
    for (const vault of vaults) {
      if (links.childrenOf(vault).length > 0) {
        continue;
      }
      const possible = links.possibleChildrenOf(vault);
      if (possible.length > 0) {
        findings.unknown(undeterminedNote(vault, possible));
        continue;
      }
      findings.violation(
        `${label(vault)} has no ${T.backupVaultLock}, so its recovery points can be deleted before their retention ends.`,
        vault.urn,
      );
    }
    for (const lock of locks) {
      const props = propsOf(lock);
      const owner = lock;
      expectProp(
        findings,
        props.get("minRetentionDays"),
        (p) => (p.number() ?? -Infinity) >= config.minRetentionDays,
        `at least ${config.minRetentionDays} days`,
        { owner },
      );
      expectProp(
        findings,
        props.get("maxRetentionDays"),
        (p) => (p.number() ?? Infinity) <= config.maxRetentionDays,
        `at most ${config.maxRetentionDays} days`,
        { owner },
      );
      if (config.requireComplianceMode) {
        expectProp(
          findings,
          props.get("changeableForDays"),
          (p) => (p.number() ?? -Infinity) >= 3,
          "at least 3 days, so that the lock enters compliance mode",
          { owner, expectation: "is set, so that the lock enters compliance mode" },
        );
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// backup-retention-within-vault-lock

interface LockRange {
  readonly lock: PolicyResource;
  readonly vault: PolicyResource;
  readonly min?: number;
  readonly max?: number;
}

function rangeText(range: LockRange): string {
  if (range.min !== undefined && range.max !== undefined) {
    return `from ${range.min} to ${range.max} days`;
  }
  return range.min !== undefined ? `at least ${range.min} days` : `at most ${range.max ?? 0} days`;
}

/** The lock ranges of a vault; undefined (with notes) when a bound is unknown. */
function lockRanges(
  vault: PolicyResource,
  locksOf: (vault: PolicyResource) => readonly PolicyResource[],
  findings: Findings,
  expectation: string,
): LockRange[] | undefined {
  const ranges: LockRange[] = [];
  for (const lock of locksOf(vault)) {
    const props = propsOf(lock);
    const min = props.get("minRetentionDays");
    const max = props.get("maxRetentionDays");
    const unknown = [min, max].find((p) => p.isUnknown);
    if (unknown !== undefined) {
      findings.unknown(couldNotCheck(unknown, expectation, lock));
      return undefined;
    }
    ranges.push({ lock, vault, min: min.number(), max: max.number() });
  }
  return ranges;
}

function outside(range: LockRange, retention: number | undefined): boolean {
  const below = range.min !== undefined && retention !== undefined && retention < range.min;
  const above = range.max !== undefined && (retention === undefined || retention > range.max);
  return below || above;
}

export const backupRetentionWithinVaultLock = stackPolicy<Record<string, never>>({
  name: "backup-retention-within-vault-lock",
  description:
    "Backup rule and copy retention falls inside the lock range of the vault it writes to (AWS fails the job otherwise).",
  severity: "high",
  remediationSteps:
    "Make `lifecycle.deleteAfter` of the rule (or copy action) fall within the target vault lock's " +
    "[`minRetentionDays`, `maxRetentionDays`], or adjust the lock. A rule without `deleteAfter` keeps " +
    "recovery points indefinitely, which a lock with `maxRetentionDays` refuses.",
  configSchema: { properties: {} },
  validate: ({ stack, findings, args }) => {
    const plans = stack.ofType(T.backupPlan);
    const vaults = stack.ofType(T.backupVault);
    const locks = stack.ofType(T.backupVaultLock);
    if (plans.length === 0 || locks.length === 0) {
      args.notApplicable("The stack has no backup plan writing to a locked vault.");
    }
    const links = linkByName(locks, "backupVaultName", vaults, "name");
    const vaultsByName = indexByName(vaults, "name");
    const vaultsByArn = indexByName(vaults, "arn");
    const vaultUrns = new Set(vaults.map((vault) => vault.urn));

    for (const plan of plans) {
      const props = propsOf(plan);
      const fedBy = dependencyUrns(plan, "rules").filter((urn) => vaultUrns.has(urn));
      const fallback = fedBy.map((urn) => stack.get(urn)).filter((v) => v !== undefined);
      const rules = props.get("rules");
      if (rules.isUnknown) {
        findings.unknown(
          couldNotCheck(rules, "keep recovery points within their vault locks", plan),
        );
        continue;
      }
      for (const rule of rules.items()) {
        const target = rule.get("targetVaultName");
        const targetName = target.string();
        const targets =
          targetName !== undefined
            ? (vaultsByName.get(targetName) ?? [])
            : target.isUnknown
              ? fallback
              : [];
        checkAgainstLocks(
          findings,
          plan,
          rule.get("lifecycle"),
          target,
          targets,
          links.childrenOf.bind(links),
        );
        const actions = rule.get("copyActions");
        for (const action of actions.items()) {
          const arnProp = action.get("destinationVaultArn");
          const arnText = arnProp.string();
          let destinations: PolicyResource[] = [];
          if (arnText !== undefined) {
            const parsed = parseArn(arnText);
            const name = parsed === undefined ? undefined : backupVaultNameOf(parsed);
            destinations =
              vaultsByArn.get(arnText) ??
              (name === undefined ? [] : (vaultsByName.get(name) ?? []));
            if (parsed !== undefined && !vaultsByArn.has(arnText)) {
              // A name alone may be another region's or account's vault: join only when both match.
              destinations = destinations.filter((vault) => {
                const provider = providerPropsOf(vault);
                const region =
                  propsOf(vault).get("region").string() ?? provider.get("region").string();
                const accounts = providerAccounts(provider);
                return (
                  region === parsed.region &&
                  (accounts.length === 0 || accounts.includes(parsed.account))
                );
              });
            }
          } else if (arnProp.isUnknown) {
            destinations = fallback.filter((vault) => !targets.includes(vault));
          }
          checkAgainstLocks(
            findings,
            plan,
            action.get("lifecycle"),
            arnProp,
            destinations,
            links.childrenOf.bind(links),
          );
        }
      }
    }
  },
});

function checkAgainstLocks(
  findings: Findings,
  plan: PolicyResource,
  lifecycle: Prop,
  vaultRef: Prop,
  vaults: readonly PolicyResource[],
  locksOf: (vault: PolicyResource) => readonly PolicyResource[],
): void {
  const locked = vaults.filter((vault) => locksOf(vault).length > 0);
  if (locked.length === 0) {
    return;
  }
  const deleteAfter = lifecycle.get("deleteAfter");
  const expectation = "falls within the lock range of the vault it writes to";
  if (deleteAfter.isUnknown) {
    findings.unknown(couldNotCheck(deleteAfter, expectation, plan));
    return;
  }
  const retention = deleteAfter.number();
  const outcomes: { range: LockRange; bad: boolean }[] = [];
  for (const vault of locked) {
    const ranges = lockRanges(vault, locksOf, findings, expectation);
    if (ranges === undefined) {
      return;
    }
    ranges.forEach((range) => outcomes.push({ range, bad: outside(range, retention) }));
  }
  const bad = outcomes.filter((outcome) => outcome.bad);
  if (bad.length === 0) {
    return;
  }
  if (bad.length < outcomes.length && vaults.length > 1) {
    findings.unknown(
      `could not check that ${label(plan)} [${deleteAfter.path}] ${expectation}, because [${vaultRef.path}] ${vaultRef.isUnknown ? "is unknown during preview and " : ""}may name several vaults with different locks.`,
    );
    return;
  }
  for (const { range } of bad) {
    const given = deleteAfter.isAbsent
      ? "is not set (recovery points kept indefinitely)"
      : stateOf(deleteAfter);
    findings.violation(
      `${label(plan)} [${deleteAfter.path}] ${given}, but must be ${rangeText(range)}: the lock ${label(range.lock)} on ${label(range.vault)} makes AWS fail backup jobs outside that range.`,
      plan.urn,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// backup-vault-deny-delete

export interface VaultDenyDeleteConfig {
  readonly deniedActions: readonly string[];
}

export const backupVaultDenyDelete = stackPolicy<VaultDenyDeleteConfig>({
  name: "backup-vault-deny-delete",
  description:
    "Every backup vault has an access policy denying everyone the deletion of recovery points and the shortening of their lifecycle.",
  severity: "high",
  remediationSteps:
    'Add an aws.backup.VaultPolicy with a statement `{"Effect": "Deny", "Principal": "*", "Action": ' +
    '["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], "Resource": "*"}` ' +
    "(a Condition exempting a break-glass role is allowed).",
  configSchema: {
    properties: {
      deniedActions: list("Actions the vault policy must deny to every principal.", [
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
      ]),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.backupVault);
    if (vaults.length === 0) {
      args.notApplicable("The stack has no backup vault.");
    }
    const policies = stack.ofType(T.backupVaultPolicy);
    const links = linkByName(policies, "backupVaultName", vaults, "name");
    const actions = either(config.deniedActions, "and");
    for (const vault of vaults) {
      const attached = links.childrenOf(vault);
      if (attached.length === 0) {
        const possible = links.possibleChildrenOf(vault);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(vault, possible));
        } else {
          findings.violation(
            `${label(vault)} has no ${T.backupVaultPolicy}, but must have one that denies ${actions} to every principal.`,
            vault.urn,
          );
        }
        continue;
      }
      for (const policy of attached) {
        const prop = propsOf(policy).get("policy");
        const document = readPolicyDocument(prop);
        if (document.kind === "unknown") {
          findings.unknown(couldNotCheck(prop, `denies ${actions} to every principal`, policy));
          continue;
        }
        if (document.kind !== "ok") {
          findings.violation(
            `${label(policy)} [policy] ${document.kind === "absent" ? "is not set" : document.reason}, but must deny ${actions} to every principal.`,
            policy.urn,
          );
          continue;
        }
        const missing = config.deniedActions.filter(
          (action) =>
            !document.statements.some(
              (s) => s.effect === "Deny" && isEveryone(s.principal) && coversAction(s, action),
            ),
        );
        if (missing.length > 0) {
          findings.violation(
            `${label(policy)} [policy] does not deny ${either(missing, "and")} to every principal ("Principal": "*"), but must.`,
            policy.urn,
          );
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// S3 archives

export interface ArchiveObjectLockConfig extends RoleConventionConfig {
  readonly minRetentionDays: number;
  readonly allowedModes: readonly string[];
}

interface RetentionBlock {
  readonly owner: PolicyResource;
  readonly block: Prop;
}

/** Inline default retentions of either bucket family. */
function inlineRetentions(bucket: PolicyResource): RetentionBlock[] {
  const config = propsOf(bucket).get("objectLockConfiguration");
  const blocks: Prop[] = [];
  for (const rule of [config.get("rule"), ...config.get("rules").items()]) {
    blocks.push(
      ...rule.get("defaultRetention").blocks(),
      ...rule.get("defaultRetentions").blocks(),
    );
  }
  return blocks.map((block) => ({ owner: bucket, block }));
}

function lockEnabled(bucket: PolicyResource): Prop {
  const props = propsOf(bucket);
  const flagProp = props.get("objectLockEnabled");
  if (flagProp.boolean() === true || flagProp.isUnknown) {
    return flagProp;
  }
  const inline = props.get("objectLockConfiguration").get("objectLockEnabled");
  return inline.isUnknown || inline.string() === "Enabled" ? inline : flagProp;
}

/** Days a default retention block keeps objects (`days`, or `years` as 365 days each). */
function retentionDays(block: Prop): number | "unknown" | undefined {
  const daysProp = block.get("days");
  const yearsProp = block.get("years");
  if (block.isUnknown || daysProp.isUnknown || yearsProp.isUnknown) {
    return "unknown";
  }
  const years = yearsProp.number();
  return daysProp.number() ?? (years === undefined ? undefined : years * 365);
}

/**
 * Whether the bucket's default Object Lock retention keeps every object version at least `floor`
 * days, so that no lifecycle rule can delete archive data sooner.
 */
function lockCovers(
  bucket: PolicyResource,
  locks: BucketSettings,
  floor: number,
): boolean | "unknown" {
  const blocks = inlineRetentions(bucket).map((entry) => entry.block);
  for (const resource of locks.of(bucket)) {
    const rule = propsOf(resource).get("rule");
    if (rule.isUnknown) {
      return "unknown";
    }
    blocks.push(...rule.get("defaultRetention").blocks());
  }
  const lengths = blocks.map(retentionDays);
  if (lengths.includes("unknown")) {
    return "unknown";
  }
  const known = lengths.filter((n): n is number => typeof n === "number");
  if (known.length > 0 && Math.min(...known) >= floor) {
    return true;
  }
  return locks.possiblyOf(bucket).length > 0 ? "unknown" : false;
}

export const s3ArchiveObjectLock = stackPolicy<ArchiveObjectLockConfig>({
  name: "s3-archive-object-lock",
  description:
    "Buckets holding backups or archives have S3 Object Lock with an allowed mode and a default retention of at least the floor.",
  severity: "critical",
  remediationSteps:
    "Create the bucket with `objectLockEnabled: true` and add an aws.s3.BucketObjectLockConfiguration " +
    "whose `rule.defaultRetention` has an allowed `mode` (COMPLIANCE for production) and `days` (or " +
    "`years`) of at least the floor.",
  configSchema: {
    properties: {
      ...roleConventionProperties,
      minRetentionDays: days("Lowest allowed default retention of archive buckets, in days.", 365),
      allowedModes: {
        ...list("Allowed Object Lock modes.", ["COMPLIANCE", "GOVERNANCE"]),
        items: { type: "string", enum: ["COMPLIANCE", "GOVERNANCE"] },
        minItems: 1,
      },
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "objectLock");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
    }
    const floor = config.minRetentionDays;
    for (const bucket of buckets) {
      const enabled = lockEnabled(bucket);
      expectProp(
        findings,
        enabled,
        (p) => p.boolean() === true || p.string() === "Enabled",
        "true",
        {
          owner: bucket,
          expectation: "is true",
        },
      );
      const retentions: RetentionBlock[] = [...inlineRetentions(bucket)];
      for (const resource of settings.of(bucket)) {
        const rule = propsOf(resource).get("rule");
        retentions.push(
          ...rule
            .get("defaultRetention")
            .blocks()
            .map((block) => ({ owner: resource, block })),
        );
        const unknown = [rule, rule.get("defaultRetention")].find((p) => p.isUnknown);
        if (unknown !== undefined) {
          findings.unknown(
            couldNotCheck(unknown, `sets a default retention of at least ${floor} days`, resource),
          );
        }
      }
      if (retentions.length === 0) {
        const possible = settings.possiblyOf(bucket);
        if (possible.length > 0) {
          findings.unknown(undeterminedNote(bucket, possible));
        } else if (!settings.of(bucket).some((r) => propsOf(r).get("rule").isUnknown)) {
          findings.violation(
            `${label(bucket)} has no default Object Lock retention (neither objectLockConfiguration nor a ${T.bucketObjectLock}), but must retain objects at least ${floor} days.`,
            bucket.urn,
          );
        }
        continue;
      }
      for (const { owner, block } of retentions) {
        expectProp(
          findings,
          block.get("mode"),
          (p) => config.allowedModes.includes(p.string() ?? ""),
          either(config.allowedModes.map((m) => show(m))),
          { owner },
        );
        const daysProp = block.get("days");
        const yearsProp = block.get("years");
        const unknown = [daysProp, yearsProp].find((p) => p.isUnknown);
        if (unknown !== undefined) {
          findings.unknown(couldNotCheck(unknown, `is at least ${floor} days`, owner));
          continue;
        }
        const dayCount = daysProp.number() ?? (yearsProp.number() ?? 0) * 365;
        if (dayCount < floor) {
          const given = daysProp.isKnown ? daysProp : yearsProp.isKnown ? yearsProp : daysProp;
          findings.violation(
            mustBe(
              given,
              `a retention of at least ${floor} days${given === yearsProp ? ` (${dayCount} days given)` : ""}`,
              owner,
            ),
            owner.urn,
          );
        }
      }
    }
  },
});

export type ArchiveVersioningConfig = RoleConventionConfig;

export const s3ArchiveVersioning = stackPolicy<ArchiveVersioningConfig>({
  name: "s3-archive-versioning",
  description: "Buckets holding backups or archives have versioning enabled.",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketVersioning with `versioningConfiguration.status: "Enabled"` for the bucket ' +
    "(S3 Object Lock also turns versioning on for good).",
  configSchema: { properties: { ...roleConventionProperties } },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "versioning");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
    }
    for (const bucket of buckets) {
      const separate = settings.of(bucket);
      if (separate.length > 0) {
        for (const resource of separate) {
          expectProp(
            findings,
            propsOf(resource).get("versioningConfiguration").get("status"),
            (p) => p.string() === "Enabled",
            '"Enabled"',
            { owner: resource },
          );
        }
        continue;
      }
      const props = propsOf(bucket);
      const inline = [...props.get("versioning").blocks(), ...props.get("versionings").items()].map(
        (b) => b.get("enabled"),
      );
      const lock = lockEnabled(bucket);
      if (
        inline.some((p) => p.boolean() === true) ||
        lock.boolean() === true ||
        lock.string() === "Enabled"
      ) {
        continue;
      }
      const unknown = [...inline, props.get("versioning"), props.get("versionings"), lock].find(
        (p) => p.isUnknown,
      );
      const possible = settings.possiblyOf(bucket);
      if (unknown !== undefined) {
        findings.unknown(couldNotCheck(unknown, "turns versioning on", bucket));
      } else if (possible.length > 0) {
        findings.unknown(undeterminedNote(bucket, possible));
      } else {
        findings.violation(
          `${label(bucket)} has versioning off (no ${T.bucketVersioning} with status "Enabled", no versioning.enabled, no Object Lock), but must have it on.`,
          bucket.urn,
        );
      }
    }
  },
});

export interface ArchiveLifecycleConfig extends RoleConventionConfig {
  readonly minRetentionDays: number;
  readonly creditObjectLock: boolean;
}

export const s3ArchiveLifecycle = stackPolicy<ArchiveLifecycleConfig>({
  name: "s3-archive-lifecycle",
  description:
    "Lifecycle rules of buckets holding backups or archives never delete objects (current or noncurrent versions) before the floor, unless Object Lock already keeps every version that long.",
  severity: "high",
  remediationSteps:
    "Raise `expiration.days` and `noncurrentVersionExpiration.noncurrentDays` of every enabled " +
    "lifecycle rule of the bucket to at least the floor, and expire by days rather than on a date.",
  configSchema: {
    properties: {
      ...roleConventionProperties,
      minRetentionDays: days("Shortest allowed expiration of archive objects, in days.", 365),
      creditObjectLock: flag(
        "Whether a default Object Lock retention of at least the floor satisfies the policy (lifecycle cannot delete locked versions).",
        true,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const settings = BucketSettings.join(stack, "lifecycle");
    const locks = BucketSettings.join(stack, "objectLock");
    const buckets = backupBuckets(settings.buckets, config, findings);
    if (buckets.length === 0) {
      args.notApplicable("The stack has no bucket tagged as holding backups or archives.");
    }
    const floor = config.minRetentionDays;
    const need = `at least ${floor} days`;
    for (const bucket of buckets) {
      const props = propsOf(bucket);
      const checks: { owner: PolicyResource; rule: Prop; enabled: Prop; expiries: Prop[] }[] = [];
      for (const rule of props.get("lifecycleRules").items()) {
        checks.push({
          owner: bucket,
          rule,
          enabled: rule.get("enabled"),
          expiries: [
            ...rule.get("expiration").blocks(),
            ...rule.get("expirations").items(),
            ...rule.get("noncurrentVersionExpiration").blocks(),
            ...rule.get("noncurrentVersionExpirations").items(),
          ],
        });
      }
      for (const resource of settings.of(bucket)) {
        const rules = propsOf(resource).get("rules");
        if (rules.isUnknown) {
          findings.unknown(
            couldNotCheck(rules, `expire objects no sooner than ${floor} days`, resource),
          );
        }
        for (const rule of rules.items()) {
          const status = rule.get("status");
          checks.push({
            owner: resource,
            rule,
            enabled: status.isKnown
              ? Prop.known(status.path, status.string() === "Enabled")
              : status,
            expiries: [
              ...rule.get("expiration").blocks(),
              ...rule.get("noncurrentVersionExpiration").blocks(),
            ],
          });
        }
      }
      const covered = config.creditObjectLock ? lockCovers(bucket, locks, floor) : false;
      if (covered === true) {
        continue;
      }
      // Violations wait until it is clear whether an Object Lock of unknown length covers them.
      const early: { message: string; urn: string }[] = [];
      for (const { owner, rule, enabled, expiries } of checks) {
        if (enabled.isKnown && enabled.boolean() !== true) {
          continue;
        }
        for (const expiry of expiries) {
          for (const key of ["days", "noncurrentDays"]) {
            const value = expiry.get(key);
            if (value.isAbsent) {
              continue;
            }
            if (value.isUnknown || enabled.isUnknown) {
              findings.unknown(
                couldNotCheck(
                  value.isUnknown ? value : enabled,
                  `expires objects no sooner than ${floor} days`,
                  owner,
                ),
              );
              continue;
            }
            if ((value.number() ?? -Infinity) < floor) {
              early.push({ message: mustBe(value, need, owner), urn: owner.urn });
            }
          }
          const date = expiry.get("date");
          if (date.isKnown) {
            early.push({
              message: `${label(owner)} [${date.path}] ${stateOf(date)}, but archive objects must expire by age (${need}), not on a date.`,
              urn: owner.urn,
            });
          }
        }
        if (rule.isUnknown) {
          findings.unknown(
            couldNotCheck(rule, `expires objects no sooner than ${floor} days`, owner),
          );
        }
      }
      if (early.length > 0 && covered === "unknown") {
        findings.unknown(
          `could not check that ${label(bucket)} keeps objects at least ${floor} days, because its lifecycle expires them sooner and its Object Lock default retention is unknown during preview.`,
        );
      } else {
        early.forEach(({ message, urn }) => findings.violation(message, urn));
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// glacier-vault-lock

export interface GlacierVaultLockConfig {
  readonly minArchiveAgeDays: number;
  readonly requireCompleteLock: boolean;
}

export const glacierVaultLock = stackPolicy<GlacierVaultLockConfig>({
  name: "glacier-vault-lock",
  description:
    "Every Glacier vault has a completed Vault Lock whose policy denies deleting archives younger than the floor.",
  severity: "critical",
  remediationSteps:
    "Add an aws.glacier.VaultLock with `completeLock: true` and a policy with a Deny statement for " +
    '`glacier:DeleteArchive` under `"NumericLessThan": {"glacier:ArchiveAgeInDays": "<days>"}` where ' +
    "days is at least the floor. Completing a lock is irreversible.",
  configSchema: {
    properties: {
      minArchiveAgeDays: days("Lowest allowed archive age before deletion, in days.", 365),
      requireCompleteLock: flag(
        "Whether locks must be completed (`completeLock: true`, irreversible); false lets test stacks keep them abortable.",
        true,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const vaults = stack.ofType(T.glacierVault);
    const locks = stack.ofType(T.glacierVaultLock);
    if (vaults.length === 0 && locks.length === 0) {
      args.notApplicable("The stack has no Glacier vault.");
    }
    const links = linkByName(locks, "vaultName", vaults, "name");
    for (const vault of vaults) {
      if (links.childrenOf(vault).length > 0) {
        continue;
      }
      const possible = links.possibleChildrenOf(vault);
      if (possible.length > 0) {
        findings.unknown(undeterminedNote(vault, possible));
      } else {
        findings.violation(
          `${label(vault)} has no ${T.glacierVaultLock}, so its archives can be deleted at any time.`,
          vault.urn,
        );
      }
    }
    const floor = config.minArchiveAgeDays;
    for (const lock of locks) {
      const props = propsOf(lock);
      if (config.requireCompleteLock) {
        expectProp(findings, props.get("completeLock"), (p) => p.boolean() === true, "true", {
          owner: lock,
        });
      }
      const prop = props.get("policy");
      const document = readPolicyDocument(prop);
      const need = `deny glacier:DeleteArchive while glacier:ArchiveAgeInDays is below at least ${floor}`;
      if (document.kind === "unknown") {
        findings.unknown(
          couldNotCheck(
            prop,
            `denies glacier:DeleteArchive for archives younger than ${floor} days`,
            lock,
          ),
        );
        continue;
      }
      if (document.kind !== "ok") {
        findings.violation(
          `${label(lock)} [policy] ${document.kind === "absent" ? "is not set" : document.reason}, but must ${need}.`,
          lock.urn,
        );
        continue;
      }
      const ages = document.statements
        .filter((s) => s.effect === "Deny" && coversAction(s, "glacier:DeleteArchive"))
        .flatMap((s) =>
          conditionValues(s, "NumericLessThan", "glacier:ArchiveAgeInDays").map(Number),
        )
        .filter((n) => Number.isFinite(n));
      if (ages.length === 0) {
        findings.violation(
          `${label(lock)} [policy] has no Deny of glacier:DeleteArchive under NumericLessThan glacier:ArchiveAgeInDays, but must ${need}.`,
          lock.urn,
        );
      } else if (Math.max(...ages) < floor) {
        findings.violation(
          `${label(lock)} [policy] denies glacier:DeleteArchive only while glacier:ArchiveAgeInDays is below ${Math.max(...ages)}, but the age must be at least ${floor} days.`,
          lock.urn,
        );
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// rds-backup-retention and dynamodb-point-in-time-recovery

export interface RdsBackupRetentionConfig {
  readonly minRetentionDays: number;
}

export const rdsBackupRetention = resourcePolicy<RdsBackupRetentionConfig>({
  name: "rds-backup-retention",
  description:
    "RDS instances and clusters keep automated backups at least the floor (0 turns them off).",
  severity: "high",
  remediationSteps:
    "Set `backupRetentionPeriod` to at least the floor (at most 35 days, the RDS maximum). A missing " +
    "value means the AWS default of 1 day.",
  configSchema: {
    properties: {
      minRetentionDays: days("Lowest allowed `backupRetentionPeriod`, in days.", 7, 35),
    },
  },
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  validate: ({ props, config, findings }) => {
    const retention = props.get("backupRetentionPeriod");
    const floor = config.minRetentionDays;
    if (retention.isAbsent) {
      findings.violation(
        `[backupRetentionPeriod] is not set, so AWS keeps automated backups 1 day, but must be at least ${floor} days.`,
      );
      return;
    }
    const value = retention.number();
    if (value === 0) {
      findings.violation(
        `[backupRetentionPeriod] is 0, which turns automated backups off, but must be at least ${floor} days.`,
      );
      return;
    }
    expectProp(findings, retention, () => (value ?? -Infinity) >= floor, `at least ${floor} days`);
  },
});

export const dynamodbPointInTimeRecovery = resourcePolicy<Record<string, never>>({
  name: "dynamodb-point-in-time-recovery",
  description: "DynamoDB tables have point-in-time recovery enabled.",
  severity: "high",
  remediationSteps: "Set `pointInTimeRecovery: { enabled: true }` on the table.",
  configSchema: { properties: {} },
  resourceTypes: [T.dynamodbTable],
  validate: ({ props, findings }) => {
    expectProp(
      findings,
      props.get("pointInTimeRecovery").get("enabled"),
      (p) => p.boolean() === true,
      "true",
    );
  },
});

export const retentionPolicies = [
  backupPlanFrequencyAndRetention,
  backupCopyRetention,
  backupCrossRegionCopy,
  backupCrossAccountCopy,
  backupVaultLock,
  backupRetentionWithinVaultLock,
  backupVaultDenyDelete,
  s3ArchiveObjectLock,
  s3ArchiveVersioning,
  s3ArchiveLifecycle,
  glacierVaultLock,
  rdsBackupRetention,
  dynamodbPointInTimeRecovery,
];
