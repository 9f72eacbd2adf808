/**
 * Runs Pulumi policy packs over recorded resources exactly through the analyzer protocol the
 * Pulumi engine uses, without the Pulumi CLI.
 *
 * ```ts
 * const result = await runPolicyPacks([{ dir: "policies", config: "policy-config.json" }], resources);
 * console.log(renderPolicyRun(result));
 * ```
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type { PolicyViolation, RecordedResource } from "../types";
import {
  AnalyzerConnection,
  enforcementLevelName,
  severityName,
  type PackInfo,
  type PolicyConfig,
  type PolicyInfo,
} from "./client";
import {
  loadPolicyConfigFile,
  parsePolicyConfig,
  reconcilePolicyConfig,
  type PolicyConfigJson,
  type UserPolicyConfig,
} from "./config";
import type { EngineLogEntry } from "./engine-server";
import { PolicyPackCallError } from "./errors";
import { launchPolicyPack, type LaunchOptions, type RunningPack } from "./launch";
import { ResourceFeed } from "./resource-feed";
import {
  analyzeRequest,
  analyzeStackRequest,
  prepareResources,
  ResourcePreparer,
  toAnalyzerProperties,
  type PrepareOptions,
  type PreparedResource,
} from "./serialize";

export { enforcementLevelName, severityName } from "./client";
export type {
  EnforcementLevel,
  PackInfo,
  PolicyConfig,
  PolicyInfo,
  PolicySeverity,
} from "./client";
export {
  PolicyConfigError,
  loadPolicyConfigFile,
  parsePolicyConfig,
  reconcilePolicyConfig,
} from "./config";
export type { PolicyConfigJson, UserPolicyConfig } from "./config";
export type { EngineLogEntry } from "./engine-server";
export { PolicyPackCallError, PolicyPackStartError } from "./errors";
export type { PolicyPackStartFailure } from "./errors";
export { launchPolicyPack, readManifest } from "./launch";
export type { LaunchOptions, PolicyManifest, RunningPack, StackIdentity } from "./launch";
export { renderPolicyRun, renderViolations } from "./render";
export { ResourceFeed } from "./resource-feed";

/**
 * A pack to run, with its policy config: the path of a `--policy-config` JSON file, or that
 * file's content (`{ "<policy>": "<level>" | { "enforcementLevel"?: "<level>", ...properties } }`).
 */
export interface PolicyPackSpec {
  readonly dir: string;
  readonly config?: string | PolicyConfigJson;
}

export interface RunPolicyOptions extends LaunchOptions, PrepareOptions {
  /** Resources analyzed at the same time. @default 32 */
  readonly concurrency?: number;
  /** Stack tags the packs see as `args.stackTags`. */
  readonly stackTags?: Readonly<Record<string, string>>;
}

/** A change a remediating policy made to a resource's properties before it was analyzed. */
export interface PolicyRemediation {
  readonly policyPack: string;
  readonly policy: string;
  readonly urn: string;
  readonly description: string;
}

/** What one pack was and did. */
export interface PolicyPackReport {
  readonly dir: string;
  /** Process id the pack ran as (it has ended by the time the report is returned). */
  readonly pid: number;
  readonly name: string;
  /** The version from PulumiPolicy.yaml when set there, else the one the pack reports. */
  readonly version: string;
  readonly policies: readonly PolicyInfo[];
  /** The config sent to the pack after merging defaults and the user's config. */
  readonly config: Readonly<Record<string, PolicyConfig>>;
  /** Messages the pack logged through `pulumi.log`. */
  readonly logs: readonly EngineLogEntry[];
  /** Lines the pack printed after its port, and its stderr. */
  readonly stdout: readonly string[];
  readonly stderr: string;
  readonly startupMs: number;
}

export interface PolicyRunResult {
  /** Per-resource violations in resource order, then stack violations; pack by pack within each. */
  readonly violations: readonly PolicyViolation[];
  readonly remediations: readonly PolicyRemediation[];
  readonly packs: readonly PolicyPackReport[];
  readonly timings: {
    /** Milliseconds until every pack served its port. */
    readonly startupMs: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
  };
}

interface ActivePack {
  readonly process: RunningPack;
  readonly connection: AnalyzerConnection;
  readonly info: PackInfo;
  readonly config: Record<string, PolicyConfig>;
  readonly remediates: boolean;
}

function toViolation(
  diagnostic: analyzerProto.AnalyzeDiagnostic,
  urn: string | undefined,
): PolicyViolation {
  let enforcementLevel = enforcementLevelName(diagnostic.getEnforcementlevel());
  // The engine reports a remediate-level violation that survived remediation as mandatory.
  if (enforcementLevel === "remediate") enforcementLevel = "mandatory";
  const severity = severityName(diagnostic.getSeverity());
  return {
    policyPack: diagnostic.getPolicypackname(),
    policy: diagnostic.getPolicyname(),
    enforcementLevel,
    ...(severity === undefined ? {} : { severity }),
    ...(urn === undefined ? {} : { urn }),
    message: diagnostic.getMessage(),
  };
}

