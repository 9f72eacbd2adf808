/**
 * Reporting violations and the checks that could not run during preview.
 *
 * The SDK reports an `UnknownValueError` thrown by a policy as one *advisory* diagnostic,
 * "can't run policy '<name>' from policy pack '<pack>@v<version>' during preview: <message>",
 * whatever the policy's enforcement level, and keeps the violations reported before the throw.
 * {@link Findings} uses exactly that: violations found on known values are reported at once, and
 * the notes about unknown values are thrown together at the end as one such error whose message
 * names every check that could not run and the property that made it impossible.
 */
import * as sdk from "@pulumi/policy";
import { ReportViolation } from "@pulumi/policy";
import { Prop, UNKNOWN } from "./values";

type UnknownValueErrorClass = new (sentinel: string, props: string[]) => Error;

// The SDK exports the class at run time; its typings are stripped (`@internal`).
export const SdkUnknownValueError = (
  sdk as unknown as { UnknownValueError: UnknownValueErrorClass }
).UnknownValueError;

/** Thrown at the end of a policy run that met values unknown during preview. */
export class PreviewUnknownError extends SdkUnknownValueError {
  constructor(readonly notes: readonly string[]) {
    super(UNKNOWN, []);
    this.name = "PreviewUnknownError";
    this.message = notes.join("\n");
  }
}

/** Describes a value for a message: strings quoted, everything else as (short) JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return "undefined";
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return String(value);
  }
  try {
    const json = JSON.stringify(value);
    if (json === undefined) {
      return `a ${typeof value}`;
    }
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return "a value that cannot be shown";
  }
}

/** Lists words: `a`, `a or b`, `a, b or c`. */
export function either(words: readonly string[], conjunction = "or"): string {
  if (words.length <= 1) {
    return words.join("");
  }
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1] ?? ""}`;
}

/** `aws:backup/vault:Vault "main"`: how stack-level messages name a resource. */
export function label(resource: { readonly type: string; readonly name: string }): string {
  return `${resource.type} ${JSON.stringify(resource.name)}`;
}

/** `[path]`, or `<resource> [path]` when the message is about another resource. */
function where(prop: Prop, owner?: { readonly type: string; readonly name: string }): string {
  const bracket = prop.path === "" ? "" : `[${prop.path}]`;
  if (owner === undefined) {
    return bracket;
  }
  return bracket === "" ? label(owner) : `${label(owner)} ${bracket}`;
}

/** `is "x"` or `is not set`. */
export function stateOf(prop: Prop): string {
  return prop.isKnown ? `is ${show(prop.value)}` : "is not set";
}

/** `[path] is 7, but must be at least 35.` */
export function mustBe(
  prop: Prop,
  requirement: string,
  owner?: { readonly type: string; readonly name: string },
): string {
  return `${where(prop, owner)} ${stateOf(prop)}, but must be ${requirement}.`;
}

/**
 * `could not check that [path] is at least 35, because it is unknown during preview.` The check
 * names the property it reads; the cause names the property that is unknown (it or an ancestor).
 */
export function couldNotCheck(
  prop: Prop,
  expectation: string,
  owner?: { readonly type: string; readonly name: string },
): string {
  const cause =
    prop.unknownAt === prop.path || prop.unknownAt === ""
      ? "it is unknown during preview"
      : `[${prop.unknownAt}] is unknown during preview`;
  return `could not check that ${where(prop, owner)} ${expectation}, because ${cause}.`;
}

/**
 * Collects the outcome of one policy run: every problem found about one resource becomes one
 * violation listing them all (in the order found), and the notes on unknown values one advisory.
 */
export class Findings {
  private readonly pending: string[] = [];
  private readonly problems = new Map<string, string[]>();

  constructor(private readonly reportViolation: ReportViolation) {}

  /** Records a problem; `urn` names the resource it is about in stack policies. */
  violation(message: string, urn?: string): void {
    const key = urn ?? "";
    const list = this.problems.get(key);
    if (list === undefined) {
      this.problems.set(key, [message]);
    } else if (!list.includes(message)) {
      list.push(message);
    }
  }

  /** Records a check that could not run because a value is unknown during preview. */
  unknown(note: string): void {
    if (!this.pending.includes(note)) {
      this.pending.push(note);
    }
  }

  /** The notes recorded so far. */
  get notes(): readonly string[] {
    return this.pending;
  }

  /** Reports the problems recorded so far: one violation per resource. */
  flush(): void {
    for (const [urn, messages] of this.problems) {
      this.reportViolation(messages.join("\n"), urn === "" ? undefined : urn);
    }
    this.problems.clear();
  }

  /** Ends the run: reports the problems, then throws the notes, if any, as the SDK's advisory. */
  close(): void {
    this.flush();
    if (this.pending.length > 0) {
      throw new PreviewUnknownError([...this.pending]);
    }
  }
}

/**
 * Runs a typical check on one property: an unknown value becomes a note, a value failing `ok`
 * becomes a violation. Returns whether the value is known and passes.
 */
export function expectProp(
  findings: Findings,
  prop: Prop,
  ok: (prop: Prop) => boolean,
  requirement: string,
  options: {
    readonly expectation?: string;
    readonly owner?: { readonly type: string; readonly name: string; readonly urn?: string };
  } = {},
): boolean {
  if (prop.isUnknown) {
    findings.unknown(
      couldNotCheck(prop, options.expectation ?? `is ${requirement}`, options.owner),
    );
    return false;
  }
  if (ok(prop)) {
    return true;
  }
  findings.violation(mustBe(prop, requirement, options.owner), options.owner?.urn);
  return false;
}
