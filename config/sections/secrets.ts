/**
 * The `hybrid-backup:secrets` section: values that must never appear in a stack file in clear,
 * each set with `pulumi config set --secret --path 'secrets.<map>.<name>' <value>`. The topology
 * wraps every one of them with `pulumi.secret`. The stack files need none of them: gateways can be
 * activated by IP address and AWS generates BGP keys when none is given.
 */
import { type Issues, clearTextLeaves } from "../../core";
import * as s from "../schema";

const NAME_KEY = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const NAME_RULE = "1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen";

export const secretsSchema = s.object(
  {
    activationKeys: s.optional(
      s.record(
        s.secretString({
          description: "Activation key of the gateway (1-50 characters).",
          maxLength: 50,
        }),
        {
          description:
            "Activation keys of the gateways that have no gatewayIpAddress, by gateway name `<site>-gw-<n>`.",
          keyPattern: NAME_KEY,
          keyRule: NAME_RULE,
        },
      ),
      {},
    ),
    bgpAuthKeys: s.optional(
      s.record(
        s.secretString({
          description: "BGP MD5 key of the virtual interface (6-80 characters).",
          maxLength: 80,
        }),
        {
          description:
            "BGP keys of Direct Connect virtual interfaces, by interface name; AWS generates one for an interface without.",
          keyPattern: NAME_KEY,
          keyRule: NAME_RULE,
        },
      ),
      {},
    ),
    macsecKeys: s.optional(
      s.record(
        s.object(
          {
            ckn: s.secretString({
              description: "MACsec connectivity association key name (64 hexadecimal digits).",
              maxLength: 64,
            }),
            cak: s.secretString({
              description: "MACsec connectivity association key (64 hexadecimal digits).",
              maxLength: 64,
            }),
          },
          { description: "A MACsec CKN/CAK pair." },
        ),
        {
          description: "MACsec keys of dedicated Direct Connect connections, by connection name.",
          keyPattern: NAME_KEY,
          keyRule: NAME_RULE,
        },
      ),
      {},
    ),
  },
  {
    description:
      "Secret values, set with `pulumi config set --secret --path 'secrets.<map>.<name>' <value>`.",
  },
);

export type SecretsSection = s.Infer<typeof secretsSchema>;

export const NO_SECRETS: SecretsSection = { activationKeys: {}, bgpAuthKeys: {}, macsecKeys: {} };

/** The config key of the section, with its namespace. */
export const SECRETS_KEY = "hybrid-backup:secrets";

/**
 * Records a refusal for every secret written in clear text. `stackFileValue` is the section as
 * written in `Pulumi.<stack>.yaml`, where each encrypted value is a `secure:` map; without the
 * file, `value` is what the program received and `isSecret` whether Pulumi marked the key secret.
 */
export function checkSecretsInClear(
  section: {
    readonly value: unknown;
    readonly isSecret: boolean;
    readonly stackFileValue?: unknown;
  },
  issues: Issues,
): void {
  if (section.value === undefined && section.stackFileValue === undefined) return;
  const leaves =
    section.stackFileValue !== undefined
      ? clearTextLeaves(section.stackFileValue, SECRETS_KEY)
      : section.isSecret
        ? []
        : clearTextLeaves(section.value, SECRETS_KEY);
  for (const path of leaves) {
    const key = path.slice(SECRETS_KEY.length - "secrets".length);
    issues
      .elsewhere(path)
      .add(
        `holds a value in clear text, but a secret must be stored encrypted: remove it from the stack file and set it with \`pulumi config set --secret --path '${key}' <value>\` (the value is not shown).`,
      );
  }
}