/** Runs at most `limit` tasks at a time, in the order they were given. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return (task) =>
    new Promise((resolve, reject) => {
      const run = (): void => {
        running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            waiting.shift()?.();
          });
      };
      if (running < Math.max(1, limit)) run();
      else waiting.push(run);
    });
}

async function settleAll<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

async function activate(
  running: RunningPack,
  userConfig: UserPolicyConfig,
  configSource: string | undefined,
  options: RunPolicyOptions,
): Promise<ActivePack> {
  const connection = await AnalyzerConnection.connect(running.address, running.dir);
  try {
    await connection.configureStack({
      ...(options.project === undefined ? {} : { project: options.project }),
      ...(options.stack === undefined ? {} : { stack: options.stack }),
      ...(options.organization === undefined ? {} : { organization: options.organization }),
      ...(options.stackTags === undefined ? {} : { tags: options.stackTags }),
    });
    const reported = await connection.getAnalyzerInfo();
    const info =
      running.manifest.version === undefined
        ? reported
        : { ...reported, version: running.manifest.version };
    const config = reconcilePolicyConfig(info, userConfig, configSource);
    await connection.configure(config);
    const remediates = Object.values(config).some((c) => c.enforcementLevel === "remediate");
    return { process: running, connection, info, config, remediates };
  } catch (err) {
    connection.close();
    throw err;
  }
}

interface ResourceOutcome {
  readonly violations: readonly PolicyViolation[];
  readonly remediations: readonly PolicyRemediation[];
}

/** Remediations first, then analysis, as the engine does for each resource it registers. */
async function analyzeResource(
  packs: readonly ActivePack[],
  prepared: PreparedResource,
): Promise<ResourceOutcome> {
  const violations: PolicyViolation[] = [];
  const remediations: PolicyRemediation[] = [];
  const urn = prepared.resource.urn;
  for (const pack of packs) {
    if (!pack.remediates) continue;
    const response = await pack.connection.remediate(analyzeRequest(prepared));
    for (const remediation of response.getRemediationsList()) {
      const diagnostic = remediation.getDiagnostic();
      const properties = remediation.getProperties();
      if (diagnostic !== "") {
        violations.push({
          policyPack: remediation.getPolicypackname(),
          policy: remediation.getPolicyname(),
          enforcementLevel: "advisory",
          urn,
          message: diagnostic,
        });
      } else if (properties !== undefined) {
        prepared.properties = toAnalyzerProperties(properties.toJavaScript());
        remediations.push({
          policyPack: remediation.getPolicypackname(),
          policy: remediation.getPolicyname(),
          urn,
          description: remediation.getDescription(),
        });
      }
    }
  }
  const request = analyzeRequest(prepared);
  const responses = await Promise.all(packs.map((pack) => pack.connection.analyze(request)));
  for (const response of responses) {
    // The engine attributes per-resource diagnostics to the analyzed resource, whatever URN they name.
    for (const diagnostic of response.getDiagnosticsList())
      violations.push(toViolation(diagnostic, urn));
  }
  return { violations, remediations };
}

interface Analyzed {
  readonly prepared: readonly PreparedResource[];
  /** The outcome of each prepared resource, in the same order. */
  readonly outcomes: readonly ResourceOutcome[];
}

function analyzeAll(
  active: readonly ActivePack[],
  prepared: readonly PreparedResource[],
  options: RunPolicyOptions,
): Promise<Analyzed> {
  const limit = limiter(options.concurrency ?? 32);
  return Promise.all(prepared.map((item) => limit(() => analyzeResource(active, item)))).then(
    (outcomes) => ({ prepared, outcomes }),
  );
}

/**
 * Analyzes each resource as the feed delivers it, while the provider it names has been seen (the
 * SDK registers a provider before its users), and the rest once the program has ended. Should the
 * final list not continue what was delivered, the final list is analyzed anew.
 */
async function analyzeFed(
  active: readonly ActivePack[],
  feed: ResourceFeed,
  options: RunPolicyOptions,
): Promise<Analyzed> {
  const preparer = new ResourcePreparer(options);
  const limit = limiter(options.concurrency ?? 32);
  const prepared: PreparedResource[] = [];
  const pending: Promise<ResourceOutcome>[] = [];
  const analyze = (item: PreparedResource): void => {
    prepared.push(item);
    const outcome = limit(() => analyzeResource(active, item));
    // Awaited below; a call failing meanwhile must not surface as an unhandled rejection.
    outcome.catch(() => undefined);
    pending.push(outcome);
  };
  preparer.defaults.forEach(analyze);
  let open = true;
  feed.subscribe((resource) => {
    if (open && preparer.knowsProviderOf(resource)) analyze(preparer.prepare(resource));
    else open = false;
  });
  let resources: readonly RecordedResource[];
  try {
    resources = await feed.done;
  } finally {
    open = false;
  }
  const fed = prepared.slice(preparer.defaults.length);
  if (fed.some((item, index) => item.resource.urn !== resources[index]?.urn)) {
    await Promise.allSettled(pending);
    return analyzeAll(active, prepareResources(resources, options), options);
  }
  const rest = resources.slice(fed.length);
  rest.forEach((resource) => preparer.note(resource));
  rest.forEach((resource) => analyze(preparer.prepare(resource)));
  return { prepared, outcomes: await Promise.all(pending) };
}

