/**
 * The child process the offline gate runs a program in (see sandbox.ts): it receives one request
 * over IPC, runs the program (or type checks it) and sends one reply. A program that ends with
 * work still pending is reported as such; the parent kills this process on timeout.
 */
import { pendingWork, runProgram, type RunResult } from "./engine";
import { typeCheck } from "./typecheck";
import type { RecordedResource } from "./types";

/** What the parent asks for. */
export type RunnerRequest =
  | {
      readonly mode: "run";
      readonly programDir: string;
      readonly stack: string;
      readonly offlineInvokes: Readonly<Record<string, Record<string, unknown>>>;
      /** Config keys replaced before the run; `remove` drops a key. */
      readonly overrides: readonly { key: string; value?: unknown; remove?: boolean }[];
      readonly fullStackTraces: boolean;
      /** Sends each resource as it is registered, before the reply. */
      readonly streamResources: boolean;
    }
  | {
      readonly mode: "typecheck";
      readonly programDir: string;
      readonly entry: string;
      readonly esm: boolean;
    };

/** A resource the program registered, sent as it happens when the request asks for it. */
export interface RunnerResourceMessage {
  readonly kind: "resource";
  readonly resource: RecordedResource;
}

/** What the child answers. */
export type RunnerReply =
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
  | { readonly kind: "typecheck"; readonly errors: readonly string[] };

let replied = false;
let firstError: unknown;
let invokesSoFar: Record<string, string> = {};

function reply(message: RunnerReply): void {
  if (replied) return;
  replied = true;
  const send = process.send?.bind(process);
  if (send === undefined) return;
  send(message, undefined, {}, () => process.exit(0));
}

function errorReply(err: unknown): RunnerReply {
  const cause = (err as { cause?: unknown } | undefined)?.cause ?? err;
  const message = err instanceof Error ? err.message : String(err);
  const stack = cause instanceof Error ? cause.stack : undefined;
  return {
    kind: "error",
    message,
    ...(stack === undefined ? {} : { stack }),
    invokes: invokesSoFar,
  };
}

async function handle(request: RunnerRequest): Promise<void> {
  if (request.mode === "typecheck") {
    reply({ kind: "typecheck", errors: typeCheck(request.programDir, request.entry, request.esm) });
    return;
  }
  const { RecordingMocks } = await import("./recorder");
  const mocks = new RecordingMocks();
  if (request.streamResources) {
    mocks.onRecord = (resource) =>
      process.send?.({ kind: "resource", resource } satisfies RunnerResourceMessage);
  }
  const configOverrides: Record<string, unknown> = {};
  for (const o of request.overrides)
    configOverrides[o.key] = o.remove === true ? undefined : o.value;
  try {
    const result = await runProgram({
      programDir: request.programDir,
      stack: request.stack,
      mocks,
      offlineInvokes: request.offlineInvokes,
      configOverrides,
      chdir: true,
      fullStackTraces: request.fullStackTraces,
    });
    const usage = process.resourceUsage();
    reply({
      kind: "ok",
      // Streamed resources were sent already; the parent keeps them, in this order.
      result: request.streamResources ? { ...result, resources: [] } : result,
      maxRssMiB: usage.maxRSS / 1024,
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    });
  } catch (err) {
    invokesSoFar = Object.fromEntries(mocks.invokes);
    reply(errorReply(firstError ?? err));
  }
}

process.on("unhandledRejection", (reason) => {
  // The SDK rejects the stack's outputs as well as the run; the first failure is the cause.
  firstError ??= reason;
});
process.on("uncaughtException", (err) => {
  reply(errorReply(err));
});
process.on("beforeExit", () => {
  if (replied) return;
  const pending = pendingWork() ?? [];
  reply({ kind: "pending", pending });
});
process.once("message", (request: RunnerRequest) => {
  // The channel must not keep the process alive: a program that stops making progress ends it.
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
  handle(request).catch((err: unknown) => reply(errorReply(err)));
});
