/**
 * Runs a Pulumi Node.js program offline: the real stack config from `Pulumi.<stack>.yaml`, Pulumi's
 * mock runtime in preview mode, and a recording of every registration.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type * as pulumiType from "@pulumi/pulumi";
import { rememberCompiledOutputs, type TsNodeService } from "./compiled-outputs";
import { ESM_HOOKS, PROJECT_ROOT, TRANSPILE_CACHE_MODULE } from "./locations";
import { RecordingMocks, type InvokeSource } from "./recorder";
import {
  applyOverrides,
  effectiveConfig,
  readProjectFile,
  readStackFile,
  type ProjectFile,
} from "./stack-files";
import {
  isSupportedSdk,
  loadSdkInternals,
  requireFrom,
  sdkVersion,
  type SdkInternals,
} from "./sdk-internals";
import type { RecordedResource } from "./types";

type PulumiModule = typeof pulumiType;

export interface RunOptions {
  /** Directory holding `Pulumi.yaml` and the stack files. */
  readonly programDir: string;
  readonly stack: string;
  /** Preview (the default) leaves provider-computed values unknown, as `pulumi preview` does. */
  readonly preview?: boolean;
  /**
   * Replaces whole config keys (fully qualified, e.g. `hybrid-backup:backup`) before the run;
   * `undefined` removes a key. Values are given as parsed YAML.
   */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Keeps full, source-mapped stack traces for every resource (slower; for debugging). */
  readonly fullStackTraces?: boolean;
  /** The recorder to use; a new one by default. */
  readonly mocks?: RecordingMocks;
  /**
   * Answers the common AWS invokes offline, these answers first (by token), and any other invoke
   * as unknown, as the offline gate does. Without it, an invoke the recorder does not know fails.
   */
  readonly offlineInvokes?: Readonly<Record<string, Record<string, unknown>>>;
  /** Runs the program in its own folder (`process.chdir`), as the language host does. */
  readonly chdir?: boolean;
}

export interface RunResult {
  readonly project: string;
  readonly stack: string;
  readonly programDir: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
  /** Config keys whose `secure:` values were replaced by a placeholder. */
  readonly secretPlaceholders: readonly string[];
  /** Each invoke the program called, with how it was answered. */
  readonly invokes: Readonly<Record<string, InvokeSource>>;
  /** The stack config the program saw (fully qualified keys, wire form). */
  readonly config: Readonly<Record<string, string>>;
}

/** A failure of the program itself (bad config, a component's validation, a crash). */
export class ProgramError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "ProgramError";
  }
}

/** The @pulumi/pulumi the program imports: its own copy first, else the one beside the gate. */
function checkSdk(programDir: string): void {
  let version: string;
  try {
    version = sdkVersion(programDir);
  } catch {
    throw new ProgramError(
      `The program in ${programDir} cannot load @pulumi/pulumi: install its dependencies (npm install) first.`,
    );
  }
  if (!isSupportedSdk(version)) {
    throw new ProgramError(
      `The program uses @pulumi/pulumi ${version}, but the offline gate runs programs on Pulumi SDK 3.x or later; upgrade @pulumi/pulumi in the program's package.json.`,
    );
  }
}

function loadRuntime(programDir: string): { pulumi: PulumiModule; internals: SdkInternals } {
  checkSdk(programDir);
  const pulumi = requireFrom<PulumiModule>(programDir, "@pulumi/pulumi");
  return { pulumi, internals: loadSdkInternals(programDir) };
}

const tsScopes = new Set<string>();

/**
 * Lets `require` load the program's TypeScript files, with the program's own tsconfig.json (as
 * CommonJS, which is how they are loaded). The gate's own ts-node instance serves this project's
 * program; another program with a tsconfig.json gets an instance scoped to its folder.
 */
function ensureTypeScript(programDir: string): void {
  const already = (process as unknown as Record<symbol, TsNodeService | undefined>)[
    Symbol.for("ts-node.register.instance")
  ];
  const project = path.join(programDir, "tsconfig.json");
  const own = fs.existsSync(project) && path.resolve(programDir) !== PROJECT_ROOT;
  if (tsScopes.has(programDir)) return;
  if (already !== undefined && !own) {
    rememberCompiledOutputs(already);
    return;
  }
  const tsNode = requireFrom<typeof import("ts-node")>(programDir, "ts-node");
  const hasProject = fs.existsSync(project);
  const service = tsNode.register({
    transpileOnly: true,
    project: hasProject ? project : undefined,
    skipProject: !hasProject,
    // A program that configures ts-node itself (swc, its own transpiler) keeps its choice.
    ...(hasProject && /"ts-node"\s*:/.test(fs.readFileSync(project, "utf8"))
      ? {}
      : { transpiler: TRANSPILE_CACHE_MODULE }),
    ...(already === undefined ? {} : { scope: true, scopeDir: programDir }),
    compilerOptions: { module: "commonjs", moduleResolution: "node" },
  });
  rememberCompiledOutputs(service);
  tsScopes.add(programDir);
}

