/**
 * The stack-wide settings: environment name, accounts, the backup tag convention and protection.
 */
import { ACCOUNT_ID_PATTERN, DEFAULT_TIER_TAG_KEY, ROLE_ARN, type Issues } from "../../core";
import * as s from "../schema";

export const accountIdSchema = (description: string) =>
  s.string({
    description,
    pattern: ACCOUNT_ID_PATTERN,
    rule: "an AWS account id of exactly 12 digits (quote it in YAML)",
  });

export const environmentSchema = s.string({
  description: "Name of the environment; prefixes every resource name (e.g. prod, staging).",
  pattern: /^[a-z][a-z0-9-]{1,15}$/,
  rule: "2-16 lowercase letters, digits or hyphens, starting with a letter",
});

export const accountsSchema = s.object(
  {
    workload: accountIdSchema("The account this stack deploys into: the source of every backup."),
    managementAccount: s.optional(
      s.boolean({
        description:
          "True when the workload account is the AWS Organizations management account, so the stack may manage organization-wide backup settings.",
      }),
      false,
    ),
    deployRoleArns: s.optional(
      s.array(
        s.string({
          description: "An IAM role ARN.",
          pattern: ROLE_ARN.pattern,
          rule: ROLE_ARN.rule,
        }),
        {
          description:
            "The roles that deploy the stack into the workload account (CI and people): they may manage the vault access policy but never delete recovery points, and none of them may be a break-glass role.",
        },
      ),
      [],
    ),
    organizationId: s.optional(
      s.string({
        description:
          "The AWS Organizations id (o-...), used in policies that admit the whole organization.",
        pattern: /^o-[a-z0-9]{10,32}$/,
        rule: 'an organization id like "o-" followed by 10-32 lowercase letters or digits',
      }),
    ),
  },
  { description: "The AWS accounts of the topology." },
);

export const DEFAULT_EXEMPT_REASON_TAG_KEY = "backup-exempt-reason";
/** The tier value that marks a resource as deliberately not backed up (with a reason tag). */
export const EXEMPT_TIER_VALUE = "none";

const tagKey = (description: string) =>
  s.string({
    description,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
    rule: "1-128 letters, digits, spaces or _.:/=+-@ (an AWS tag key)",
  });

export const taggingSchema = s.object(
  {
    tierKey: s.optional(
      tagKey("Tag key whose value names the backup tier of a resource (or `none`)."),
      DEFAULT_TIER_TAG_KEY,
    ),
    exemptReasonKey: s.optional(
      tagKey("Tag key that must say why a resource tagged with tier `none` is not backed up."),
      DEFAULT_EXEMPT_REASON_TAG_KEY,
    ),
    common: s.optional(
      s.record(s.string({ description: "Tag value.", maxLength: 256 }), {
        description: "Tags put on every resource the stack creates (owner, cost center, ...).",
        keyPattern: /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
        keyRule: "1-128 letters, digits, spaces or _.:/=+-@ and not starting with aws:",
      }),
      {},
    ),
  },
  {
    description: "The backup tag convention shared by components, selections and the policy pack.",
  },
);

export const retainOnDeleteSchema = s.boolean({
  description:
    "Leaves every data holder (keys, vaults, locks, vault policies, buckets and their Object Lock configurations, Glacier vaults and locks, stored volumes, gateways) in AWS when it leaves the program or the stack is destroyed. Default true; false only for a stack that holds no data worth keeping, and never with protect: true.",
});

export const protectSchema = s.boolean({
  description:
    "Marks vaults, vault locks, keys that encrypt recovery points, stored volumes and archives with Pulumi `protect`, so that no `pulumi destroy` or refactoring deletes them.",
});

/** A stack lets `pulumi destroy` delete its data only when nothing else protects it. */
export function checkDataHolders(
  config: { readonly protect: boolean; readonly retainOnDelete: boolean },
  issues: Issues,
): void {
  if (config.protect && !config.retainOnDelete) {
    issues
      .at("retainOnDelete")
      .add(
        "is false, but hybrid-backup:protect is true: a protected stack keeps its data holders when they leave the program; remove retainOnDelete or set protect to false.",
      );
  }
}
