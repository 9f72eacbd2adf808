/**
 * Secrets in stack files: which leaves of a secret config key are written in clear text, and
 * error messages with every secret value taken out. Pure functions of plain values.
 */

/** How a `secure:` leaf looks in a stack file: a map with the single key `secure`. */
function isSecureLeaf(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    "secure" in value
  );
}

function childPath(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : `${path}.${key}`;
}

/**
 * The paths (under `path`) of every scalar leaf of `value` that is not a `secure:` value: in a
 * stack file, each of them is a secret written in clear text.
 */
export function clearTextLeaves(value: unknown, path: string): string[] {
  if (isSecureLeaf(value)) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => clearTextLeaves(item, childPath(path, index)));
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      clearTextLeaves(item, childPath(path, key)),
    );
  }
  return value === undefined || value === null ? [] : [path];
}

/** Every scalar value under `value`, as the text an error message could contain. */
export function secretTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretTexts);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(secretTexts);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return [String(value)];
  }
  return [];
}

/** What stands in a message for a secret value. */
export const REDACTED = "(secret value not shown)";

/**
 * `message` with each secret text replaced by {@link REDACTED}, longest first: every quoted
 * occurrence (`"..."`, how messages show a string), and every bare occurrence of a text of at
 * least `minBareLength` characters (shorter ones would match ordinary words of the message).
 */
export function redact(message: string, secrets: readonly string[], minBareLength = 4): string {
  const texts = [...new Set(secrets.filter((text) => text !== ""))].sort(
    (a, b) => b.length - a.length,
  );
  let result = message;
  for (const text of texts) {
    result = result.split(JSON.stringify(text)).join(REDACTED);
    if (text.length >= minBareLength) result = result.split(text).join(REDACTED);
  }
  return result;
}
