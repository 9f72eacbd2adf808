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
import { Issues, ValidationError, show } from "../../core/validation";
import type { EnforcementLevel, JsonSchema, PackInfo, PolicyConfig } from "./client";

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if ("default" in schema) defaults[key] = structuredClone(schema.default);
    }
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
    validateValue(
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

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

const ARTICLE: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function asSchema(definition: unknown): JsonSchema | boolean {
  return typeof definition === "boolean" ? definition : ((definition ?? {}) as JsonSchema);
}

/**
 * Checks `value` against the JSON schema keywords a policy config schema may use. `format` is
 * treated as an annotation.
 */
function validateValue(value: unknown, definition: JsonSchema | boolean, issues: Issues): void {
  if (definition === true) return;
  if (definition === false) {
    issues.add("is not allowed here.");
    return;
  }
  const schema = definition;
  const types = schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type);
  if (types.length > 0 && !types.some((type) => hasType(value, String(type)))) {
    const wanted = types.map((type) => ARTICLE[String(type)] ?? String(type)).join(" or ");
    issues.add(`is ${show(value)}, but must be ${wanted}.`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => sameJson(option, value))) {
    issues.add(
      `is ${show(value)}, but must be one of ${schema.enum.map((o) => show(o)).join(", ")}.`,
    );
  }
  if ("const" in schema && !sameJson(schema.const, value)) {
    issues.add(`is ${show(value)}, but must be ${show(schema.const)}.`);
  }
  if (typeof value === "number") validateNumber(value, schema, issues);
  if (typeof value === "string") validateString(value, schema, issues);
  if (Array.isArray(value)) validateArray(value, schema, issues);
  else if (isRecord(value)) validateObject(value, schema, issues);
}

function validateNumber(value: number, schema: JsonSchema, issues: Issues): void {
  const bound = (key: string): number | undefined => {
    const limit = schema[key];
    return typeof limit === "number" ? limit : undefined;
  };
  const minimum = bound("minimum");
  const maximum = bound("maximum");
  const exclusiveMinimum = bound("exclusiveMinimum");
  const exclusiveMaximum = bound("exclusiveMaximum");
  const multipleOf = bound("multipleOf");
  if (minimum !== undefined && value < minimum) {
    issues.add(`is ${value}, but must be at least ${minimum}.`);
  }
  if (maximum !== undefined && value > maximum) {
    issues.add(`is ${value}, but must be at most ${maximum}.`);
  }
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
    issues.add(`is ${value}, but must be greater than ${exclusiveMinimum}.`);
  }
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
    issues.add(`is ${value}, but must be less than ${exclusiveMaximum}.`);
  }
  if (multipleOf !== undefined && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
    issues.add(`is ${value}, but must be a multiple of ${multipleOf}.`);
  }
}

function validateString(value: string, schema: JsonSchema, issues: Issues): void {
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) {
    issues.add(
      `is ${show(value)}, but must be at least ${plural(schema.minLength, "character")} long.`,
    );
  }
  if (typeof schema.maxLength === "number" && length > schema.maxLength) {
    issues.add(
      `is ${show(value)}, but must be at most ${plural(schema.maxLength, "character")} long.`,
    );
  }
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    issues.add(`is ${show(value)}, but must match /${schema.pattern}/.`);
  }
}

function validateArray(value: readonly unknown[], schema: JsonSchema, issues: Issues): void {
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    issues.add(`has ${plural(value.length, "item")}, but must have at least ${schema.minItems}.`);
  }
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    issues.add(`has ${plural(value.length, "item")}, but must have at most ${schema.maxItems}.`);
  }
  if (schema.uniqueItems === true) {
    value.forEach((item, index) => {
      const first = value.findIndex((other) => sameJson(other, item));
      if (first < index) {
        issues
          .at(index)
          .add(`repeats ${show(item)} from index ${first}, but items must be unique.`);
      }
    });
  }
  if (Array.isArray(schema.items)) {
    const tuple = schema.items as unknown[];
    value.forEach((item, index) => {
      const itemSchema = index < tuple.length ? tuple[index] : schema.additionalItems;
      if (itemSchema !== undefined) validateValue(item, asSchema(itemSchema), issues.at(index));
    });
  } else if (schema.items !== undefined) {
    const itemSchema = asSchema(schema.items);
    value.forEach((item, index) => validateValue(item, itemSchema, issues.at(index)));
  }
  if (schema.contains !== undefined) {
    const containsSchema = asSchema(schema.contains);
    const matches = value.some((item) => {
      const probe = new Issues();
      validateValue(item, containsSchema, probe);
      return probe.count === 0;
    });
    if (!matches) issues.add("has no item that matches the schema of `contains`.");
  }
}

function validateObject(value: Record<string, unknown>, schema: JsonSchema, issues: Issues): void {
  const keys = Object.keys(value);
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const patterns = isRecord(schema.patternProperties) ? schema.patternProperties : {};
  if (Array.isArray(schema.required)) {
    for (const key of schema.required as string[]) {
      if (!(key in value)) issues.at(key).add("is missing, but the policy requires it.");
    }
  }
  if (typeof schema.minProperties === "number" && keys.length < schema.minProperties) {
    issues.add(
      `has ${plural(keys.length, "property")}, but must have at least ${schema.minProperties}.`,
    );
  }
  if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties) {
    issues.add(
      `has ${plural(keys.length, "property")}, but must have at most ${schema.maxProperties}.`,
    );
  }
  for (const key of keys) {
    const child = issues.at(key);
    let matched = false;
    if (key in properties) {
      matched = true;
      validateValue(value[key], asSchema(properties[key]), child);
    }
    for (const [pattern, patternSchema] of Object.entries(patterns)) {
      if (new RegExp(pattern, "u").test(key)) {
        matched = true;
        validateValue(value[key], asSchema(patternSchema), child);
      }
    }
    if (!matched && schema.additionalProperties !== undefined) {
      if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        child.add(
          known.length > 0
            ? `is not a config property of this policy; its properties are ${known.join(", ")}.`
            : "is not a config property of this policy.",
        );
      } else {
        validateValue(value[key], asSchema(schema.additionalProperties), child);
      }
    }
    if (schema.propertyNames !== undefined) {
      validateValue(key, asSchema(schema.propertyNames), child);
    }
  }
  if (isRecord(schema.dependencies)) {
    for (const [key, dependency] of Object.entries(schema.dependencies)) {
      if (!(key in value)) continue;
      if (Array.isArray(dependency)) {
        for (const needed of dependency as string[]) {
          if (!(needed in value)) issues.at(needed).add(`is missing, but ${key} requires it.`);
        }
      } else {
        validateValue(value, asSchema(dependency), issues);
      }
    }
  }
}
