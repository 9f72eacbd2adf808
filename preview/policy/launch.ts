/**
 * Starts a policy pack the way the Pulumi CLI does for a Node.js pack: `node
 * <@pulumi/pulumi/cmd/run-policy-pack> <engine address> .` in the pack directory, then reads the
 * port of the pack's analyzer server from the first line of its stdout.
 *
 * One difference from the CLI, on purpose: the child gets `PULUMI_NODEJS_ENGINE` pointing at an
 * in-process {@link EngineServer}, so `pulumi.log` calls of the pack arrive as structured messages
 * (the CLI gives packs no engine connection; their log calls go to stdout and stderr).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import * as yaml from "js-yaml";
import { EngineServer } from "./engine-server";
import { PolicyPackStartError } from "./errors";

const MANIFEST = "PulumiPolicy.yaml";
const RUNNER = "@pulumi/pulumi/cmd/run-policy-pack";
const STDERR_LIMIT = 64 * 1024;

/** What PulumiPolicy.yaml says about the pack. */
export interface PolicyManifest {
  readonly runtime: string;
  /** Runtime options, passed to the runner as `-key=value` flags like the CLI does. */
  readonly runtimeOptions: Readonly<Record<string, unknown>>;
  /** When set, it replaces the version the pack reports (as in the CLI). */
  readonly version?: string;
  readonly description?: string;
}

/** Identity of the stack under analysis, handed to the pack in the CLI's environment variables. */
export interface StackIdentity {
  readonly project?: string;
  readonly stack?: string;
  readonly organization?: string;
  /** Stack configuration (`PULUMI_CONFIG`), keys fully qualified (`aws:region`). */
  readonly config?: Readonly<Record<string, string>>;
}

export interface LaunchOptions extends StackIdentity {
  /** How long the pack may take to serve its port. @default 120000 */
  readonly startTimeoutMs?: number;
  /** Extra environment variables for the pack process. */
  readonly env?: Readonly<Record<string, string>>;
  /** Stops a pack still starting: the run that wanted it has failed. */
  readonly signal?: AbortSignal;
}

/** A started policy pack process with its engine server. */
export interface RunningPack {
  readonly dir: string;
  readonly manifest: PolicyManifest;
  /** `127.0.0.1:<port>` of the pack's analyzer server. */
  readonly address: string;
  readonly pid: number;
  readonly engine: EngineServer;
  /** Milliseconds from spawning the process to reading its port. */
  readonly startupMs: number;
  /** Lines the pack wrote to stdout after its port, and everything it wrote to stderr. */
  output(): { readonly stdout: readonly string[]; readonly stderr: string };
  /** The exit code or signal once the process has ended, `undefined` while it runs. */
  exitStatus(): string | undefined;
  /** Ends the process (SIGTERM, then SIGKILL after 2 s) and the engine server. */
  stop(): Promise<void>;
}

