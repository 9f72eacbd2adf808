/**
 * `npm start -- [options]`: the offline gate. Runs a Pulumi program (this project's or any team's)
 * in a child process under the mock runtime with its stack's real config, prints the resource
 * tree, runs the policy packs and writes the JSON report.
 *
 * Exit codes: 0 every check passed on everything the program declares; 1 mandatory policy
 * violations; 2 the program, its config or the gate failed; 3 the run was incomplete.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs as parseNodeArgs } from "node:util";
import { loadMocksFile, MocksFileError } from "./invokes";
import { PROJECT_ROOT } from "./locations";
import { ResourceFeed } from "./policy/resource-feed";
// The policy driver (gRPC, protobuf) loads only when packs run, while the program runs.
import type * as PolicyDriver from "./policy";
import { PolicyConfigError } from "./policy/config";
import { PolicyPackCallError, PolicyPackStartError } from "./policy/errors";
import { ObjectivesOutputError, readObjectives, renderObjectivesReport } from "./objectives-report";
import { buildReport } from "./report";
import { writeRunbooks } from "./runbook-report";
import { renderSummary, renderTree } from "./render-tree";
import { runInSandbox, type SandboxOutcome } from "./sandbox";
import type { PreviewReport } from "./types";
import {
  applyOverrides,
  effectiveConfig,
  ProjectFileError,
  readProjectFile,
  readStackFile,
  type ProjectFile,
} from "./stack-files";

/** The exit codes of the gate; each means one thing. */
export const EXIT = {
  /** Every check passed on everything the program declares. */
  ok: 0,
  /** Mandatory policy violations. */
  violations: 1,
  /** The program, its config or the gate failed. */
  failed: 2,
  /** The gate could not see everything the program declares (remote components). */
  incomplete: 3,
} as const;

/** Seconds a program may run before the gate stops it. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

export interface CliOptions {
  readonly stack: string;
  readonly programDir: string;
  readonly jsonFile?: string;
  /** Where `--runbook` writes the restore runbooks as Markdown. */
  readonly runbookFile?: string;
  readonly policyPacks: readonly string[];
  readonly policyConfig?: string;
  readonly mocksFile?: string;
  readonly timeoutSeconds: number;
  readonly typeCheck: boolean;
  readonly allowIncomplete: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

Previews a Pulumi program offline: no Pulumi CLI, no cloud credentials. The program runs in a
child process under Pulumi's mock runtime in preview mode, with the config of Pulumi.yaml and
Pulumi.<stack>.yaml, and the policy packs check what it declares.