/** A failed call to a pack whose process has died says so, with what the pack wrote to stderr. */
async function withProcessEnd(err: unknown, running: readonly RunningPack[]): Promise<unknown> {
  if (!(err instanceof PolicyPackCallError)) return err;
  const pack = running.find((p) => p.dir === err.packDir);
  if (pack === undefined) return err;
  // The call can fail a moment before the process is seen to end.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const status = pack.exitStatus();
  if (status === undefined) return err;
  const stderr = pack.output().stderr.trim();
  const end = `The pack process ended with ${status}${stderr === "" ? "." : `:\n${stderr}`}`;
  return new PolicyPackCallError(err.packDir, err.call, err.reason, end);
}

function configSource(spec: PolicyPackSpec | undefined): string | undefined {
  return typeof spec?.config === "string" ? spec.config : undefined;
}

/**
 * Starts each pack, configures it (schema defaults, then the pack's initial config, then the
 * user's config, validated against the schemas), analyzes every resource (remediations first),
 * then the whole stack once, and stops the packs, also when something fails. Given a
 * {@link ResourceFeed}, the packs start and are configured while the program runs, each resource
 * is analyzed as the program registers it, and the run fails with the feed.
 *
 * Throws {@link PolicyPackStartError} when a pack cannot start, {@link PolicyConfigError} for bad
 * config, {@link PolicyPackCallError} when a call fails (a policy that throws, for instance).
 */
export async function runPolicyPacks(
  specs: readonly PolicyPackSpec[],
  resources: readonly RecordedResource[] | ResourceFeed,
  options: RunPolicyOptions = {},
): Promise<PolicyRunResult> {
  const userConfigs = specs.map((spec) =>
    typeof spec.config === "string"
      ? loadPolicyConfigFile(spec.config)
      : parsePolicyConfig(spec.config ?? {}),
  );
  const launchStarted = Date.now();
  const settledLaunches = await Promise.allSettled(
    specs.map((spec) => launchPolicyPack(spec.dir, options)),
  );
  const startupMs = Date.now() - launchStarted;
  const running = settledLaunches
    .filter((s): s is PromiseFulfilledResult<RunningPack> => s.status === "fulfilled")
    .map((s) => s.value);
  const active: ActivePack[] = [];
  try {
    const failedLaunch = settledLaunches.find((s) => s.status === "rejected");
    if (failedLaunch?.status === "rejected") throw failedLaunch.reason;

    const activations = running.map((pack, index) =>
      activate(pack, userConfigs[index] ?? {}, configSource(specs[index]), options),
    );
    const settledActivations = await Promise.allSettled(activations);
    for (const s of settledActivations) if (s.status === "fulfilled") active.push(s.value);
    await settleAll(activations);

    const analyzeStarted = Date.now();
    const { prepared, outcomes } =
      resources instanceof ResourceFeed
        ? await analyzeFed(active, resources, options)
        : await analyzeAll(active, prepareResources(resources, options), options);
    const analyzeMs = Date.now() - analyzeStarted;

    const stackStarted = Date.now();
    const stackRequest = analyzeStackRequest(prepared);
    const urns = new Set(prepared.map((p) => p.resource.urn));
    const stackResponses = await Promise.all(
      active.map((pack) => pack.connection.analyzeStack(stackRequest)),
    );
    const analyzeStackMs = Date.now() - stackStarted;
    const stackViolations = stackResponses.flatMap((response) =>
      response.getDiagnosticsList().map((diagnostic) => {
        // A stack violation keeps its URN only when it names a resource of the stack.
        const urn = diagnostic.getUrn();
        return toViolation(diagnostic, urns.has(urn) ? urn : undefined);
      }),
    );

    return {
      violations: [...outcomes.flatMap((o) => o.violations), ...stackViolations],
      remediations: outcomes.flatMap((o) => o.remediations),
      packs: active.map((pack) => ({
        dir: pack.process.dir,
        pid: pack.process.pid,
        name: pack.info.name,
        version: pack.info.version,
        policies: pack.info.policies,
        config: pack.config,
        logs: [...pack.process.engine.logs],
        stdout: pack.process.output().stdout,
        stderr: pack.process.output().stderr,
        startupMs: pack.process.startupMs,
      })),
      timings: { startupMs, analyzeMs, analyzeStackMs },
    };
  } catch (err) {
    throw await withProcessEnd(err, running);
  } finally {
    for (const pack of active) pack.connection.close();
    await Promise.all(running.map((pack) => pack.stop()));
  }
}
