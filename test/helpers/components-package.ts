/**
 * The components as other programs get them: the package in `components/`, compiled into its
 * `bin/` once per test run, and the example program that consumes it.
 */
import { spawnSync } from "child_process";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const COMPONENTS_DIR = path.join(REPO_ROOT, "components");
export const SCHEDULE_DIR = path.join(REPO_ROOT, "packages", "aws-schedule");
export const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "minimal");
export const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

/** Runs a command to completion and returns its standard output; throws with all output on failure. */
export function runCommand(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} in ${cwd} exited with ${String(result.status)}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

let built = false;

/**
 * Compiles the schedule package into its `dist` and the components into `components/bin` (what
 * `npm run build` does), once per test run.
 */
export function buildComponents(): void {
  if (built) return;
  const projects = [SCHEDULE_DIR, COMPONENTS_DIR].map((dir) => path.join(dir, "tsconfig.json"));
  // Incremental, as `npm run build`: next to nothing when the outputs are current.
  runCommand(process.execPath, [TSC, "-b", ...projects], REPO_ROOT);
  built = true;
}
