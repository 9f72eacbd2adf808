/**
 * The one place the gate reaches into @pulumi/pulumi beyond its public API: the stack runner, the
 * RPC settings, the per-run state store and `Resource.callsites`. These modules are private to the
 * SDK and may change in any release, so everything that uses them goes through here, and
 * `test/preview/sdk-internals.spec.ts` checks their shape against the installed SDK.
 */
import type { MonitorLike } from "./recorder";

/** The SDK versions whose internals the gate is written against. */
export const SUPPORTED_SDK_MAJOR = 3;

/** A resource registration that has not completed: type, name and phase. */
export interface PendingRegistration {
  readonly type: string;
  readonly name: string;
  readonly phase: string;
}

/** A source position the SDK records for a resource (empty for a frame it should skip). */
export interface Callsite {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface SdkInternals {
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
  waitForRPCs(): Promise<void>;
  getMonitor(): MonitorLike | undefined;
  resetErrorCount(): void;
  errorCount(): number;
  pendingRegistrations(): PendingRegistration[];
  /** Replaces how the SDK captures a resource's source position; returns what restores it. */
  replaceCallsites(capture: () => Callsite[]): () => void;
}

interface StackModule {
  runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
}

interface SettingsModule {
  waitForRPCs(): Promise<void>;
  getMonitor(): MonitorLike | undefined;
}

interface StateModule {
  getStore(): {
    logErrorCount: number;
    pendingResourceRegistrations?: Map<unknown, PendingRegistration>;
  };
}

interface ResourceModule {
  Resource: { callsites: () => unknown[] };
}

/** Loads `id` as a program in `dir` would: its own copy first, else the one beside the gate. */
export function requireFrom<T>(dir: string, id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(id, { paths: [dir, __dirname] })) as T;
}

/** The version of the @pulumi/pulumi a program in `dir` loads; throws when it cannot load one. */
export function sdkVersion(dir: string): string {
  return requireFrom<{ version: string }>(dir, "@pulumi/pulumi/package.json").version;
}

/** Whether the gate can run a program on SDK `version`. */
export function isSupportedSdk(version: string): boolean {
  return Number(version.split(".")[0]) >= SUPPORTED_SDK_MAJOR;
}

/** The internals of the @pulumi/pulumi a program in `dir` loads. */
export function loadSdkInternals(dir: string): SdkInternals {
  const stack = requireFrom<StackModule>(dir, "@pulumi/pulumi/runtime/stack");
  const settings = requireFrom<SettingsModule>(dir, "@pulumi/pulumi/runtime/settings");
  const state = requireFrom<StateModule>(dir, "@pulumi/pulumi/runtime/state");
  const resource = requireFrom<ResourceModule>(dir, "@pulumi/pulumi/resource").Resource;
  return {
    runInPulumiStack: (init) => stack.runInPulumiStack(init),
    waitForRPCs: () => settings.waitForRPCs(),
    getMonitor: () => settings.getMonitor(),
    resetErrorCount: () => {
      state.getStore().logErrorCount = 0;
    },
    errorCount: () => state.getStore().logErrorCount,
    pendingRegistrations: () =>
      [...(state.getStore().pendingResourceRegistrations?.values() ?? [])].map((p) => ({
        type: p.type,
        name: p.name,
        phase: p.phase,
      })),
    replaceCallsites: (capture) => {
      const original = resource.callsites;
      resource.callsites = capture;
      return () => {
        resource.callsites = original;
      };
    },
  };
}
