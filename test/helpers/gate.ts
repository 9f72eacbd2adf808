/**
 * The gate as `npm start` runs it: compiled into `preview/bin`. Specs that run the command get
 * it through here, so it is rebuilt (incrementally, as `npm run build` does) before the first run
 * of each test process and a spec never runs a stale gate.
 */
import * as path from "path";
import { REPO_ROOT, TSC, runCommand } from "./components-package";

const GATE_SCRIPT = path.join(REPO_ROOT, "preview", "bin", "scripts", "preview.js");
let built = false;

/** The node arguments that run the gate with `args`, as `npm start -- <args>` does. */
export function gateArgs(args: readonly string[]): string[] {
  if (!built) {
    runCommand(
      process.execPath,
      [TSC, "-b", path.join(REPO_ROOT, "preview", "tsconfig.json")],
      REPO_ROOT,
    );
    built = true;
  }
  return [GATE_SCRIPT, ...args];
}
