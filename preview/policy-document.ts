/**
 * `aws.iam.getPolicyDocument`, computed offline exactly as the AWS provider renders it (its
 * `aws_iam_policy_document` data source), so that a policy reading the JSON sees what the provider
 * would hand back:
 *
 * - keys in the order Version, Id, Statement; in a statement Sid, Effect, Action, NotAction,
 *   Resource, NotResource, Principal, NotPrincipal, Condition; empty ones left out;
 * - Version defaults to 2012-10-17, Effect to Allow;
 * - a list of one (actions, resources, identifiers, condition values) is a plain string; longer
 *   action, resource and identifier lists are sorted in reverse order; condition values keep theirs;
 * - `{ type: "*", identifiers: ["*"] }` as the only principal is `"*"`; principal types and condition
 *   tests and variables are sorted; `&{` becomes `${` in resources, identifiers and condition values;
 * - `sourcePolicyDocuments` first, then the statements, then `overridePolicyDocuments`; a statement
 *   with the Sid of an earlier one replaces it;
 * - `json` is indented by two spaces, `minifiedJson` is not, both with `<`, `>` and `&` escaped as
 *   Go's encoder does; `id` is the CRC-32 of `json`.
 */
import * as zlib from "node:zlib";
import { isRecord } from "../core/records";

type Strings = string | string[];

interface Principal {
  readonly type: string;
  readonly identifiers: Strings;
}

interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: Strings;
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: Strings;
  NotAction?: Strings;
  Resource?: Strings;
  NotResource?: Strings;
  Principal?: Principal[];
  NotPrincipal?: Principal[];
  Condition?: Condition[];
}

interface PolicyDoc {
  Version: string;
  Id: string;
  Statement: Statement[];
}

/** Thrown for arguments the provider would refuse; the message names the argument. */
export class PolicyDocumentError extends Error {}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new PolicyDocumentError(`${where} must be a list of strings.`);
  }
  return value as string[];
}

/** One element as a string, more as a de-duplicated list sorted in reverse order. */
function decodeStrings(list: readonly string[]): Strings {
  const unique = [...new Set(list)];
  if (unique.length === 1) return unique[0] as string;
  return unique.sort(compare).reverse();
}

