/**
 * Policy config the way the Pulumi CLI builds it: every policy starts from its own enforcement
 * level and the `default` of each property of its config schema, then the pack's initial config
 * and the user's `--policy-config` file are laid on top (the key `all` sets the enforcement level
 * of every policy), and the result is checked against the schemas.
 *
 * Unlike the CLI, a user config naming a policy the pack does not have is rejected, since a
 * misspelt name would otherwise silently change nothing.
 */
import * as fs from "node:fs";
import { isRecord } from "../../core/records";
import { Issues, ValidationError, show } from "../../core/validation";
import type { EnforcementLevel, JsonSchema, PackInfo, PolicyConfig } from "./client";
import { checkAgainstSchema } from "./config-schema";
import { schemaDefaults } from "./engine-emulation";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const LEVEL_LIST = LEVELS.map((level) => show(level)).join(", ");

/** Config by policy name, as read from a `--policy-config` file. */
export type UserPolicyConfig = Readonly<Record<string, PolicyConfig>>;

/** The JSON content of a `--policy-config` file. */
export type PolicyConfigJson = Readonly<Record<string, unknown>>;

/** Bad policy config: the message lists every problem, each at its key path. */
export class PolicyConfigError extends ValidationError {
  constructor(subject: string, issues: ValidationError["issues"]) {
    super(subject, issues);
    this.name = "PolicyConfigError";
  }
}

function isLevel(value: unknown): value is EnforcementLevel {
  return LEVELS.includes(value as EnforcementLevel);
}

/**
 * Reads the JSON of a policy config file, `{ "<policy>": "<level>" | { enforcementLevel?, ...props } }`.
 * Throws a {@link PolicyConfigError} naming every bad entry.
 */
export function parsePolicyConfig(raw: unknown, source?: string): UserPolicyConfig {
  const subject = source === undefined ? "Policy config" : `Policy config ${source}`;
  if (!isRecord(raw)) {
    const issues = new Issues(source ?? "policy config");
    issues.add(`is ${show(raw)}, but must be an object mapping policy names to their config.`);
    throw new PolicyConfigError(subject, issues.all);
  }
  const issues = new Issues();
  const result: Record<string, PolicyConfig> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "string") {
      if (isLevel(value)) {
        result[name] = { enforcementLevel: value };
      } else {
        issues.at(name).add(`is ${show(value)}, but must be one of ${LEVEL_LIST}.`);
      }
      continue;
    }
    if (!isRecord(value)) {
      issues
        .at(name)
        .add(
          `is ${show(value)}, but must be an enforcement level or an object of config properties.`,
        );
      continue;
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
      issues
        .at(name)
        .at("enforcementLevel")
        .add(`is ${show(enforcementLevel)}, but must be one of ${LEVEL_LIST}.`);
      continue;
    }
    const hasProperties = Object.keys(properties).length > 0;
    // As in the CLI, an entry with neither a level nor properties is left out.
    if (enforcementLevel === undefined && !hasProperties) continue;
    result[name] = {
      ...(enforcementLevel === undefined ? {} : { enforcementLevel }),
      ...(hasProperties ? { properties } : {}),
    };
  }
  throwIfAny(issues, subject);
  return result;
}

function throwIfAny(issues: Issues, subject: string): void {
  if (issues.count > 0) throw new PolicyConfigError(subject, issues.all);
}

/** Reads and parses a `--policy-config` JSON file. */
export function loadPolicyConfigFile(file: string): UserPolicyConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PolicyConfigError(`Policy config ${file}`, [
      { path: file, message: `cannot be read: ${reason}` },
    ]);
  }
  // The CLI accepts an empty file as no config.
  if (text.trim() === "") return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PolicyConfigError(`Policy config ${file}`, [
      { path: file, message: `is not valid JSON: ${reason}` },
    ]);
  }
  return parsePolicyConfig(raw, file);
}

function withDefaults(info: PackInfo): Record<string, PolicyConfig> {
  const result: Record<string, PolicyConfig> = {};
  for (const policy of info.policies) {
    const defaults = schemaDefaults(policy.configSchema);
    result[policy.name] = {
      enforcementLevel: policy.enforcementLevel,
      ...(Object.keys(defaults).length > 0 ? { properties: defaults } : {}),
    };
  }
  return result;
}

function applyConfig(result: Record<string, PolicyConfig>, config: UserPolicyConfig): void {
  const all = config.all?.enforcementLevel;
  if (all !== undefined) {
    for (const [name, current] of Object.entries(result)) {
      result[name] = { ...current, enforcementLevel: all };
    }
  }
  for (const [name, given] of Object.entries(config)) {
    if (name === "all") continue;
    const current = result[name];
    const properties = { ...current?.properties, ...given.properties };
    result[name] = {
      ...((given.enforcementLevel ?? current?.enforcementLevel) === undefined
        ? {}
        : { enforcementLevel: given.enforcementLevel ?? current?.enforcementLevel }),
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  }
}

/**
 * The config the engine would send to the pack: defaults, then the pack's initial config, then
 * `user`. Throws a {@link PolicyConfigError} listing every problem (unknown policies, values that
 * break a policy's config schema, missing required properties).
 */
export function reconcilePolicyConfig(
  info: PackInfo,
  user: UserPolicyConfig = {},
  source?: string,
): Record<string, PolicyConfig> {
  const issues = new Issues();
  const names = info.policies.map((policy) => policy.name);
  for (const name of Object.keys(user)) {
    if (name !== "all" && !names.includes(name)) {
      issues
        .at(name)
        .add(`is not a policy of pack ${info.name}; its policies are ${names.join(", ")}.`);
    }
  }
  const result = withDefaults(info);
  applyConfig(result, info.initialConfig);
  applyConfig(result, user);
  for (const policy of info.policies) {
    const schema = policy.configSchema;
    if (schema === undefined) continue;
    checkAgainstSchema(
      result[policy.name]?.properties ?? {},
      objectSchema(schema),
      issues.at(policy.name),
    );
  }
  throwIfAny(
    issues,
    `Policy config ${source === undefined ? "" : `${source} `}for pack ${info.name}`,
  );
  return result;
}

function objectSchema(
  schema: NonNullable<PackInfo["policies"][number]["configSchema"]>,
): JsonSchema {
  return {
    type: "object",
    ...(Object.keys(schema.properties).length > 0 ? { properties: schema.properties } : {}),
    ...(schema.required.length > 0 ? { required: schema.required } : {}),
  };
}
