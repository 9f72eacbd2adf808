/**
 * The folders the gate keeps what it may reuse across runs in (compiled program files, clean type
 * checks). What is read back from them is trusted: compiled code is run. So each is a folder of the
 * temporary directory that only the current user owns and may write; a folder that another user
 * could have prepared is not used at all, and the gate only runs slower.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const uid = typeof process.getuid === "function" ? process.getuid() : undefined;

/** The folder `name` of the temporary directory for the current user. */
export function userTempDir(name: string): string {
  return path.join(os.tmpdir(), uid === undefined ? name : `${name}-${uid}`);
}

/** `dir`, created when missing, when only the current user owns and may write it. */
export function privateCacheDir(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