/** Reads and checks PulumiPolicy.yaml of `dir`. */
export function readManifest(dir: string): PolicyManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new PolicyPackStartError(dir, "missing-directory", `Policy pack ${dir} does not exist.`);
  }
  if (!fs.existsSync(file)) {
    throw new PolicyPackStartError(
      dir,
      "missing-manifest",
      `${dir} is not a policy pack: it has no ${MANIFEST}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PolicyPackStartError(dir, "bad-manifest", `${file} is not valid YAML: ${reason}`);
  }
  const doc = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const runtime = doc.runtime;
  const runtimeName =
    typeof runtime === "string"
      ? runtime
      : typeof runtime === "object" && runtime !== null
        ? (runtime as Record<string, unknown>).name
        : undefined;
  if (runtimeName !== "nodejs") {
    throw new PolicyPackStartError(
      dir,
      "bad-manifest",
      `[${MANIFEST}: runtime] is ${JSON.stringify(runtimeName ?? null)}, but only "nodejs" packs can run here.`,
    );
  }
  const options =
    typeof runtime === "object" && runtime !== null
      ? (runtime as Record<string, unknown>).options
      : undefined;
  return {
    runtime: runtimeName,
    runtimeOptions:
      typeof options === "object" && options !== null ? (options as Record<string, unknown>) : {},
    ...(typeof doc.version === "string" && doc.version !== "" ? { version: doc.version } : {}),
    ...(typeof doc.description === "string" ? { description: doc.description } : {}),
  };
}

function resolveRunner(dir: string): string {
  try {
    return require.resolve(RUNNER, { paths: [dir] });
  } catch {
    throw new PolicyPackStartError(
      dir,
      "missing-dependencies",
      `The dependencies of policy pack ${dir} are not installed: ${RUNNER} cannot be resolved from there; run npm install.`,
    );
  }
}

/**
 * The runner loads the pack's package.json `main`. A compiled pack whose output is missing would
 * crash with a loader error; this says what to run instead.
 */
function checkBuilt(dir: string): void {
  const manifest = path.join(dir, "package.json");
  if (!fs.existsSync(manifest)) return;
  const main = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { main?: unknown }).main;
  if (typeof main !== "string" || main.endsWith(".ts")) return;
  if (!fs.existsSync(path.join(dir, main))) {
    throw new PolicyPackStartError(
      dir,
      "missing-build",
      `Policy pack ${dir} is not built: its main ${main} does not exist; run npm run build (or npm install) there.`,
    );
  }
}

function packEnv(engineAddress: string, options: LaunchOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_ENGINE: engineAddress };
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== "") env[key] = value;
  };
  for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
    set(`${prefix}ORGANIZATION`, options.organization);
    set(`${prefix}PROJECT`, options.project);
    set(`${prefix}STACK`, options.stack);
    set(`${prefix}DRY_RUN`, "true");
  }
  if (options.config !== undefined && Object.keys(options.config).length > 0) {
    env.PULUMI_CONFIG = JSON.stringify(options.config);
  }
  return { ...env, ...options.env };
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Packs must not outlive this process, even when it ends without stopping them. */
function track(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `code ${code ?? "unknown"}`;
}

/**
 * Starts the policy pack in `dir` and waits until it serves its analyzer port. On any failure the
 * process is ended and a {@link PolicyPackStartError} says why, with the pack's stderr and the
 * errors it logged.
 *
 * A pack compiled to JavaScript (package.json `main` pointing at it, as this project's pack does)
 * starts several times faster than a TypeScript one: the runner compiles a `.ts` main with ts-node
 * and always type checks it (`TS_NODE_TRANSPILE_ONLY` is overridden, and
 * `TS_NODE_COMPILER_OPTIONS={"noCheck":true}` through `options.env` saves little).
 */
export async function launchPolicyPack(
  packDir: string,
  options: LaunchOptions = {},
): Promise<RunningPack> {
  const dir = path.resolve(packDir);
  const manifest = readManifest(dir);
  const runner = resolveRunner(dir);
  checkBuilt(dir);
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const engine = await EngineServer.start();

  const flags = Object.entries(manifest.runtimeOptions)
    .map(([key, value]) => [key, String(value)] as const)
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `-${key}=${value}`);
  const started = Date.now();
  const child = spawn(process.execPath, [runner, engine.address, ".", ...flags], {
    cwd: dir,
    env: packEnv(engine.address, options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);

  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk;
  });
  const stdout: string[] = [];
  let exit: string | undefined;
  // "close" rather than "exit": it comes after the pipes have delivered everything.
  const exited = new Promise<string>((resolve) => {
    child.once("close", (code, signal) => {
      exit = describeExit(code, signal);
      resolve(exit);
    });
  });
  child.once("error", (err) => {
    stderr += `${err.message}\n`;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exit === undefined) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 2000);
        await exited;
        clearTimeout(killer);
      }
      await engine.stop();
    })();
    return stopping;
  };

  const failWith = async (
    failure: "crashed" | "bad-handshake" | "timeout" | "cancelled",
    message: () => string,
  ): Promise<never> => {
    await stop();
    // Errors the pack logged (an unhandled exception at load time, for instance) come through the
    // engine server rather than stderr.
    const logged = engine.logs
      .filter((entry) => entry.severity === "error")
      .map((entry) => entry.message.trim());
    const details = [...logged, stderr.trim()].filter((text) => text !== "").join("\n");
    throw new PolicyPackStartError(dir, failure, message(), details);
  };

  const firstLine = new Promise<string | undefined>((resolve) => {
    if (child.stdout === null) {
      resolve(undefined);
      return;
    }
    const lines = readline.createInterface({ input: child.stdout });
    let first = true;
    lines.on("line", (line) => {
      if (first) {
        first = false;
        resolve(line);
      } else {
        stdout.push(line);
      }
    });
    lines.once("close", () => resolve(undefined));
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  let onAbort: (() => void) | undefined;
  const cancelled = new Promise<"cancelled">((resolve) => {
    onAbort = () => resolve("cancelled");
    if (options.signal?.aborted === true) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });
  const outcome = await Promise.race([
    firstLine,
    exited.then(() => undefined),
    timedOut,
    cancelled,
  ]);
  clearTimeout(timer);
  if (onAbort !== undefined) options.signal?.removeEventListener("abort", onAbort);

  if (outcome === "cancelled") {
    return failWith("cancelled", () => `Policy pack ${dir} was stopped before it started.`);
  }
  if (outcome === "timeout") {
    return failWith(
      "timeout",
      () => `Policy pack ${dir} did not serve its port within ${timeoutMs / 1000} s.`,
    );
  }
  if (outcome === undefined) {
    return failWith(
      "crashed",
      () => `Policy pack ${dir} exited with ${exit ?? "unknown status"} before serving its port.`,
    );
  }
  const port = outcome.trim();
  if (!/^\d+$/.test(port)) {
    return failWith(
      "bad-handshake",
      () =>
        `Policy pack ${dir} printed ${JSON.stringify(outcome)} where the Pulumi CLI expects its port; a pack must not write to stdout while it loads.`,
    );
  }

  return {
    dir,
    manifest,
    address: `127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    engine,
    startupMs: Date.now() - started,
    output: () => ({ stdout: [...stdout], stderr }),
    exitStatus: () => exit,
    stop,
  };
}
