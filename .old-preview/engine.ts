/**
 * Runs a Pulumi Node.js program offline: the real stack config from `Pulumi.<stack>.yaml`, Pulumi's
 * mock runtime in preview mode, and a recording of every registration.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumiType from "@pulumi/pulumi";
import { RecordingMocks, type MonitorLike } from "./recorder";
import { readProjectFile, readStackFile, type StackConfigFile } from "./stack-files";
import type { RecordedResource } from "./types";

type PulumiModule = typeof pulumiType;

interface RuntimeInternals {
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  waitForRPCs(): Promise<void>;
  getMonitor(): MonitorLike | undefined;
  resetErrorCount(): void;
  errorCount(): number;
  Resource: { callsites: () => unknown[] };
}

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
}

export interface RunResult {
  readonly project: string;
  readonly stack: string;
  readonly programDir: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
  /** Config keys whose `secure:` values were replaced by a placeholder. */
  readonly secretPlaceholders: readonly string[];
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

function requireFrom<T>(dir: string, id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(id, { paths: [dir, __dirname] })) as T;
}

function loadRuntime(programDir: string): { pulumi: PulumiModule; internals: RuntimeInternals } {
  const pulumi = requireFrom<PulumiModule>(programDir, "@pulumi/pulumi");
  const stack = requireFrom<Pick<RuntimeInternals, "runInPulumiStack">>(
    programDir,
    "@pulumi/pulumi/runtime/stack",
  );
  const settings = requireFrom<{
    waitForRPCs(): Promise<void>;
    getMonitor(): MonitorLike | undefined;
  }>(programDir, "@pulumi/pulumi/runtime/settings");
  const state = requireFrom<{ getStore(): { logErrorCount: number } }>(
    programDir,
    "@pulumi/pulumi/runtime/state",
  );
  const resource = requireFrom<{ Resource: RuntimeInternals["Resource"] }>(
    programDir,
    "@pulumi/pulumi/resource",
  );
  return {
    pulumi,
    internals: {
      runInPulumiStack: (init) => stack.runInPulumiStack(init),
      waitForRPCs: () => settings.waitForRPCs(),
      getMonitor: () => settings.getMonitor(),
      resetErrorCount: () => {
        state.getStore().logErrorCount = 0;
      },
      errorCount: () => state.getStore().logErrorCount,
      Resource: resource.Resource,
    },
  };
}

let tsNodeRegistered = false;

function ensureTypeScript(programDir: string): void {
  const already = (process as unknown as Record<symbol, unknown>)[
    Symbol.for("ts-node.register.instance")
  ];
  if (tsNodeRegistered || already !== undefined) return;
  const tsNode = requireFrom<typeof import("ts-node")>(programDir, "ts-node");
  const project = path.join(programDir, "tsconfig.json");
  tsNode.register({
    transpileOnly: true,
    project: fs.existsSync(project) ? project : undefined,
    compilerOptions: { module: "commonjs" },
  });
  tsNodeRegistered = true;
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
  internals: RuntimeInternals,
  full: boolean,
  body: () => Promise<T>,
): Promise<T> {
  if (full) return body();
  const resource = internals.Resource;
  const originalCallsites = resource.callsites;
  const originalLimit = Error.stackTraceLimit;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was, never called here
  const originalPrepare = Error.prepareStackTrace;
  resource.callsites = () => {
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
    }
  };
  Error.stackTraceLimit = 0;
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  return body().finally(() => {
    resource.callsites = originalCallsites;
    Error.stackTraceLimit = originalLimit;
    Error.prepareStackTrace = originalPrepare;
  });
}

function applyOverrides(
  file: StackConfigFile,
  overrides: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const config = { ...file.config };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete config[key];
    else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Runs the program of one stack under the recording mock runtime and returns what it registered. */
export async function runProgram(options: RunOptions): Promise<RunResult> {
  const programDir = path.resolve(options.programDir);
  const project = readProjectFile(programDir);
  const stackFile = readStackFile(programDir, project.name, options.stack);
  const config = applyOverrides(stackFile, options.configOverrides);
  const preview = options.preview ?? true;

  const { pulumi, internals } = loadRuntime(programDir);
  const mocks = options.mocks ?? new RecordingMocks();
  mocks.reset(preview);
  const region = config["aws:region"];
  if (region !== undefined) mocks.region = region;

  pulumi.runtime.setAllConfig(config, stackFile.secretKeys);
  await pulumi.runtime.setMocks(mocks, project.name, options.stack, preview);
  const monitor = internals.getMonitor();
  if (monitor === undefined)
    throw new Error("The mock runtime did not install a resource monitor.");
  mocks.attach(monitor, options.stack, project.name);
  internals.resetErrorCount();

  if (project.main.endsWith(".ts")) ensureTypeScript(programDir);
  forgetProgramModules(project.main);
  const loadedBefore = new Set(Object.keys(require.cache));

  try {
    await withShortStackTraces(internals, options.fullStackTraces ?? false, async () => {
      await internals.runInPulumiStack(async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported: unknown = require(project.main);
        const entry =
          typeof exported === "function"
            ? exported
            : (exported as { default?: unknown } | undefined)?.default;
        if (typeof entry === "function") return await (entry as () => unknown)();
        return exported;
      });
      await internals.waitForRPCs();
    });
  } catch (err) {
    throw new ProgramError(errorMessage(err), err);
  } finally {
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
  };
}
