/**
 * A small schema language for the stack configuration. One declaration gives three things:
 * parsing with defaults (typed by {@link Infer}), error messages that name the exact YAML key path,
 * and the configuration reference rows printed in the README.
 */
import { Issues, isRecord, show } from "../core";

/** One row of the configuration reference. */
export interface DocRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: string;
  readonly allowed?: string;
  readonly description: string;
}

/** A parser with documentation. `parse` returns undefined exactly when it recorded an issue. */
export interface Schema<T> {
  readonly kind: string;
  readonly description: string;
  /** Words for the allowed values, used in messages and in the reference. */
  readonly allowed?: string;
  parse(value: unknown, issues: Issues): T | undefined;
  docs(path: string): DocRow[];
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

interface Common {
  /** What the key means, for the reference. */
  readonly description: string;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "a map";
    default:
      return typeof value;
  }
}

function wrongType(issues: Issues, value: unknown, expected: string): undefined {
  issues.add(`is ${show(value)} (${typeName(value)}), but must be ${expected}.`);
  return undefined;
}

function leaf<T>(
  kind: string,
  description: string,
  allowed: string | undefined,
  parse: (value: unknown, issues: Issues) => T | undefined,
): Schema<T> {
  return {
    kind,
    description,
    allowed,
    parse,
    docs: (path) => [{ path, type: kind, required: true, allowed, description }],
  };
}

export interface StringOptions extends Common {
  readonly pattern?: RegExp;
  /** The rule in words, completing "must be ..." (for example "2-50 letters, digits, - or _"). */
  readonly rule?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export function string(options: StringOptions): Schema<string> {
  const { pattern, minLength, maxLength } = options;
  const lengthRule =
    minLength !== undefined && maxLength !== undefined
      ? `${minLength}-${maxLength} characters`
      : minLength !== undefined
        ? `at least ${minLength} characters`
        : maxLength !== undefined
          ? `at most ${maxLength} characters`
          : undefined;
  const rule = options.rule ?? lengthRule ?? "a string";
  return leaf("string", options.description, options.rule ?? lengthRule, (value, issues) => {
    if (typeof value !== "string") {
      return wrongType(issues, value, options.rule === undefined ? rule : `a string: ${rule}`);
    }
    const tooShort = minLength !== undefined && value.length < minLength;
    const tooLong = maxLength !== undefined && value.length > maxLength;
    if (tooShort || tooLong || (pattern !== undefined && !pattern.test(value))) {
      issues.add(`is ${show(value)}, but must be ${rule}.`);
      return undefined;
    }
    return value;
  });
}

export interface NumberOptions extends Common {
  readonly min: number;
  readonly max: number;
  /** Unit for messages, such as "days" or "minutes". */
  readonly unit?: string;
  /** Whole numbers only (the default). */
  readonly integer?: boolean;
}

export function number(options: NumberOptions): Schema<number> {
  const integer = options.integer ?? true;
  const unit = options.unit === undefined ? "" : ` ${options.unit}`;
  const rule = `${integer ? "a whole number" : "a number"} from ${options.min} to ${options.max}${unit}`;
  return leaf(integer ? "integer" : "number", options.description, rule, (value, issues) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return wrongType(issues, value, rule);
    }
    if ((integer && !Number.isInteger(value)) || value < options.min || value > options.max) {
      issues.add(`is ${show(value)}, but must be ${rule}.`);
      return undefined;
    }
    return value;
  });
}

export function boolean(options: Common): Schema<boolean> {
  return leaf("boolean", options.description, "true or false", (value, issues) =>
    typeof value === "boolean" ? value : wrongType(issues, value, "true or false"),
  );
}

export function literal<const T extends string>(values: readonly T[], options: Common): Schema<T> {
  const rule = `one of ${values.map((v) => show(v)).join(", ")}`;
  return leaf("enum", options.description, rule, (value, issues) => {
    if (typeof value !== "string") {
      return wrongType(issues, value, rule);
    }
    if (!(values as readonly string[]).includes(value)) {
      issues.add(`is ${show(value)}, but must be ${rule}.`);
      return undefined;
    }
    return value as T;
  });
}

export interface ArrayOptions extends Common {
  readonly minItems?: number;
  readonly maxItems?: number;
}

export function array<T>(item: Schema<T>, options: ArrayOptions): Schema<T[]> {
  const min = options.minItems ?? 0;
  const max = options.maxItems ?? Number.POSITIVE_INFINITY;
  const count =
    max === Number.POSITIVE_INFINITY
      ? min === 0
        ? undefined
        : `at least ${min} item${min === 1 ? "" : "s"}`
      : `${min}-${max} items`;
  return {
    kind: `list of ${item.kind}`,
    description: options.description,
    allowed: count,
    parse(value, issues) {
      if (!Array.isArray(value)) {
        return wrongType(issues, value, `a list${count === undefined ? "" : ` of ${count}`}`);
      }
      let ok = true;
      if (value.length < min || value.length > max) {
        issues.add(`has ${value.length} items, but must have ${count ?? "any number of items"}.`);
        ok = false;
      }
      const out: T[] = [];
      value.forEach((element, index) => {
        const parsed = item.parse(element, issues.at(index));
        if (parsed === undefined) ok = false;
        else out.push(parsed);
      });
      return ok ? out : undefined;
    },
    docs(path) {
      return [
        { path, type: `list`, required: true, allowed: count, description: options.description },
        ...item.docs(`${path}[]`).filter((row) => row.path !== `${path}[]` || !isObjectKind(item)),
      ];
    },
  };
}

