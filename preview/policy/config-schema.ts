/**
 * Checks a policy's merged config against the JSON schema its pack declares, as the engine does
 * before it configures the pack, and words each failure as the rest of the gate words problems:
 * `[policy.key] is <value>, but must ...`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { type Issues, show } from "../../core/validation";
import type { JsonSchema } from "./client";

// Packs are written by other teams: keywords and formats this validator does not know are
// annotations, as they are to the engine, not errors of the pack.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
const compiled = new Map<string, ValidateFunction>();

const ARTICLE: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

function validatorOf(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** The keys of a JSON pointer such as `/tagKeys/0`, with its escapes undone. */
function pointerKeys(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function valueAt(root: unknown, keys: readonly string[]): unknown {
  let value = root;
  for (const key of keys) {
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  return value;
}

function at(issues: Issues, keys: readonly string[]): Issues {
  return keys.reduce<Issues>(
    (child, key) => child.at(/^\d+$/.test(key) ? Number(key) : key),
    issues,
  );
}

function knownProperties(schema: unknown): string[] {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return typeof properties === "object" && properties !== null ? Object.keys(properties) : [];
}

/** Where the error belongs and what to say there. */
function describe(error: ErrorObject, value: unknown): { keys: string[]; message: string } {
  const keys = pointerKeys(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const is = `is ${show(value)}, but must`;
  const limit = params.limit as number;
  switch (error.keyword) {
    case "type": {
      const types = String(params.type).split(",");
      return { keys, message: `${is} be ${types.map((t) => ARTICLE[t] ?? t).join(" or ")}.` };
    }
    case "enum": {
      const allowed = params.allowedValues as unknown[];
      return { keys, message: `${is} be one of ${allowed.map((v) => show(v)).join(", ")}.` };
    }
    case "const":
      return { keys, message: `${is} be ${show(params.allowedValue)}.` };
    case "minimum":
      return { keys, message: `${is} be at least ${limit}.` };
    case "maximum":
      return { keys, message: `${is} be at most ${limit}.` };
    case "exclusiveMinimum":
      return { keys, message: `${is} be greater than ${limit}.` };
    case "exclusiveMaximum":
      return { keys, message: `${is} be less than ${limit}.` };
    case "multipleOf":
      return { keys, message: `${is} be a multiple of ${String(params.multipleOf)}.` };
    case "minLength":
      return { keys, message: `${is} be at least ${plural(limit, "character")} long.` };
    case "maxLength":
      return { keys, message: `${is} be at most ${plural(limit, "character")} long.` };
    case "pattern":
      return { keys, message: `${is} match /${String(params.pattern)}/.` };
    case "minItems":
    case "maxItems": {
      const count = (value as unknown[]).length;
      const bound = error.keyword === "minItems" ? "at least" : "at most";
      return {
        keys,
        message: `has ${plural(count, "item")}, but must have ${bound} ${limit}.`,
      };
    }
    case "uniqueItems": {
      const [first, later] = [params.i as number, params.j as number];
      const item = (value as unknown[])[later];
      return {
        keys: [...keys, String(later)],
        message: `repeats ${show(item)} from index ${first}, but items must be unique.`,
      };
    }
    case "minProperties":
    case "maxProperties": {
      const count = Object.keys(value as object).length;
      const bound = error.keyword === "minProperties" ? "at least" : "at most";
      return {
        keys,
        message: `has ${plural(count, "property", "properties")}, but must have ${bound} ${limit}.`,
      };
    }
    case "required":
      return {
        keys: [...keys, String(params.missingProperty)],
        message: "is missing, but the policy requires it.",
      };
    case "dependencies":
      return {
        keys: [...keys, String(params.missingProperty)],
        message: `is missing, but ${String(params.property)} requires it.`,
      };
    case "additionalProperties": {
      const known = knownProperties(error.parentSchema);
      return {
        keys: [...keys, String(params.additionalProperty)],
        message:
          known.length > 0
            ? `is not a config property of this policy; its properties are ${known.join(", ")}.`
            : "is not a config property of this policy.",
      };
    }
    case "false schema":
      return { keys, message: "is not allowed here." };
    default:
      return { keys, message: `is ${show(value)}, but ${error.message ?? "breaks the schema"}.` };
  }
}

/**
 * Records under `issues` every way `value` breaks `schema`. `format` is an annotation, as it is
 * to the engine.
 */
export function checkAgainstSchema(value: unknown, schema: JsonSchema, issues: Issues): void {
  const validate = validatorOf(schema);
  if (validate(value)) return;
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // A failed `if`/`anyOf` wrapper repeats what its branches already said.
    if (error.keyword === "if" || error.keyword === "anyOf" || error.keyword === "oneOf") continue;
    const { keys, message } = describe(error, valueAt(value, pointerKeys(error.instancePath)));
    const id = `${keys.join("\u0000")}\u0001${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    at(issues, keys).add(message);
  }
}
