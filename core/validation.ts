/**
 * Validation primitives shared by the stack configuration and the components.
 *
 * A validator never throws on bad input: it records an {@link Issue} naming the exact path of the
 * offending value (a YAML key path for stack config, an argument path for components), so that
 * every problem of an input is reported at once.
 */

/** One problem with one value. */
export interface Issue {
  /** Where the value sits, for example `hybrid-backup:backup.vault.name` or `rules[0].deleteAfter`. */
  readonly path: string;
  /** The rest of the sentence after the path: what was given and what is allowed. */
  readonly message: string;
}

/** Renders one issue as a whole sentence: `[path] message`. */
export function formatIssue(issue: Issue): string {
  return `[${issue.path}] ${issue.message}`;
}

/** Renders a list of issues, one per line. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join("\n");
}

/** Joins a parent path and a child key the way YAML key paths are written. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") {
    return `${parent}[${key}]`;
  }
  if (parent === "") {
    return key;
  }
  // Pulumi config namespaces end with ':' (`hybrid-backup:`), which is followed directly by the key.
  return parent.endsWith(":") ? `${parent}${key}` : `${parent}.${key}`;
}

/**
 * Collects issues under a path prefix. `at(key)` returns a collector for a child path that shares
 * the same list, so nested validators can be written without knowing where they are called from.
 */
export class Issues {
  private readonly list: Issue[];

  constructor(
    readonly path: string = "",
    list?: Issue[],
  ) {
    this.list = list ?? [];
  }

  /** A collector for a child of this path. */
  at(key: string | number): Issues {
    return new Issues(joinPath(this.path, key), this.list);
  }

  /** A collector for an unrelated path that shares this collector's list. */
  elsewhere(path: string): Issues {
    return new Issues(path, this.list);
  }

  /** Records an issue for this path. */
  add(message: string): void {
    this.list.push({ path: this.path, message });
  }

  /** Records an issue for a child of this path. */
  addAt(key: string | number, message: string): void {
    this.at(key).add(message);
  }

  get all(): readonly Issue[] {
    return this.list;
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws a {@link ValidationError} when any issue was recorded. */
  throwIfAny(subject: string): void {
    if (this.list.length > 0) {
      throw new ValidationError(subject, this.list);
    }
  }
}

/** Thrown when an input has one or more issues; the message lists every one of them. */
export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly issues: readonly Issue[],
  ) {
    const noun = issues.length === 1 ? "problem" : "problems";
    super(`${subject} has ${issues.length} ${noun}:\n${formatIssues(issues)}`);
    this.name = "ValidationError";
  }
}

/** Describes a value for an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  }
  if (value === undefined) {
    return "undefined";
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return String(value);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return typeof value === "symbol" ? value.toString() : typeof value;
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Records an issue unless `value` is an integer in [min, max]. Returns whether it was valid. */
export function checkIntRange(
  issues: Issues,
  value: number,
  min: number,
  max: number,
  unit = "",
): boolean {
  if (Number.isInteger(value) && value >= min && value <= max) {
    return true;
  }
  const suffix = unit === "" ? "" : ` ${unit}`;
  issues.add(`is ${show(value)}, but must be a whole number from ${min} to ${max}${suffix}.`);
  return false;
}

/** Records an issue unless `value` matches `pattern`; `rule` says in words what is allowed. */
export function checkPattern(
  issues: Issues,
  value: string,
  pattern: RegExp,
  rule: string,
): boolean {
  if (pattern.test(value)) {
    return true;
  }
  issues.add(`is ${show(value)}, but ${rule}.`);
  return false;
}

/** Records an issue unless `value` is one of `allowed`. */
export function checkOneOf<T extends string | number>(
  issues: Issues,
  value: T,
  allowed: readonly T[],
): boolean {
  if (allowed.includes(value)) {
    return true;
  }
  issues.add(`is ${show(value)}, but must be one of ${allowed.map((a) => show(a)).join(", ")}.`);
  return false;
}

/**
 * Records an issue for every value that occurs more than once in `values`, at its later index
 * (and at `field` of that element, when the values were taken from a field of a list of objects).
 */
export function checkUnique(
  issues: Issues,
  values: readonly string[],
  what: string,
  field?: string,
): boolean {
  const seen = new Map<string, number>();
  let ok = true;
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
      return;
    }
    ok = false;
    const at = field === undefined ? issues.at(index) : issues.at(index).at(field);
    at.add(`repeats the ${what} ${show(value)} already used at index ${first}.`);
  });
  return ok;
}
