/**
 * The configuration of one stack: every `hybrid-backup:*` key of `Pulumi.<stack>.yaml`, parsed and
 * validated by a pure function before any resource is created.
 *
 * Each top-level key is a section declared in `config/sections/`. Shape rules (types, required and
 * unknown keys, enumerations) come from the section's schema; AWS rules that involve several
 * values come from the section's checks, which call the same validators the components use, so a
 * value is judged the same way whether it comes from a stack file or from another program.
 */
import {
  AWS_REGIONS,
  DEFAULT_TIER_TAG_KEY,
  isAwsRegion,
  Issues,
  type Issue,
  show,
  redact,
  secretTexts,
} from "../core";
import { type ResolvedStack, resolveStack } from "./resolved-stack";
import * as s from "./schema";
import {
  accountsSchema,
  checkDataHolders,
  environmentSchema,
  protectSchema,
  retainOnDeleteSchema,
  taggingSchema,
} from "./sections/core";
import { backupSchema, checkBackupAudit, checkBackupProtections } from "./sections/backup";
import { archiveSchema, checkArchiveReplication } from "./sections/archive";
import { checkSites, sitesSchema } from "./sections/sites";
import { checkDirectConnect, directConnectSchema } from "./sections/direct-connect";
import { secretsSchema } from "./sections/secrets";
import { checkDisasterRecovery, drSchema } from "./sections/dr";
import { checkObjectives, objectivesSettingsSchema } from "./sections/objectives";
import { checkVaultAccess } from "./sections/vault-access";
import { checkUploaderTrustAccounts } from "./sections/uploader-trust";
import { checkRestoreTestingSchedules } from "./sections/restore-schedules";

/** The config namespace of this project (the `name` in Pulumi.yaml). */
export const PROJECT = "hybrid-backup";
export const NAMESPACE = `${PROJECT}:`;

/** Every section, keyed by its config key (without the namespace). */
export const sections = {
  environment: environmentSchema,
  accounts: accountsSchema,
  tagging: s.optional(taggingSchema, {
    tierKey: DEFAULT_TIER_TAG_KEY,
    exemptReasonKey: "backup-exempt-reason",
    common: {},
  }),
  protect: s.optional(protectSchema, false),
  retainOnDelete: s.optional(retainOnDeleteSchema, true),
  backup: backupSchema,
  archive: s.optional(archiveSchema),
  sites: s.optional(sitesSchema, []),
  directConnect: s.optional(directConnectSchema),
  secrets: s.optional(secretsSchema, { activationKeys: {}, bgpAuthKeys: {}, macsecKeys: {} }),
  dr: s.optional(drSchema),
  objectives: s.optional(objectivesSettingsSchema, { priceAs: {} }),
};

export const stackConfigSchema = s.object(sections, {
  description: "The whole stack configuration.",
});

/** The parsed sections of one stack, plus the AWS region from `aws:region`. */
export type StackSettings = s.Infer<typeof stackConfigSchema> & { readonly region: string };

/** The validated model of one stack: its settings and what they resolve to. */
export type StackConfig = StackSettings & { readonly resolved: ResolvedStack };

/** A check across sections or against AWS rules; records issues, never throws. */
export type StackCheck = (config: StackSettings, issues: Issues) => void;

/** Checks run once every section parsed. Sections register theirs here. */
export const stackChecks: StackCheck[] = [];
stackChecks.push(checkDataHolders);
stackChecks.push(checkArchiveReplication);
stackChecks.push(checkSites, checkDirectConnect);
stackChecks.push(checkDisasterRecovery);
stackChecks.push(checkVaultAccess, checkUploaderTrustAccounts, checkRestoreTestingSchedules);
stackChecks.push(checkBackupAudit, checkBackupProtections);
stackChecks.push(checkObjectives);

export interface ValidationResult {
  readonly config?: StackConfig;
  readonly issues: readonly Issue[];
}

/**
 * Validates raw stack config: `values` maps each key of the project namespace (without the
 * namespace) to its parsed YAML value; `region` is the value of `aws:region`.
 */
export function validateStackConfig(
  values: Readonly<Record<string, unknown>>,
  region: unknown,
): ValidationResult {
  const issues = new Issues(NAMESPACE);
  const regionIssues = issues.elsewhere("aws:region");
  let validRegion: string | undefined;
  if (region === undefined || region === null || region === "") {
    regionIssues.add(
      "is missing; set it with `pulumi config set aws:region <region>` (for example us-east-1).",
    );
  } else if (typeof region !== "string" || !isAwsRegion(region)) {
    regionIssues.add(
      `is ${show(region)}, but must be an AWS region name such as us-east-1, us-west-2, eu-central-1 or eu-west-1 (${AWS_REGIONS.length} regions are known).`,
    );
  } else {
    validRegion = region;
  }
  const parsed = stackConfigSchema.parse(values, issues);
  if (parsed === undefined || validRegion === undefined) {
    return { issues: withoutSecrets(issues.all, values) };
  }
  const settings: StackSettings = { ...parsed, region: validRegion };
  for (const check of stackChecks) {
    check(settings, issues);
  }
  if (issues.count > 0) return { issues: withoutSecrets(issues.all, values) };
  return { config: { ...settings, resolved: resolveStack(settings) }, issues: [] };
}

/** The shortest bare text redacted in and outside the secrets section's messages. */
const MIN_BARE_IN_SECRETS = 4;
const MIN_BARE_ELSEWHERE = 6;

/** `issues` with every value of `hybrid-backup:secrets` taken out of their messages. */
export function withoutSecrets(
  issues: readonly Issue[],
  values: Readonly<Record<string, unknown>>,
): Issue[] {
  const texts = secretTexts(values.secrets);
  const secretsPath = `${NAMESPACE}secrets`;
  return issues.map((issue) => ({
    path: issue.path,
    message: redact(
      issue.message,
      texts,
      issue.path.startsWith(secretsPath) ? MIN_BARE_IN_SECRETS : MIN_BARE_ELSEWHERE,
    ),
  }));
}