/** `import()` that TypeScript leaves alone when it compiles this file to CommonJS. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importModule = new Function("specifier", "return import(specifier)") as (
  specifier: string,
) => Promise<Record<string, unknown>>;

let esmHooksRegistered = false;

/** Lets `import()` load TypeScript ES modules (.ts in a "type": "module" package, .mts). */
function ensureEsmTypeScript(programDir: string): void {
  if (esmHooksRegistered) return;
  const typescript = require.resolve("typescript", { paths: [programDir, __dirname] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeModule = require("node:module") as {
    register(specifier: string, parentURL: string, options: { data: unknown }): void;
  };
  nodeModule.register(pathToFileURL(ESM_HOOKS).href, pathToFileURL(__filename).href, {
    data: { typescript: pathToFileURL(typescript).href },
  });
  esmHooksRegistered = true;
}

/** What a run is waiting for, for a program that ended with work pending. */
interface ActiveRun {
  readonly internals: SdkInternals;
  /** Stack outputs (exports) by name, and whether each has settled. */
  readonly exports: Map<string, boolean>;
  loaded: boolean;
}

let activeRun: ActiveRun | undefined;

/**
 * What the current run still waits for: the entry module itself (top-level await), stack outputs
 * whose promise never settled, and resource registrations that never completed. Undefined when
 * no run is active.
 */
export function pendingWork(): string[] | undefined {
  if (activeRun === undefined) return undefined;
  const pending: string[] = [];
  if (!activeRun.loaded) pending.push("the program's entry module (a top-level await)");
  for (const [name, settled] of activeRun.exports) {
    if (!settled) pending.push(`the stack output "${name}"`);
  }
  for (const reg of activeRun.internals.pendingRegistrations()) {
    pending.push(`the registration of ${reg.type} "${reg.name}" (waiting for its ${reg.phase})`);
  }
  return pending;
}

function trackExports(run: ActiveRun, exported: unknown): void {
  if (typeof exported !== "object" || exported === null) return;
  for (const [name, value] of Object.entries(exported as Record<string, unknown>)) {
    if (name === "default" || name === "__esModule") continue;
    const candidate = value as { promise?: unknown; then?: unknown } | null | undefined;
    let promise: Promise<unknown> | undefined;
    if (typeof candidate?.promise === "function") {
      promise = (candidate.promise as () => Promise<unknown>)();
    } else if (typeof candidate?.then === "function") {
      promise = Promise.resolve(candidate);
    }
    if (promise === undefined) continue;
    run.exports.set(name, false);
    const settle = (): void => {
      run.exports.set(name, true);
    };
    promise.then(settle, settle);
  }
}

async function loadEntry(project: ProjectFile, run: ActiveRun): Promise<unknown> {
  let exported: unknown;
  if (project.moduleKind === "esm") {
    if (/\.[mc]?ts$/.test(project.main)) ensureEsmTypeScript(path.dirname(project.main));
    const namespace = await importModule(pathToFileURL(project.main).href);
    run.loaded = true;
    const { default: main, ...named } = namespace;
    exported =
      typeof main === "function"
        ? main
        : { ...named, ...(main === undefined ? {} : { default: main }) };
  } else {
    if (/\.[mc]?ts$/.test(project.main)) ensureTypeScript(path.dirname(project.main));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(project.main);
    run.loaded = true;
  }
  const entry =
    typeof exported === "function"
      ? exported
      : (exported as { default?: unknown } | undefined)?.default;
  const outputs: unknown =
    typeof entry === "function" ? await (entry as () => unknown)() : exported;
  trackExports(run, outputs);
  return outputs;
}

/** Modules a program run loaded first, forgotten before the next run so it evaluates them again. */
const programModules = new Set<string>();

/**
 * Forgets the entry file and every module an earlier run loaded first, so that the next run
 * evaluates the program afresh. Modules that were loaded before any run (by the caller, such as a
 * test file and its helpers) are kept: forgetting them would split their state in two.
 */
function forgetProgramModules(main: string): void {
  delete require.cache[main];
  for (const id of programModules) delete require.cache[id];
  programModules.clear();
}

function rememberProgramModules(programDir: string, before: ReadonlySet<string>): void {
  const root = path.resolve(programDir) + path.sep;
  for (const id of Object.keys(require.cache)) {
    if (
      !before.has(id) &&
      id.startsWith(root) &&
      !id.includes(`${path.sep}node_modules${path.sep}`)
    ) {
      programModules.add(id);
    }
  }
}

/**
 * The SDK captures a call stack for every resource (its source position) and for every internal
 * promise, and under ts-node each capture is translated through source maps: most of the run time
 * of a large program. Unless full traces are asked for, captures are kept short and untranslated
 * while the program runs; the resource's own source position keeps the frames it needs.
 */
function withShortStackTraces<T>(
  internals: SdkInternals,
  full: boolean,
  body: () => Promise<T>,
): Promise<T> {
  if (full) return body();
  const originalLimit = Error.stackTraceLimit;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, never called here
  const originalPrepare = Error.prepareStackTrace;
  const restoreCallsites = internals.replaceCallsites(() => {
    // ts-node installs its source-mapping formatter again when it registers for the program.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back below, never called here
    const prepare = Error.prepareStackTrace;
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    Error.stackTraceLimit = 8;
    try {
      const stack = new Error().stack ?? "";
      return stack
        .split("\n")
        .slice(1)
        .map((frame) => {
          const match = /^\s*at .* \((?<file>.*):(?<line>[0-9]+):(?<column>[0-9]+)\)$/.exec(frame);
          const groups = match?.groups;
          if (groups?.file === undefined || groups.file.startsWith("node:")) return {};
          return { file: groups.file, line: Number(groups.line), column: Number(groups.column) };
        });
    } finally {
      Error.stackTraceLimit = 0;
      Error.prepareStackTrace = prepare;
    }
  });
  Error.stackTraceLimit = 0;
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  return body().finally(() => {
    restoreCallsites();
    Error.stackTraceLimit = originalLimit;
    Error.prepareStackTrace = originalPrepare;
  });
}

/**
 * Errors a program threw and `runProgram` reported as a {@link ProgramError}. The Pulumi runtime
 * also rejects the stack's own output with the same error, which nobody awaits; that rejection is
 * the same failure, already reported, and must not end the process with a dump of the error.
 */
const reportedFailures = new WeakSet<object>();
let rejectionFilterInstalled = false;

function ignoreReportedFailures(): void {
  if (rejectionFilterInstalled) return;
  rejectionFilterInstalled = true;
  process.on("unhandledRejection", (reason) => {
    if (typeof reason === "object" && reason !== null && reportedFailures.has(reason)) return;
    throw reason;
  });
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Runs the program of one stack under the recording mock runtime and returns what it registered. */
export async function runProgram(options: RunOptions): Promise<RunResult> {
  const programDir = path.resolve(options.programDir);
  const project = readProjectFile(programDir);
  const stackFile = effectiveConfig(
    project,
    readStackFile(programDir, project.name, options.stack),
  );
  const config = applyOverrides(stackFile, options.configOverrides);
  const preview = options.preview ?? true;

  const { pulumi, internals } = loadRuntime(programDir);
  const mocks = options.mocks ?? new RecordingMocks();
  mocks.reset(preview);
  if (options.offlineInvokes !== undefined) mocks.useOfflineAnswers(options.offlineInvokes);
  const region = config["aws:region"];
  if (region !== undefined) mocks.region = region;

  pulumi.runtime.setAllConfig(config, stackFile.secretKeys);
  await pulumi.runtime.setMocks(mocks, project.name, options.stack, preview);
  const monitor = internals.getMonitor();
  if (monitor === undefined)
    throw new Error("The mock runtime did not install a resource monitor.");
  mocks.attach(monitor, options.stack, project.name);
  internals.resetErrorCount();

  if (options.chdir === true) process.chdir(project.workDir);
  forgetProgramModules(project.main);
  const loadedBefore = new Set(Object.keys(require.cache));
  const run: ActiveRun = { internals, exports: new Map(), loaded: false };
  activeRun = run;

  try {
    await withShortStackTraces(internals, options.fullStackTraces ?? false, async () => {
      await internals.runInPulumiStack(() => loadEntry(project, run));
      await internals.waitForRPCs();
    });
  } catch (err) {
    if (typeof err === "object" && err !== null) {
      reportedFailures.add(err);
      ignoreReportedFailures();
    }
    throw new ProgramError(errorMessage(err), err);
  } finally {
    activeRun = undefined;
    rememberProgramModules(programDir, loadedBefore);
  }
  const logged = internals.errorCount();
  if (logged > 0) {
    throw new ProgramError(`The program logged ${logged} error${logged === 1 ? "" : "s"}.`);
  }
  const stackResource = mocks.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const outputs = stackResource === undefined ? {} : mocks.registeredOutputs.get(stackResource.urn);
  return {
    project: project.name,
    stack: options.stack,
    programDir,
    resources: [...mocks.resources],
    outputs: outputs ?? {},
    secretPlaceholders: stackFile.placeholders,
    invokes: Object.fromEntries(mocks.invokes),
    config,
  };
}