/** Byte-wise comparison, as Go sorts strings. */
function compare(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

function replaceVars(value: Strings, version: string, where: string): Strings {
  const one = (s: string): string => {
    if (version === "2008-10-17" && s.includes("&{")) {
      throw new PolicyDocumentError(
        `${where}: found &{ sequence in (${s}), which is not supported in document version 2008-10-17.`,
      );
    }
    return s.split("&{").join("${");
  };
  return typeof value === "string" ? one(value) : value.map(one);
}

function readStatement(raw: unknown, index: number, version: string): Statement {
  const where = `statements[${index}]`;
  if (!isRecord(raw)) throw new PolicyDocumentError(`${where} must be an object.`);
  const effect = raw.effect ?? "Allow";
  if (effect !== "Allow" && effect !== "Deny") {
    throw new PolicyDocumentError(
      `${where}.effect is ${JSON.stringify(effect)}, but must be "Allow" or "Deny".`,
    );
  }
  const statement: Statement = { Effect: effect };
  if (raw.sid !== undefined && raw.sid !== null) {
    if (typeof raw.sid !== "string" || !/^[a-zA-Z0-9]*$/.test(raw.sid)) {
      throw new PolicyDocumentError(
        `${where}.sid is ${JSON.stringify(raw.sid)}, but must only include alphanumeric characters.`,
      );
    }
    if (raw.sid !== "") statement.Sid = raw.sid;
  }
  const actions = stringList(raw.actions, `${where}.actions`);
  if (actions.length > 0) statement.Action = decodeStrings(actions);
  const notActions = stringList(raw.notActions, `${where}.notActions`);
  if (notActions.length > 0) statement.NotAction = decodeStrings(notActions);
  const resources = stringList(raw.resources, `${where}.resources`);
  if (resources.length > 0) {
    statement.Resource = replaceVars(decodeStrings(resources), version, `${where}.resources`);
  }
  const notResources = stringList(raw.notResources, `${where}.notResources`);
  if (notResources.length > 0) {
    statement.NotResource = replaceVars(
      decodeStrings(notResources),
      version,
      `${where}.notResources`,
    );
  }
  for (const [key, field] of [
    ["principals", "Principal"],
    ["notPrincipals", "NotPrincipal"],
  ] as const) {
    const list = raw[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new PolicyDocumentError(`${where}.${key} must be a list.`);
    if (list.length === 0) continue;
    statement[field] = list.map((p: unknown, i: number) => {
      if (!isRecord(p) || typeof p.type !== "string") {
        throw new PolicyDocumentError(`${where}.${key}[${i}] needs a string "type".`);
      }
      const identifiers = stringList(p.identifiers, `${where}.${key}[${i}].identifiers`);
      return {
        type: p.type,
        identifiers: replaceVars(decodeStrings(identifiers), version, `${where}.${key}[${i}]`),
      };
    });
  }
  const conditions = raw.conditions;
  if (Array.isArray(conditions) && conditions.length > 0) {
    statement.Condition = conditions.map((c: unknown, i: number) => {
      if (!isRecord(c) || typeof c.test !== "string" || typeof c.variable !== "string") {
        throw new PolicyDocumentError(
          `${where}.conditions[${i}] needs a string "test" and "variable".`,
        );
      }
      const values = stringList(c.values, `${where}.conditions[${i}].values`);
      const replaced = replaceVars(values, version, `${where}.conditions[${i}]`) as string[];
      return {
        test: c.test,
        variable: c.variable,
        values: replaced.length === 1 ? (replaced[0] as string) : replaced,
      };
    });
  }
  return statement;
}

/** Reads a JSON policy (source or override) the way the provider parses one. */
function parseDocument(text: unknown, where: string): PolicyDoc {
  if (typeof text !== "string") throw new PolicyDocumentError(`${where} must be a JSON string.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PolicyDocumentError(`${where} is not valid JSON.`);
  }
  if (!isRecord(raw)) throw new PolicyDocumentError(`${where} must be a JSON object.`);
  const statements = raw.Statement === undefined ? [] : ([] as unknown[]).concat(raw.Statement);
  return {
    Version: typeof raw.Version === "string" ? raw.Version : "",
    Id: typeof raw.Id === "string" ? raw.Id : "",
    Statement: statements.map((s, i) => parseStatement(s, `${where} statement ${i}`)),
  };
}

function parsedStrings(value: unknown): Strings | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

function parseStatement(raw: unknown, where: string): Statement {
  if (!isRecord(raw)) throw new PolicyDocumentError(`${where} must be an object.`);
  const out: Statement = {};
  if (typeof raw.Sid === "string" && raw.Sid !== "") out.Sid = raw.Sid;
  if (typeof raw.Effect === "string" && raw.Effect !== "") out.Effect = raw.Effect;
  for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
    const value = parsedStrings(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const key of ["Principal", "NotPrincipal"] as const) {
    const value = raw[key];
    if (typeof value === "string") out[key] = [{ type: "*", identifiers: ["*"] }];
    else if (isRecord(value)) {
      out[key] = Object.entries(value).map(([type, ids]) => {
        const identifiers = parsedStrings(ids) ?? [];
        return {
          type,
          identifiers: Array.isArray(identifiers) ? [...identifiers].sort(compare) : identifiers,
        };
      });
    }
  }
  if (isRecord(raw.Condition)) {
    const conditions: Condition[] = [];
    for (const [test, variables] of Object.entries(raw.Condition)) {
      if (!isRecord(variables)) continue;
      for (const [variable, values] of Object.entries(variables)) {
        const list = typeof values === "boolean" ? String(values) : (parsedStrings(values) ?? []);
        conditions.push({ test, variable, values: typeof list === "string" ? [list] : list });
      }
    }
    out.Condition = conditions;
  }
  return out;
}

function merge(into: PolicyDoc, doc: PolicyDoc): void {
  if (doc.Id !== "") into.Id = doc.Id;
  if (doc.Version > into.Version) into.Version = doc.Version;
  for (const statement of doc.Statement) {
    const index =
      statement.Sid === undefined ? -1 : into.Statement.findIndex((s) => s.Sid === statement.Sid);
    if (index >= 0) into.Statement[index] = statement;
    else into.Statement.push(statement);
  }
}

function sortedObject<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compare(a, b)));
}

function renderPrincipals(set: readonly Principal[]): unknown {
  if (set.length === 1) {
    const only = set[0] as Principal;
    const ids = only.identifiers;
    if (
      only.type === "*" &&
      (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*"))
    ) {
      return "*";
    }
  }
  const raw = new Map<string, Strings>();
  for (const p of set) {
    const current = raw.get(p.type);
    if (Array.isArray(p.identifiers)) {
      const ids = [...p.identifiers].sort(compare).reverse();
      const base = current === undefined ? [] : typeof current === "string" ? [current] : current;
      raw.set(p.type, [...base, ...ids]);
    } else if (current === undefined) {
      raw.set(p.type, p.identifiers);
    } else {
      raw.set(p.type, [...(typeof current === "string" ? [current] : current), p.identifiers]);
    }
  }
  return sortedObject(raw);
}

function renderConditions(set: readonly Condition[]): unknown {
  const raw = new Map<string, Map<string, string[]>>();
  for (const c of set) {
    const test = raw.get(c.test) ?? new Map<string, string[]>();
    raw.set(c.test, test);
    const values = test.get(c.variable) ?? [];
    test.set(c.variable, values.concat(c.values));
  }
  return sortedObject(
    [...raw].map(([test, variables]) => [
      test,
      sortedObject(
        [...variables].map(([variable, values]): [string, Strings] => [
          variable,
          values.length === 1 ? (values[0] as string) : values,
        ]),
      ),
    ]),
  );
}

function renderStatement(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.Sid !== undefined) out.Sid = s.Sid;
  if (s.Effect !== undefined) out.Effect = s.Effect;
  if (s.Action !== undefined) out.Action = s.Action;
  if (s.NotAction !== undefined) out.NotAction = s.NotAction;
  if (s.Resource !== undefined) out.Resource = s.Resource;
  if (s.NotResource !== undefined) out.NotResource = s.NotResource;
  if (s.Principal !== undefined && s.Principal.length > 0) {
    out.Principal = renderPrincipals(s.Principal);
  }
  if (s.NotPrincipal !== undefined && s.NotPrincipal.length > 0) {
    out.NotPrincipal = renderPrincipals(s.NotPrincipal);
  }
  if (s.Condition !== undefined && s.Condition.length > 0) {
    out.Condition = renderConditions(s.Condition);
  }
  return out;
}

/** Escapes what Go's JSON encoder escapes beyond JSON.stringify. */
function goEscape(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface RenderedPolicyDocument {
  readonly json: string;
  readonly minifiedJson: string;
  readonly id: string;
}

/** Renders the arguments of `aws.iam.getPolicyDocument` (Pulumi names) as the provider does. */
export function renderPolicyDocument(
  args: Readonly<Record<string, unknown>>,
): RenderedPolicyDocument {
  const version = args.version ?? "2012-10-17";
  if (version !== "2012-10-17" && version !== "2008-10-17") {
    throw new PolicyDocumentError(
      `version is ${JSON.stringify(version)}, but must be "2012-10-17" or "2008-10-17".`,
    );
  }
  const merged: PolicyDoc = { Version: "", Id: "", Statement: [] };
  const sources = stringList(args.sourcePolicyDocuments, "sourcePolicyDocuments");
  const seen = new Set<string>();
  sources.forEach((text, i) => {
    const doc = parseDocument(text, `sourcePolicyDocuments[${i}]`);
    doc.Statement.forEach((s, j) => {
      if (s.Sid === undefined) return;
      if (seen.has(s.Sid)) {
        throw new PolicyDocumentError(
          `sourcePolicyDocuments[${i}] statement ${j} repeats Sid ${JSON.stringify(s.Sid)}; Sids of source documents must be unique.`,
        );
      }
      seen.add(s.Sid);
    });
    merge(merged, doc);
  });
  const statementsRaw = args.statements ?? [];
  if (!Array.isArray(statementsRaw)) throw new PolicyDocumentError("statements must be a list.");
  const statements = statementsRaw.map((s: unknown, i: number) => readStatement(s, i, version));
  const sids = new Set<string>();
  for (const s of statements) {
    if (s.Sid === undefined) continue;
    if (sids.has(s.Sid)) {
      throw new PolicyDocumentError(
        `statements repeat the Sid ${JSON.stringify(s.Sid)}; remove it or make it unique.`,
      );
    }
    sids.add(s.Sid);
  }
  const policyId = typeof args.policyId === "string" ? args.policyId : "";
  merge(merged, { Version: version, Id: policyId, Statement: statements });
  stringList(args.overridePolicyDocuments, "overridePolicyDocuments").forEach((text, i) =>
    merge(merged, parseDocument(text, `overridePolicyDocuments[${i}]`)),
  );
  const doc: Record<string, unknown> = {};
  if (merged.Version !== "") doc.Version = merged.Version;
  if (merged.Id !== "") doc.Id = merged.Id;
  if (merged.Statement.length > 0) doc.Statement = merged.Statement.map(renderStatement);
  const json = goEscape(JSON.stringify(doc, null, 2));
  const minifiedJson = goEscape(JSON.stringify(doc));
  return { json, minifiedJson, id: String(zlib.crc32(json)) };
}
