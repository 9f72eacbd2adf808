/**
 * Helpers to read what a test registered: resources by type and name, their inputs with the wire
 * form decoded, and the values of outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { mocks } from "./mocks";
import { SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL, type RecordedResource } from "../../preview/types";

/** Stands for a value unknown during preview, in decoded inputs. */
export const UNKNOWN = Symbol("unknown");

/** Decodes wire-form inputs: unknowns become {@link UNKNOWN}, secrets their value. */
export function decode(value: unknown): unknown {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return decode(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** Every recorded resource of one type token, in registration order. */
export function ofType(type: string): RecordedResource[] {
  return mocks.resources.filter((r) => r.type === type);
}

/** The one recorded resource with this type and name; throws when there is none or several. */
export function one(type: string, name: string): RecordedResource {
  const found = mocks.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = ofType(type).map((r) => r.name);
    throw new Error(
      `expected one ${type} named ${name}, found ${found.length} (have: ${names.join(", ")})`,
    );
  }
  return found[0]!;
}

/** Decoded inputs of the one resource with this type and name. */
export function inputsOf(type: string, name: string): Record<string, unknown> {
  return decode(one(type, name).inputs) as Record<string, unknown>;
}

/** The `[type, name]` of every resource whose parent is `urn`, sorted. */
export function childrenOf(urn: string): Array<[string, string]> {
  return mocks.resources
    .filter((r) => r.parent === urn)
    .map((r): [string, string] => [r.type, r.name])
    .sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
}

/** Parses a JSON-document input (a policy) of a recorded resource. */
export function jsonInput(type: string, name: string, key: string): unknown {
  const raw = inputsOf(type, name)[key];
  if (typeof raw !== "string") throw new Error(`${type} ${name}.${key} is not a JSON string`);
  return JSON.parse(raw) as unknown;
}

interface OutputInternals<T> {
  promise(withUnknowns?: boolean): Promise<T>;
  isKnown: Promise<boolean>;
}

/** The value of an output, or {@link UNKNOWN} when it is not known (preview). */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T | typeof UNKNOWN> {
  const internals = output as unknown as OutputInternals<T>;
  const known = await internals.isKnown;
  if (!known) return UNKNOWN;
  return internals.promise();
}