Options:
  --stack NAME           stack to preview (default: prod)
  --program DIR          folder of a Pulumi Node.js program (Pulumi.yaml and stack files;
                         default: this project)
  --json FILE            write the full report as JSON to FILE (checked writable before the run)
  --runbook FILE         write the restore runbook of every dataset as Markdown to FILE
  --policy-pack DIR      run this policy pack (repeatable; this project's pack runs by default)
  --policy-config FILE   policy configuration (JSON) for the packs
  --no-policy            do not run any policy pack
  --mocks FILE           answers to invokes (JSON or YAML, keyed by invoke token); they replace
                         the offline answers
  --timeout SECONDS      stop the program after this long (default: ${DEFAULT_TIMEOUT_SECONDS})
  --no-typecheck         do not type check a TypeScript program (as PULUMI_NODEJS_TRANSPILE_ONLY)
  --allow-incomplete     exit 0 instead of 3 when remote components hid part of the program
  --quiet                print only the summary and violations, not the resource tree
  --verbose              print stack traces of program errors
  --help                 show this help

Exit codes: 0 every check passed, 1 mandatory policy violations, 2 the program, its config or
the gate failed, 3 incomplete (remote components the gate cannot see into).`;

/** Thrown for command-line mistakes; the message says what is wrong. */
export class UsageError extends Error {}

export const DEFAULT_POLICY_PACK = path.join(PROJECT_ROOT, "policies");

/** The name of this project in its Pulumi.yaml: programs of that project are this project's stacks. */
function ownProjectName(): string {
  return readProjectFile(PROJECT_ROOT).name;
}

const OPTIONS = {
  stack: { type: "string" },
  program: { type: "string" },
  json: { type: "string" },
  runbook: { type: "string" },
  "policy-pack": { type: "string", multiple: true },
  "policy-config": { type: "string" },
  "no-policy": { type: "boolean" },
  mocks: { type: "string" },
  timeout: { type: "string" },
  "no-typecheck": { type: "boolean" },
  "allow-incomplete": { type: "boolean" },
  verbose: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function usageMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown !== null) {
    return `Unknown option ${JSON.stringify(unknown[1])}.`;
  }
  const missing = /Option '(-\w, )?(--[\w-]+)/.exec(message);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && missing !== null) {
    return `${missing[2]} needs a value.`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `Unexpected argument: ${message.replace(/^.*'([^']*)'.*$/s, '"$1"')}; options start with --.`;
  }
  return message;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  let values: ReturnType<typeof parseNodeArgs<{ options: typeof OPTIONS; strict: true }>>["values"];
  try {
    ({ values } = parseNodeArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (err) {
    throw new UsageError(usageMessage(err));
  }
  for (const [flag, value] of Object.entries(values)) {
    if (typeof value === "string" && value.startsWith("--")) {
      throw new UsageError(`--${flag} needs a value.`);
    }
  }
  const stack = values.stack ?? "prod";
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new UsageError(
      `--stack ${JSON.stringify(stack)} is not a stack name (letters, digits, _ . -).`,
    );
  }
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    timeoutSeconds = Number(values.timeout);
    if (
      !/^[0-9]+(\.[0-9]+)?$/.test(values.timeout) ||
      timeoutSeconds <= 0 ||
      timeoutSeconds > 86400
    ) {
      throw new UsageError(
        `--timeout ${JSON.stringify(values.timeout)} is not a number of seconds between 0 and 86400.`,
      );
    }
  }
  const packs = (values["policy-pack"] ?? []).map((p) => path.resolve(p));
  const transpileOnly = /^(1|true)$/i.test(process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "");
  return {
    stack,
    programDir: values.program === undefined ? PROJECT_ROOT : path.resolve(values.program),
    jsonFile: values.json === undefined ? undefined : path.resolve(values.json),
    runbookFile: values.runbook === undefined ? undefined : path.resolve(values.runbook),
    policyPacks:
      values["no-policy"] === true ? [] : packs.length > 0 ? packs : [DEFAULT_POLICY_PACK],
    policyConfig:
      values["policy-config"] === undefined ? undefined : path.resolve(values["policy-config"]),
    mocksFile: values.mocks === undefined ? undefined : path.resolve(values.mocks),
    timeoutSeconds,
    typeCheck: values["no-typecheck"] !== true && !transpileOnly,
    allowIncomplete: values["allow-incomplete"] === true,
    verbose: values.verbose === true,
    quiet: values.quiet === true,
    help: values.help === true,
  };
}

/** Refuses a path a report of `flag` could not be written to, before anything runs. */
export function checkWritable(file: string, flag = "--json"): void {
  const dir = path.dirname(file);
  const refuse = (why: string): never => {
    throw new UsageError(`${flag} ${file} cannot be written: ${why}.`);
  };
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    refuse(`the folder ${dir} does not exist`);
  }
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory()) refuse("it is a folder");
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch {
      refuse("the file is not writable");
    }
    return;
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    refuse(`the folder ${dir} is not writable`);
  }
}

/**
 * The policy config for a pack: the `--policy-config` file when given; otherwise, for this
 * project's own pack on a stack of this project, the config of the stack's `environment`
 * (`policies/config/<environment>.json`) when there is one; otherwise none (the pack's defaults).
 */
export function policyConfigFor(
  packDir: string,
  environment: string | undefined,
  explicit?: string,
): string | undefined {
  if (explicit !== undefined) return explicit;
  if (environment === undefined || path.resolve(packDir) !== DEFAULT_POLICY_PACK) return undefined;
  const file = path.join(packDir, "config", `${environment}.json`);
  return fs.existsSync(file) ? file : undefined;
}

/** The `environment` of a stack of this project, from the config the program sees. */
function environmentOf(
  projectName: string,
  config: Readonly<Record<string, string>>,
  own: boolean,
): string | undefined {
  if (!own) return undefined;
  const value = config[`${projectName}:environment`];
  return value !== undefined && /^[a-z][a-z0-9-]*$/.test(value) ? value : undefined;
}

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Options of a run given from code, with no command-line flag. */
export interface MainRunOptions {
  /** Replaces whole config keys (fully qualified) before the run, for what-if previews. */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Receives the peak memory of the program's process (for benchmarks). */
  readonly onProgramStats?: (stats: {
    readonly maxRssMiB: number;
    readonly cpuSeconds: number;
  }) => void;
}

