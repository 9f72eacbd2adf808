/**
 * Reading resource properties without tripping over preview values.
 *
 * The SDK hands policies a proxy that throws on any read of a value unknown during preview, which
 * aborts the whole policy. {@link Prop} reads the data underneath instead and reports, for every
 * value, whether it is known, unknown (and since which property) or absent, so a policy can run
 * every check whose inputs are known and say precisely which ones it could not run.
 */
import { Secret } from "@pulumi/policy";

/** The SDK's markers for values unknown during preview (the engine sends the string one). */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The engine's marker for a value not known until the resource is created. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const PROXY_FLAG = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

export function isUnknownSentinel(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** Strips the SDK's proxies and secret wrappers (SDK `Secret` objects or the wire form). */
export function unwrap(value: unknown): unknown {
  let current = value;
  // Secrets may wrap secrets; the bound only guards against cycles in malformed input.
  for (let depth = 0; depth < 16; depth++) {
    if (current === null || typeof current !== "object") {
      return current;
    }
    const record = current as Record<string, unknown>;
    if (record[PROXY_FLAG] === true) {
      current = record[PROXY_TARGET];
    } else if (current instanceof Secret) {
      current = (current as { value: unknown }).value;
    } else if (!Array.isArray(current) && record[SIG_KEY] === SECRET_SIG) {
      current = record["value"];
    } else {
      return current;
    }
  }
  return current;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Appends a key to a property path: `rules[0].lifecycle`, `tags["backup-tier"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") {
    return `${parent}[${key}]`;
  }
  if (!IDENTIFIER.test(key)) {
    return `${parent}[${JSON.stringify(key)}]`;
  }
  return parent === "" ? key : `${parent}.${key}`;
}

export type PropState = "known" | "unknown" | "absent";

/** A property value at a path, with its preview state. */
export class Prop {
  private constructor(
    /** Where the value sits, for example `rules[0].lifecycle.deleteAfter`. */
    readonly path: string,
    /** The raw value when known (never null or undefined then). */
    readonly value: unknown,
    readonly state: PropState,
    /** For an unknown value: the path of the property that is unknown (itself or an ancestor). */
    readonly unknownAt: string,
  ) {}

  /** Wraps a property bag (SDK proxy, plain object, or anything malformed). */
  static of(props: unknown, path = ""): Prop {
    return Prop.make(path, props);
  }

  /** A synthetic known value, for values assembled by the pack (merged tag maps). */
  static known(path: string, value: unknown): Prop {
    return Prop.make(path, value);
  }

  /** A synthetic unknown value whose uncertainty comes from `unknownAt`. */
  static unknownFrom(path: string, unknownAt: string): Prop {
    return new Prop(path, undefined, "unknown", unknownAt);
  }

  private static make(path: string, raw: unknown): Prop {
    const value = unwrap(raw);
    if (isUnknownSentinel(value)) {
      return new Prop(path, undefined, "unknown", path);
    }
    if (value === undefined || value === null) {
      return new Prop(path, undefined, "absent", "");
    }
    return new Prop(path, value, "known", "");
  }

  get isKnown(): boolean {
    return this.state === "known";
  }

  get isUnknown(): boolean {
    return this.state === "unknown";
  }

  get isAbsent(): boolean {
    return this.state === "absent";
  }

  /** The value of a key of an object (absent when this is not an object). */
  get(key: string): Prop {
    const path = childPath(this.path, key);
    if (this.state === "unknown") {
      return new Prop(path, undefined, "unknown", this.unknownAt);
    }
    if (!isPlainRecord(this.value) || !Object.prototype.hasOwnProperty.call(this.value, key)) {
      return new Prop(path, undefined, "absent", "");
    }
    return Prop.make(path, this.value[key]);
  }

  /** Follows several keys. */
  dig(...keys: readonly (string | number)[]): Prop {
    return keys.reduce<Prop>(
      (current, key) => (typeof key === "number" ? current.at(key) : current.get(key)),
      this,
    );
  }

  /** The element at an index of a list (absent when this is not a list). */
  at(index: number): Prop {
    const path = childPath(this.path, index);
    if (this.state === "unknown") {
      return new Prop(path, undefined, "unknown", this.unknownAt);
    }
    if (!Array.isArray(this.value) || index < 0 || index >= this.value.length) {
      return new Prop(path, undefined, "absent", "");
    }
    return Prop.make(path, this.value[index] as unknown);
  }

  /** The elements of a list; empty for anything else (check {@link isUnknown} first). */
  items(): Prop[] {
    if (this.state !== "known" || !Array.isArray(this.value)) {
      return [];
    }
    return this.value.map((_, index) => this.at(index));
  }

  /**
   * The elements of a list, or this value alone when it is an object. Pulumi models some blocks
   * as an object on one resource family and as a one-element list on the other.
   */
  blocks(): Prop[] {
    if (this.state !== "known") {
      return [];
    }
    if (Array.isArray(this.value)) {
      return this.items();
    }
    return isPlainRecord(this.value) ? [this] : [];
  }

  get isList(): boolean {
    return this.state === "known" && Array.isArray(this.value);
  }

  get isObject(): boolean {
    return this.state === "known" && isPlainRecord(this.value);
  }

  /** The value when it is a string. */
  string(): string | undefined {
    return this.state === "known" && typeof this.value === "string" ? this.value : undefined;
  }

  /** The value when it is a finite number or a string holding one (the provider converts those). */
  number(): number | undefined {
    if (this.state !== "known") {
      return undefined;
    }
    if (typeof this.value === "number") {
      return Number.isFinite(this.value) ? this.value : undefined;
    }
    if (typeof this.value === "string" && /^-?\d+(\.\d+)?$/.test(this.value.trim())) {
      return Number(this.value);
    }
    return undefined;
  }

  /** The value when it is a boolean or the string "true"/"false" (the provider converts those). */
  boolean(): boolean | undefined {
    if (this.state !== "known") {
      return undefined;
    }
    if (typeof this.value === "boolean") {
      return this.value;
    }
    if (this.value === "true" || this.value === "false") {
      return this.value === "true";
    }
    return undefined;
  }

  /** The value when it is a string with something other than blanks in it. */
  nonBlankString(): string | undefined {
    const text = this.string();
    return text !== undefined && text.trim() !== "" ? text : undefined;
  }
}
