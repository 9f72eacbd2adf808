/**
 * Reading IAM-style policy documents (key policies, vault access policies, bucket policies, Glacier
 * Vault Lock policies), given as a JSON string or as an object.
 */
import { globMatches } from "./glob";
import { isUnknownSentinel, Prop, UNKNOWN, unwrap } from "./values";
import { isRecord } from "../../core/records";

export interface Statement {
  /** Position in the `Statement` list. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: string;
  readonly principal: unknown;
  readonly notPrincipal: unknown;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly hasCondition: boolean;
}

export type PolicyDocument =
  | { readonly kind: "ok"; readonly statements: readonly Statement[] }
  | { readonly kind: "absent" }
  /** The document, or a value inside it, is unknown during preview. */
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly reason: string };

function containsUnknown(value: unknown, depth = 0): boolean {
  const plain = unwrap(value);
  if (isUnknownSentinel(plain)) {
    return true;
  }
  if (depth > 32 || plain === null || typeof plain !== "object") {
    return false;
  }
  return Object.values(plain as Record<string, unknown>).some((v) => containsUnknown(v, depth + 1));
}

function plainCopy(value: unknown, depth = 0): unknown {
  const plain = unwrap(value);
  if (depth > 32 || plain === null || typeof plain !== "object") {
    return plain;
  }
  if (Array.isArray(plain)) {
    return plain.map((item) => plainCopy(item, depth + 1));
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(plain as Record<string, unknown>)) {
    copy[key] = plainCopy(item, depth + 1);
  }
  return copy;
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Parses the document in `prop`. */
export function readPolicyDocument(prop: Prop): PolicyDocument {
  if (prop.isUnknown) {
    return { kind: "unknown" };
  }
  if (prop.isAbsent) {
    return { kind: "absent" };
  }
  let document: unknown;
  if (typeof prop.value === "string") {
    if (prop.value.includes(UNKNOWN)) {
      return { kind: "unknown" };
    }
    try {
      document = JSON.parse(prop.value) as unknown;
    } catch {
      return { kind: "invalid", reason: "is not valid JSON" };
    }
  } else {
    if (containsUnknown(prop.value)) {
      return { kind: "unknown" };
    }
    document = plainCopy(prop.value);
  }
  if (!isRecord(document)) {
    return { kind: "invalid", reason: "is not a JSON object" };
  }
  const raw = document["Statement"];
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  list.forEach((entry, index) => {
    if (!isRecord(entry)) {
      return;
    }
    const condition: Record<string, Record<string, unknown>> = {};
    const rawCondition = entry["Condition"];
    if (isRecord(rawCondition)) {
      for (const [operator, block] of Object.entries(rawCondition)) {
        if (isRecord(block)) {
          condition[operator] = block;
        }
      }
    }
    statements.push({
      index,
      sid: typeof entry["Sid"] === "string" ? entry["Sid"] : undefined,
      effect: typeof entry["Effect"] === "string" ? entry["Effect"] : "",
      principal: entry["Principal"],
      notPrincipal: entry["NotPrincipal"],
      actions: stringList(entry["Action"]),
      notActions: stringList(entry["NotAction"]),
      condition,
      hasCondition: isRecord(rawCondition) && Object.keys(rawCondition).length > 0,
    });
  });
  return { kind: "ok", statements };
}

/** `statement 0` or `statement 0 ("Sid")`, for messages. */
export function statementName(statement: Statement): string {
  return statement.sid === undefined
    ? `statement ${statement.index}`
    : `statement ${statement.index} (${JSON.stringify(statement.sid)})`;
}

/** Whether the principal is everyone: `"*"` or `{ "AWS": "*" }` (or a list holding `"*"`). */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") {
    return true;
  }
  if (!isRecord(principal)) {
    return false;
  }
  return Object.values(principal).some((value) => stringList(value).includes("*"));
}

/** IAM wildcard match, case-insensitive as IAM action names are. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/** Whether a statement applies to `action`. */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  }
  return statement.actions.some((pattern) => actionMatches(pattern, action));
}

/** The values of one condition key under one operator, as strings (`"false"`, `"365"`). */
export function conditionValues(statement: Statement, operator: string, key: string): string[] {
  const block = Object.entries(statement.condition).find(
    ([name]) => name.toLowerCase() === operator.toLowerCase(),
  )?.[1];
  if (block === undefined) {
    return [];
  }
  const entry = Object.entries(block).find(([name]) => name.toLowerCase() === key.toLowerCase());
  if (entry === undefined) {
    return [];
  }
  const values: unknown[] = Array.isArray(entry[1]) ? entry[1] : [entry[1]];
  return values
    .filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .map((v) => String(v));
}