/** A failure of the program, its config or the gate: exit 2 with one plain paragraph. */
class GateFailure extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

function unknownInvokes(invokes: Readonly<Record<string, string>>): string[] {
  return Object.entries(invokes)
    .filter(([, source]) => source === "unknown")
    .map(([token]) => token);
}

function failureOf(outcome: Exclude<SandboxOutcome, { kind: "ok" }>): GateFailure {
  switch (outcome.kind) {
    case "error": {
      const unknown = unknownInvokes(outcome.invokes);
      const hint =
        unknown.length === 0
          ? ""
          : `${/[.!?]$/.test(outcome.message) ? "" : "."} The program called ${unknown.join(", ")}, which the gate cannot answer offline (its result is unknown during preview); give an answer with --mocks FILE.`;
      // Messages of the gate's own checks ("The program uses ...") stand alone.
      const message = outcome.message.startsWith("The program ")
        ? outcome.message
        : `The program failed: ${outcome.message}`;
      return new GateFailure(`${message}${hint}`, outcome.stack);
    }
    case "pending":
      return new GateFailure(
        outcome.pending.length === 0
          ? "The program ended with promises still pending that the gate cannot name; every promise the program creates must settle."
          : `The program ended with work still pending: ${outcome.pending.join("; ")}. Every promise the program exports or passes to a resource must settle.`,
      );
    case "type-errors": {
      const listed = outcome.errors.slice(0, 5);
      const more = outcome.errors.length - listed.length;
      return new GateFailure(
        `The program does not type check (${outcome.errors.length} error${outcome.errors.length === 1 ? "" : "s"}; --no-typecheck skips the check): ${listed.join(" ")}${more > 0 ? ` ...and ${more} more.` : ""}`,
      );
    }
    case "timeout":
      return new GateFailure(
        `The program timed out after ${outcome.seconds} s and was stopped; raise --timeout if it needs longer.`,
      );
    case "crashed":
      return new GateFailure(outcome.detail);
  }
}

/** Runs the gate and returns its exit code. */
export async function main(
  argv: readonly string[],
  io: Output = consoleOutput,
  run: MainRunOptions = {},
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`error: ${err.message}\n\n${USAGE}`);
    return EXIT.failed;
  }
  try {
    if (options.jsonFile !== undefined) checkWritable(options.jsonFile);
    if (options.runbookFile !== undefined) checkWritable(options.runbookFile, "--runbook");
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`error: ${err.message}`);
    return EXIT.failed;
  }
  if (options.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  try {
    return await preview(options, io, run);
  } catch (err) {
    if (
      err instanceof GateFailure ||
      err instanceof ProjectFileError ||
      err instanceof MocksFileError ||
      err instanceof ObjectivesOutputError ||
      err instanceof PolicyPackStartError ||
      err instanceof PolicyConfigError ||
      err instanceof PolicyPackCallError
    ) {
      io.err(`error: ${err.message}`);
      if (options.verbose && err instanceof GateFailure && err.detail !== undefined) {
        io.err(err.detail);
      }
      return EXIT.failed;
    }
    throw err;
  }
}

