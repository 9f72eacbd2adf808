/**
 * A recording mock runtime: Pulumi's `Mocks` plus a tap on the mock resource monitor, so that every
 * registration is kept with what the engine would know of it (parent, provider, protect,
 * dependencies, and the inputs in wire form).
 */
import type * as pulumi from "@pulumi/pulumi";
import { OFFLINE_ANSWERS, type InvokeAnswer } from "./invokes";
import type { RecordedResource } from "./types";

/** What `call` answers for a function token; unknown tokens throw. */
export type CallHandler = (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;

export interface RecorderOptions {
  /** The account the mocked AWS provider reports. */
  readonly accountId?: string;
  /** The region the mocked AWS provider reports. */
  readonly region?: string;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getProtect(): boolean;
  getRemote?(): boolean;
  getRetainondelete?(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface RegisterResponse {
  getUrn(): string;
}

type Callback = (err: unknown, response?: RegisterResponse) => void;

interface InvokeRequest {
  getTok(): string;
}

/** The invoke response the engine gives when it cannot answer during preview: wholly unknown. */
const UNKNOWN_INVOKE_RESPONSE = {
  getUnknown: () => true,
  getReturn: () => undefined,
  getFailuresList: () => [],
};

export interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
  invoke?(req: InvokeRequest, callback: (err: unknown, res?: unknown) => void): unknown;
  newUrn?(parent: string, type: string, name: string): string;
  registerResourceOutputs(
    req: OutputsRequest,
    callback: (err: unknown, res?: unknown) => void,
  ): unknown;
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The URN the engine gives a resource: the parent's whole qualified type chain joined with `$`,
 * except that children of the root stack carry no prefix. (The SDK's mock keeps only the last
 * parent type and always prefixes the stack type.)
 */
export function engineUrn(
  stack: string,
  project: string,
  parent: string,
  type: string,
  name: string,
): string {
  let qualified = type;
  if (parent !== "") {
    const parentQualified = parent.split("::")[2] ?? "";
    if (parentQualified !== STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

const ARN_SERVICE_OF_MODULE: Record<string, string> = {
  ebs: "ec2",
  vpc: "ec2",
};

/** A plausible ARN for a resource created by the mock (used only outside preview). */
function fakeArn(type: string, name: string, region: string, accountId: string): string {
  const [pkg, modulePath = "", kind = ""] = type.split(":");
  const module = modulePath.split("/")[0] ?? modulePath;
  const service = ARN_SERVICE_OF_MODULE[module] ?? module;
  const global = module === "iam" || module === "organizations";
  return `arn:${pkg === "aws" ? "aws" : pkg}:${service}:${global ? "" : region}:${accountId}:${kind.toLowerCase()}/${name}`;
}

/** How an invoke of the run was answered. */
export type InvokeSource = "offline" | "user" | "unknown";

/** Wraps an offline answer as a mock call handler for the account and region of the run. */
function fromAnswer(mocks: RecordingMocks, answer: InvokeAnswer): CallHandler {
  return (args) =>
    answer({
      inputs: args.inputs as Record<string, unknown>,
      accountId: mocks.accountId,
      region: mocks.region,
    });
}

/** The invokes the recorder answers unless told more: identity, region and partition. */
const BASIC_INVOKES = [
  "aws:index/getCallerIdentity:getCallerIdentity",
  "aws:index/getRegion:getRegion",
  "aws:index/getPartition:getPartition",
];

export class RecordingMocks implements pulumi.runtime.Mocks {
  /** Registrations in the order the monitor saw them. */
  readonly resources: RecordedResource[] = [];
  /** Told of each registration as it is recorded. */
  onRecord?: (resource: RecordedResource) => void;
  private readonly byUrn = new Map<string, RecordedResource>();
  private readonly calls = new Map<string, CallHandler>();
  private preview = true;
  /** Outputs each component or stack registered, in wire form, by URN. */
  readonly registeredOutputs = new Map<string, Record<string, unknown>>();
  accountId: string;
  region: string;

  constructor(options: RecorderOptions = {}) {
    this.accountId = options.accountId ?? "123456789012";
    this.region = options.region ?? "us-east-1";
    for (const token of BASIC_INVOKES) {
      const answer = OFFLINE_ANSWERS[token];
      if (answer !== undefined) this.calls.set(token, fromAnswer(this, answer));
    }
  }

  /** Each invoke token the run called, with how it was answered, in call order. */
  readonly invokes = new Map<string, InvokeSource>();
  /** Tokens with no answer are answered "unknown" (as the engine does in preview) instead of failing. */
  private unknownInvokes = false;
  private readonly sources = new Map<string, InvokeSource>();

  /**
   * Answers every invoke of {@link OFFLINE_ANSWERS}, then the user's answers (which win), and any
   * other invoke as wholly unknown: what the offline gate does.
   */
  useOfflineAnswers(user: Readonly<Record<string, Record<string, unknown>>> = {}): void {
    for (const [token, answer] of Object.entries(OFFLINE_ANSWERS)) {
      this.calls.set(token, fromAnswer(this, answer));
      this.sources.set(token, "offline");
    }
    for (const [token, result] of Object.entries(user)) {
      this.calls.set(token, () => structuredClone(result));
      this.sources.set(token, "user");
    }
    this.unknownInvokes = true;
  }

  /** Adds or replaces the answer for a function token. */
  onCall(token: string, handler: CallHandler): void {
    this.calls.set(token, handler);
  }

  /** Forgets what was recorded, for the next program run. */
  reset(preview: boolean): void {
    this.resources.length = 0;
    this.byUrn.clear();
    this.registeredOutputs.clear();
    this.invokes.clear();
    this.preview = preview;
  }

  get(urn: string): RecordedResource | undefined {
    return this.byUrn.get(urn);
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: object } {
    if (this.preview) {
      // During preview the engine knows nothing the provider computes: ids and outputs stay unknown.
      return { id: undefined, state: args.inputs as object };
    }
    const state: Record<string, unknown> = { ...(args.inputs as Record<string, unknown>) };
    state.arn ??= fakeArn(args.type, args.name, this.region, this.accountId);
    return { id: `${args.name}-id`, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const handler = this.calls.get(args.token);
    if (!this.invokes.has(args.token)) {
      this.invokes.set(args.token, this.sources.get(args.token) ?? "offline");
    }
    if (handler === undefined) {
      throw new Error(
        `The mock runtime has no answer for the function ${args.token}; register one with onCall().`,
      );
    }
    return handler(args);
  }

  /** Taps the mock monitor so each registration is recorded with its options. */
  attach(monitor: MonitorLike, stack: string, project: string): void {
    monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent, type, name);
    const originalOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      this.registeredOutputs.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
      return originalOutputs(req, callback);
    };
    const originalInvoke = monitor.invoke?.bind(monitor);
    if (originalInvoke !== undefined) {
      monitor.invoke = (req, callback) => {
        const token = req.getTok();
        if (
          this.unknownInvokes &&
          !this.calls.has(token) &&
          token !== "pulumi:pulumi:getResource"
        ) {
          this.invokes.set(token, "unknown");
          callback(null, UNKNOWN_INVOKE_RESPONSE);
          return undefined;
        }
        return originalInvoke(req, callback);
      };
    }
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, callback: Callback) =>
      original(req, (err, response) => {
        if (err === null || err === undefined) {
          if (response !== undefined) this.record(req, response.getUrn());
        }
        callback(err, response);
      });
  }

  private record(req: RegisterRequest, urn: string): void {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
      propertyDependencies[key] = value.getUrnsList();
    });
    const parent = req.getParent();
    const provider = req.getProvider();
    const resource: RecordedResource = {
      urn,
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: parent === "" ? undefined : parent,
      provider: provider === "" ? undefined : provider,
      inputs: req.getObject()?.toJavaScript() ?? {},
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete?.() ?? false,
      ...(req.getRemote?.() === true ? { remote: true } : {}),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
    };
    this.resources.push(resource);
    this.byUrn.set(urn, resource);
    this.onRecord?.(resource);
  }
}
