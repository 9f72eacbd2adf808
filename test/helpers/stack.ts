/**
 * Runs or reads the stacks of this project: the config of a stack file as the program sees it, and
 * a whole-stack run under the recording mock runtime.
 */
import * as path from "path";
import { NAMESPACE } from "../../config/stack-config";
import { runProgram, type RunResult } from "../../preview/engine";
import { readStackFile } from "../../preview/stack-files";
import { mocks } from "./mocks";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const STACKS = ["prod", "staging"] as const;

export interface StackValues {
  /** Every `hybrid-backup:` key without the namespace, parsed. */
  readonly values: Record<string, unknown>;
  readonly region: unknown;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The parsed config of a stack file, split into the project's keys and `aws:region`. */
export function stackValues(stack: string): StackValues {
  const file = readStackFile(REPO_ROOT, "hybrid-backup", stack);
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(file.config)) {
    if (key.startsWith(NAMESPACE)) values[key.slice(NAMESPACE.length)] = parse(text);
  }
  return { values, region: parse(file.config["aws:region"] ?? "") };
}

/** Runs a stack of this project under the test mocks (preview mode by default). */
export function runStack(
  stack: string,
  configOverrides?: Record<string, unknown>,
  preview = true,
): Promise<RunResult> {
  return runProgram({ programDir: REPO_ROOT, stack, configOverrides, preview, mocks });
}
