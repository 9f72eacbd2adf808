/**
 * Where the gate's own files are. `npm start` runs the gate compiled (from `preview/bin`); tests and
 * `ts-node` run it from its sources. Every path the gate derives from its own location comes from
 * here, so both forms find the same files.
 */
import * as path from "node:path";

/** Whether this module was loaded as compiled JavaScript rather than from its sources. */
export const RUNS_COMPILED = path.extname(__filename) === ".js";

/** The repository root: this project's own program and its policy pack. */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  ...(RUNS_COMPILED ? ["..", "..", ".."] : [".."]),
);

/** The module the gate forks to run or type check a program, in the form of this one. */
export const RUNNER_MODULE = path.join(__dirname, `runner${path.extname(__filename)}`);

/** The module hooks that load TypeScript ES modules (plain JavaScript, never compiled). */
export const ESM_HOOKS = path.join(PROJECT_ROOT, "preview", "esm-hooks.mjs");

/** The ts-node transpiler that remembers its outputs, in the form of this module. */
export const TRANSPILE_CACHE_MODULE = path.join(
  __dirname,
  `transpile-cache${path.extname(__filename)}`,
);