async function preview(options: CliOptions, io: Output, run: MainRunOptions): Promise<number> {
  const project: ProjectFile = readProjectFile(options.programDir);
  // Config mistakes are reported before anything runs.
  const stackFile = effectiveConfig(
    project,
    readStackFile(options.programDir, project.name, options.stack),
  );
  const offlineInvokes = options.mocksFile === undefined ? {} : loadMocksFile(options.mocksFile);
  // The packs start while the program runs and analyze each resource as it is registered, as the
  // engine does; they stop starting as soon as the run has failed.
  const feed = options.policyPacks.length > 0 ? new ResourceFeed() : undefined;
  const outcomePromise = runInSandbox({
    programDir: options.programDir,
    stack: options.stack,
    project,
    offlineInvokes,
    configOverrides: run.configOverrides,
    timeoutSeconds: options.timeoutSeconds,
    typeCheck: options.typeCheck,
    fullStackTraces: options.verbose,
    onOutput: (line) => io.err(`[program] ${line}`),
    ...(feed === undefined ? {} : { onResource: (resource) => feed.add(resource) }),
  });
  const cancelPacks = new AbortController();
  const environment = environmentOf(
    project.name,
    applyOverrides(stackFile, run.configOverrides),
    project.name === ownProjectName(),
  );
  const policyRun =
    feed === undefined
      ? undefined
      : import("./policy").then((driver) =>
          driver.runPolicyPacks(
            options.policyPacks.map((dir) => ({
              dir,
              config: policyConfigFor(dir, environment, options.policyConfig),
            })),
            feed,
            { project: project.name, stack: options.stack, signal: cancelPacks.signal },
          ),
        );
  // Awaited once the program has run; a run that failed before surfaces there, not unhandled.
  policyRun?.catch(() => undefined);
  void outcomePromise.then(
    (outcome) => {
      if (outcome.kind === "ok") {
        feed?.end(outcome.result.resources);
        return;
      }
      feed?.fail(new Error("The program did not run to its end."));
      cancelPacks.abort();
    },
    (err: unknown) => {
      feed?.fail(err);
      cancelPacks.abort();
    },
  );
  try {
    return await reportOutcome(options, io, run, outcomePromise, policyRun);
  } finally {
    // The packs have stopped once their run has settled, whichever way.
    await policyRun?.catch(() => undefined);
  }
}

async function reportOutcome(
  options: CliOptions,
  io: Output,
  run: MainRunOptions,
  outcomePromise: Promise<SandboxOutcome>,
  policyRun: Promise<PolicyDriver.PolicyRunResult> | undefined,
): Promise<number> {
  const outcome = await outcomePromise;
  if (outcome.kind !== "ok") throw failureOf(outcome);
  run.onProgramStats?.({ maxRssMiB: outcome.maxRssMiB, cpuSeconds: outcome.cpuSeconds });
  const result = outcome.result;
  const own = result.project === ownProjectName();
  const objectives = own ? readObjectives(result.outputs) : undefined;
  const baseReport = buildReport({
    stack: result.stack,
    project: result.project,
    program: result.programDir,
    resources: result.resources,
    outputs: result.outputs,
  });
  const remote = result.resources.filter((r) => r.remote === true);
  const unknown = unknownInvokes(result.invokes);
  const incomplete = remote.length > 0;
  const report = {
    ...baseReport,
    ...(objectives === undefined ? {} : { objectives: objectives.rows }),
    complete: !incomplete,
    remoteComponents: remote.map((r) => ({ urn: r.urn, type: r.type, name: r.name })),
    invokes: result.invokes,
  };
  io.out(`Previewing stack ${result.project}/${result.stack} (offline, preview mode)\n`);
  if (!options.quiet) io.out(renderTree(result.resources));
  io.out(`\n${renderSummary(result.resources)}`);
  for (const key of result.secretPlaceholders) {
    io.out(`note: ${key} holds secure values; the offline preview used a placeholder for them.`);
  }
  for (const token of unknown) {
    io.out(
      `warning: ${token} has no offline answer; its result is unknown in this preview (answer it with --mocks FILE).`,
    );
  }
  for (const r of remote) {
    io.out(
      `incomplete: ${r.type} "${r.name}" is a remote component: a plugin would create its children, which this preview cannot see or check.`,
    );
  }
  if (objectives !== undefined) io.out(`\n${renderObjectivesReport(objectives)}`);
  let mandatory = 0;
  let fullReport: PreviewReport = report;
  if (policyRun !== undefined) {
    const { renderPolicyRun } = await import("./policy");
    const policies = await policyRun;
    io.out(`\n${renderPolicyRun(policies)}`);
    mandatory = policies.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    fullReport = {
      ...report,
      policies: {
        packs: policies.packs.map((p) => `${p.name}@${p.version}`),
        violations: policies.violations,
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
  if (mandatory > 0) return EXIT.violations;
  if (incomplete && !options.allowIncomplete) {
    io.out(
      `\nIncomplete: ${remote.length} remote component${remote.length === 1 ? "" : "s"} hid part of the program (exit 3; --allow-incomplete accepts it).`,
    );
    return EXIT.incomplete;
  }
  return EXIT.ok;
}
