/**
 * Runs a program for the offline gate in a child process, as the Pulumi CLI's language host does:
 * `node` in the program's working directory, with the program's `nodeargs`, and a second child
 * that type checks it meanwhile. The parent can always stop them: after `timeoutSeconds` both are
 * killed, however the program spins.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { RunResult } from "./engine";
import { PROJECT_ROOT, RUNNER_MODULE, RUNS_COMPILED } from "./locations";
import type { RunnerReply, RunnerRequest, RunnerResourceMessage } from "./runner";
import type { ProjectFile } from "./stack-files";
import type { RecordedResource } from "./types";

const ROOT_TSCONFIG = path.join(PROJECT_ROOT, "tsconfig.json");
// From its sources the runner itself needs ts-node; compiled, ts-node serves the program alone.
const RUNNER_ARGS = RUNS_COMPILED
  ? []
  : ["-r", path.join(PROJECT_ROOT, "preview", "register-ts.cjs")];

export interface SandboxOptions {
  readonly programDir: string;
  readonly stack: string;
  readonly project: ProjectFile;
  readonly offlineInvokes: Readonly<Record<string, Record<string, unknown>>>;
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  readonly timeoutSeconds: number;
  readonly typeCheck: boolean;
  readonly fullStackTraces: boolean;
  /** Receives what the program prints, line by line. */
  readonly onOutput: (line: string) => void;
  /** Receives each resource as the program registers it, before the outcome. */
  readonly onResource?: (resource: RecordedResource) => void;
}

/** How the run ended. */
export type SandboxOutcome =
  | {
      readonly kind: "ok";
      readonly result: RunResult;
      readonly maxRssMiB: number;
      readonly cpuSeconds: number;
    }
  | {
      readonly kind: "error";
      readonly message: string;
      readonly stack?: string;
      readonly invokes: Readonly<Record<string, string>>;
    }
  | { readonly kind: "pending"; readonly pending: readonly string[] }
  | { readonly kind: "type-errors"; readonly errors: readonly string[] }
  | { readonly kind: "timeout"; readonly seconds: number }
  | { readonly kind: "crashed"; readonly detail: string };

interface Child {
  readonly process: ChildProcess;
  readonly reply: Promise<RunnerReply | { kind: "crashed"; detail: string }>;
}

function start(
  request: RunnerRequest,
  options: SandboxOptions,
  nodeArgs: readonly string[],
): Child {
  const child = fork(RUNNER_MODULE, [], {
    cwd: options.project.workDir,
    execArgv: [...RUNNER_ARGS, ...nodeArgs],
    env: { ...process.env, TS_NODE_PROJECT: ROOT_TSCONFIG },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "advanced",
  });
  let stderr = "";
  const forward = (chunk: Buffer, keep: boolean): void => {
    const text = chunk.toString("utf8");
    if (keep) stderr = (stderr + text).slice(-4096);
    for (const line of text.replace(/\n$/, "").split("\n")) options.onOutput(line);
  };
  child.stdout?.on("data", (chunk: Buffer) => forward(chunk, false));
  child.stderr?.on("data", (chunk: Buffer) => forward(chunk, true));
  const reply = new Promise<RunnerReply | { kind: "crashed"; detail: string }>((resolve) => {
    let answered = false;
    const streamed: RecordedResource[] = [];
    child.on("message", (message: RunnerReply | RunnerResourceMessage) => {
      if (message.kind === "resource") {
        if (answered) return;
        streamed.push(message.resource);
        options.onResource?.(message.resource);
        return;
      }
      if (answered) return;
      answered = true;
      const streaming = request.mode === "run" && request.streamResources;
      resolve(
        message.kind === "ok" && streaming
          ? { ...message, result: { ...message.result, resources: streamed } }
          : message,
      );
    });
    child.once("exit", (code, signal) => {
      if (answered) return;
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      resolve({
        kind: "crashed",
        detail: `The program's process ended (${how}) without a result.${stderr.trim() === "" ? "" : ` It printed: ${stderr.trim()}`}`,
      });
    });
  });
  child.send(request);
  return { process: child, reply };
}

/** Runs the program (and its type check) in child processes and says how it ended. */
export async function runInSandbox(options: SandboxOptions): Promise<SandboxOutcome> {
  const overrides = Object.entries(options.configOverrides ?? {}).map(([key, value]) =>
    value === undefined ? { key, remove: true } : { key, value },
  );
  const children: Child[] = [];
  const program = start(
    {
      mode: "run",
      programDir: options.programDir,
      stack: options.stack,
      offlineInvokes: options.offlineInvokes,
      overrides,
      fullStackTraces: options.fullStackTraces,
      streamResources: options.onResource !== undefined,
    },
    options,
    options.project.nodeArgs,
  );
  children.push(program);
  const typed = /\.[mc]?tsx?$/.test(options.project.main) && options.project.typescript;
  const checker =
    options.typeCheck && typed
      ? start(
          {
            mode: "typecheck",
            programDir: path.dirname(options.project.main),
            entry: options.project.main,
            esm: options.project.moduleKind === "esm",
          },
          options,
          [],
        )
      : undefined;
  if (checker !== undefined) children.push(checker);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SandboxOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: "timeout", seconds: options.timeoutSeconds }),
      options.timeoutSeconds * 1000,
    );
  });
  const checked = (async (): Promise<SandboxOutcome | undefined> => {
    const reply = await checker?.reply;
    if (reply?.kind === "typecheck" && reply.errors.length > 0) {
      return { kind: "type-errors", errors: reply.errors };
    }
    if (reply?.kind === "crashed") return reply;
    if (reply?.kind === "error") {
      return { kind: "crashed", detail: `The type check could not run: ${reply.message}` };
    }
    return undefined;
  })();
  const ran = (async (): Promise<SandboxOutcome> => {
    const reply = await program.reply;
    if (reply.kind === "typecheck") return { kind: "crashed", detail: "Unexpected reply." };
    return reply;
  })();
  try {
    return await Promise.race([
      timeout,
      // A type error wins as soon as it is known; a program failure stops the check.
      checked.then((outcome) => outcome ?? ran),
      ran.then((outcome) => (outcome.kind === "ok" ? checked.then((c) => c ?? outcome) : outcome)),
    ]);
  } finally {
    clearTimeout(timer);
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.process.kill("SIGKILL");
      }
    }
  }
}
