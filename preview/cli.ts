/**
 * `npm start -- [options]`: the offline preview of a stack. Runs the program under the mock runtime
 * with the stack's real config, prints the resource tree and writes the JSON report.
 *
 * Exit codes: 0 success, 1 mandatory policy violations, 2 a config or program error.
 */
import * as fs from "fs";
import * as path from "path";
import { ProgramError, runProgram, type RunOptions, type RunResult } from "./engine";
import {
  PolicyConfigError,
  PolicyPackCallError,
  PolicyPackStartError,
  renderPolicyRun,
  runPolicyPacks,
  type PolicyRunResult,
} from "./policy";
import { ObjectivesOutputError, readObjectives, renderObjectivesReport } from "./objectives-report";
import { buildReport } from "./report";
import { RUNBOOK_FLAG, writeRunbooks } from "./runbook-report";
import { renderSummary, renderTree } from "./render-tree";
import { ProjectFileError } from "./stack-files";

export interface CliOptions {
  readonly stack: string;
  readonly programDir: string;
  readonly jsonFile?: string;
  /** Where `--runbook` writes the restore runbooks as Markdown. */
  readonly runbookFile?: string;
  readonly policyPacks: readonly string[];
  readonly policyConfig?: string;
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

Previews a stack offline: no Pulumi CLI, no cloud credentials. The program runs under Pulumi's
mock runtime in preview mode with the config of Pulumi.<stack>.yaml.

Options:
  --stack NAME           stack to preview (default: prod)
  --program DIR          directory of a Pulumi TypeScript program with its Pulumi.yaml and stack
                         files (default: this project)
  --json FILE            write the full report as JSON to FILE
  --runbook FILE         write the restore runbook of every dataset as Markdown to FILE
  --policy-pack DIR      run this policy pack too (repeatable; this project's pack runs by default)
  --policy-config FILE   policy configuration (JSON) for the packs
  --no-policy            do not run any policy pack
  --quiet                print only the summary and violations, not the resource tree
  --verbose              print stack traces of program errors
  --help                 show this help

Exit codes: 0 success, 1 mandatory policy violations, 2 a config or program error.`;

/** Thrown for command-line mistakes; the message says what is wrong. */
export class UsageError extends Error {}

const PROJECT_ROOT = path.resolve(__dirname, "..");
export const DEFAULT_POLICY_PACK = path.join(PROJECT_ROOT, "policies");

export function parseArgs(argv: readonly string[]): CliOptions {
  let stack = "prod";
  let programDir = PROJECT_ROOT;
  let jsonFile: string | undefined;
  let runbookFile: string | undefined;
  const packs: string[] = [];
  let policyConfig: string | undefined;
  let noPolicy = false;
  let verbose = false;
  let quiet = false;
  let help = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--stack":
        stack = value(i++, arg);
        break;
      case "--program":
        programDir = path.resolve(value(i++, arg));
        break;
      case "--json":
        jsonFile = path.resolve(value(i++, arg));
        break;
      case RUNBOOK_FLAG:
        runbookFile = path.resolve(value(i++, arg));
        break;
      case "--policy-pack":
        packs.push(path.resolve(value(i++, arg)));
        break;
      case "--policy-config":
        policyConfig = path.resolve(value(i++, arg));
        break;
      case "--no-policy":
        noPolicy = true;
        break;
      case "--verbose":
        verbose = true;
        break;
      case "--quiet":
        quiet = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${JSON.stringify(arg)}.`);
    }
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new UsageError(
      `--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, _ . -).`,
    );
  }
  const policyPacks = noPolicy ? [] : packs.length > 0 ? packs : [DEFAULT_POLICY_PACK];
  return {
    stack,
    programDir,
    jsonFile,
    runbookFile,
    policyPacks,
    policyConfig,
    verbose,
    quiet,
    help,
  };
}

/**
 * The policy config for a pack: the `--policy-config` file when given; otherwise, for this
 * project's own pack, the example config of the stack's environment (`policies/config/<stack>.json`)
 * when there is one.
 */
export function policyConfigFor(
  packDir: string,
  stack: string,
  explicit?: string,
): string | undefined {
  if (explicit !== undefined) return explicit;
  const example = path.join(packDir, "config", `${stack}.json`);
  return path.resolve(packDir) === DEFAULT_POLICY_PACK && fs.existsSync(example)
    ? example
    : undefined;
}

async function runPolicies(options: CliOptions, result: RunResult): Promise<PolicyRunResult> {
  return runPolicyPacks(
    options.policyPacks.map((dir) => ({
      dir,
      config: policyConfigFor(dir, result.stack, options.policyConfig),
    })),
    result.resources,
    { project: result.project, stack: result.stack },
  );
}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Runs the preview and returns the exit code. `run` passes options to the program run that have
 * no command-line flag (`configOverrides`, for what-if previews from code and tests).
 */
export async function main(
  argv: readonly string[],
  io: Output = consoleOutput,
  run: Pick<RunOptions, "configOverrides"> = {},
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const result = await runProgram({
      programDir: options.programDir,
      stack: options.stack,
      fullStackTraces: options.verbose,
      configOverrides: run.configOverrides,
    });
    const objectives = readObjectives(result.outputs);
    const baseReport = buildReport({
      stack: result.stack,
      project: result.project,
      program: result.programDir,
      resources: result.resources,
      outputs: result.outputs,
    });
    const report =
      objectives === undefined ? baseReport : { ...baseReport, objectives: objectives.rows };
    io.out(`Previewing stack ${result.project}/${result.stack} (offline, preview mode)\n`);
    if (!options.quiet) io.out(renderTree(result.resources));
    io.out(`\n${renderSummary(result.resources)}`);
    for (const key of result.secretPlaceholders) {
      io.out(`note: ${key} holds secure values; the offline preview used a placeholder for them.`);
    }
    if (objectives !== undefined) io.out(`\n${renderObjectivesReport(objectives)}`);
    let mandatory = 0;
    let fullReport = report;
    if (options.policyPacks.length > 0) {
      const policyRun = await runPolicies(options, result);
      io.out(`\n${renderPolicyRun(policyRun)}`);
      mandatory = policyRun.violations.filter((v) => v.enforcementLevel === "mandatory").length;
      fullReport = {
        ...report,
        policies: {
          packs: policyRun.packs.map((p) => `${p.name}@${p.version}`),
          violations: policyRun.violations,
        },
      };
    }
    if (options.runbookFile !== undefined) {
      const written = writeRunbooks(options.runbookFile, result.stack, objectives?.rows ?? []);
      io.out(`Restore runbooks of ${written} datasets written to ${options.runbookFile}`);
    }
    if (options.jsonFile !== undefined) {
      fs.writeFileSync(options.jsonFile, `${JSON.stringify(fullReport, null, 2)}\n`);
      io.out(`Report written to ${options.jsonFile}`);
    }
    return mandatory > 0 ? 1 : 0;
  } catch (err) {
    if (
      err instanceof ProjectFileError ||
      err instanceof ProgramError ||
      err instanceof ObjectivesOutputError ||
      err instanceof PolicyPackStartError ||
      err instanceof PolicyConfigError ||
      err instanceof PolicyPackCallError
    ) {
      io.err(`error: ${err.message}`);
      if (options.verbose) {
        const cause = err instanceof ProgramError ? err.cause : err;
        if (cause instanceof Error && cause.stack !== undefined) io.err(cause.stack);
      }
      return 2;
    }
    throw err;
  }
}