export interface RecordOptions extends Common {
  readonly keyPattern?: RegExp;
  /** The key rule in words. */
  readonly keyRule?: string;
  readonly minEntries?: number;
}

export function record<T>(value: Schema<T>, options: RecordOptions): Schema<Record<string, T>> {
  const keyRule = options.keyRule ?? "any name";
  const minEntries = options.minEntries ?? 0;
  return {
    kind: `map of ${value.kind}`,
    description: options.description,
    allowed: `keys: ${keyRule}`,
    parse(input, issues) {
      if (!isRecord(input)) {
        return wrongType(issues, input, "a map");
      }
      let ok = true;
      const entries = Object.entries(input);
      if (entries.length < minEntries) {
        issues.add(`has ${entries.length} entries, but must have at least ${minEntries}.`);
        ok = false;
      }
      const out: Record<string, T> = {};
      for (const [key, element] of entries) {
        if (options.keyPattern !== undefined && !options.keyPattern.test(key)) {
          issues.at(key).add(`is not an allowed key: keys must be ${keyRule}.`);
          ok = false;
          continue;
        }
        const parsed = value.parse(element, issues.at(key));
        if (parsed === undefined) ok = false;
        else out[key] = parsed;
      }
      return ok ? out : undefined;
    },
    docs(path) {
      return [
        {
          path,
          type: "map",
          required: true,
          allowed: `keys: ${keyRule}`,
          description: options.description,
        },
        ...value
          .docs(`${path}.<name>`)
          .filter((row) => row.path !== `${path}.<name>` || !isObjectKind(value)),
      ];
    },
  };
}

/** A field that may be omitted; `fallback` is used then and shown as the default. */
export interface Optional<T, D> extends Schema<T | D> {
  readonly optional: true;
  readonly fallback: D;
}

export function optional<T>(schema: Schema<T>): Optional<T, undefined>;
export function optional<T>(schema: Schema<T>, fallback: T): Optional<T, T>;
export function optional<T>(schema: Schema<T>, fallback?: T): Optional<T, T | undefined> {
  return {
    ...schema,
    optional: true,
    fallback,
    parse: (value, issues) => (value === undefined ? fallback : schema.parse(value, issues)),
    docs: (path) =>
      schema.docs(path).map((row, index) =>
        index === 0
          ? {
              ...row,
              required: false,
              default: fallback === undefined ? undefined : JSON.stringify(fallback),
            }
          : row,
      ),
  };
}

function isOptional(schema: Schema<unknown>): schema is Optional<unknown, unknown> {
  return (schema as Partial<Optional<unknown, unknown>>).optional === true;
}

function isObjectKind(schema: Schema<unknown>): boolean {
  return schema.kind === "object";
}

type Fields = Record<string, Schema<unknown>>;
type RequiredKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends Optional<unknown, unknown> ? never : K;
}[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
export type ObjectOf<F extends Fields> = { [K in RequiredKeys<F>]: Infer<F[K]> } & {
  [K in OptionalKeys<F>]: Infer<F[K]>;
};

export interface ObjectOptions<T> extends Common {
  /** Cross-field rules, run only when every field parsed. */
  readonly check?: (value: T, issues: Issues) => void;
}

export function object<F extends Fields>(
  fields: F,
  options: ObjectOptions<ObjectOf<F>>,
): Schema<ObjectOf<F>> {
  const known = Object.keys(fields);
  return {
    kind: "object",
    description: options.description,
    parse(value, issues) {
      if (!isRecord(value)) {
        return wrongType(issues, value, "a map");
      }
      let ok = true;
      for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
          issues.at(key).add(`is not a known key here; the keys allowed are ${known.join(", ")}.`);
          ok = false;
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(fields)) {
        const raw = value[key];
        if (raw === undefined && !isOptional(schema)) {
          issues.at(key).add(`is missing; it is required (${schema.description}).`);
          ok = false;
          continue;
        }
        const parsed = schema.parse(raw, issues.at(key));
        if (parsed === undefined && raw !== undefined) ok = false;
        if (parsed !== undefined) out[key] = parsed;
      }
      if (!ok) return undefined;
      const typed = out as ObjectOf<F>;
      if (options.check !== undefined) {
        const before = issues.count;
        options.check(typed, issues);
        if (issues.count > before) return undefined;
      }
      return typed;
    },
    docs(path) {
      const rows: DocRow[] = [];
      if (path !== "") {
        rows.push({ path, type: "map", required: true, description: options.description });
      }
      for (const [key, schema] of Object.entries(fields)) {
        const childPath = path === "" || path.endsWith(":") ? `${path}${key}` : `${path}.${key}`;
        rows.push(...schema.docs(childPath));
      }
      return rows;
    },
  };
}

/**
 * A secret string: in the stack file it is set with `pulumi config set --secret`, so the offline
 * preview sees only a placeholder. Accepts any non-empty string up to `maxLength`.
 */
export function secretString(options: Common & { readonly maxLength: number }): Schema<string> {
  const rule = `a secret string of 1-${options.maxLength} characters, set with \`pulumi config set --secret\``;
  return leaf("secret string", options.description, rule, (value, issues) => {
    if (typeof value !== "string" || value.length === 0 || value.length > options.maxLength) {
      issues.add(
        typeof value === "string"
          ? `has ${value.length} characters, but must be ${rule}.`
          : `is ${typeName(value)}, but must be ${rule}.`,
      );
      return undefined;
    }
    return value;
  });
}
