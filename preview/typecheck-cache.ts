/**
 * Remembers that a program type checked cleanly, with the size and modification time of every
 * file the check read (sources, declarations, tsconfig.json), so that checking an unchanged program
 * again costs a few thousand `stat` calls instead of parsing `@pulumi/aws` anew.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { privateCacheDir, userTempDir } from "./cache-dir";

interface Entry {
  readonly files: ReadonlyArray<readonly [file: string, size: number, mtimeMs: number]>;
}

function cacheFile(key: string): string | undefined {
  // A remembered check lets a program run unchecked: only the current user's own folder counts.
  const dir = privateCacheDir(userTempDir("offline-gate-typecheck"));
  if (dir === undefined) return undefined;
  return path.join(dir, `${createHash("sha256").update(key).digest("hex").slice(0, 24)}.json`);
}

function stamp(file: string): readonly [string, number, number] | undefined {
  try {
    const stat = fs.statSync(file);
    return [file, stat.size, stat.mtimeMs];
  } catch {
    return undefined;
  }
}

/** Whether the last check under `key` was clean and no file it read has changed since. */
export function cleanBefore(key: string): boolean {
  const file = cacheFile(key);
  if (file === undefined) return false;
  let entry: Entry;
  try {
    entry = JSON.parse(fs.readFileSync(file, "utf8")) as Entry;
  } catch {
    return false;
  }
  return entry.files.every(([file, size, mtimeMs]) => {
    const now = stamp(file);
    return now !== undefined && now[1] === size && now[2] === mtimeMs;
  });
}

/** Records a clean check with the files it read; written whole, as checks may run together. */
export function rememberClean(key: string, files: readonly string[]): void {
  const stamps = files.map(stamp).filter((s) => s !== undefined);
  if (stamps.length !== files.length) return;
  const file = cacheFile(key);
  if (file === undefined) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, JSON.stringify({ files: stamps } satisfies Entry), {
      mode: 0o600,
    });
    fs.renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next check slower.
  }
}
