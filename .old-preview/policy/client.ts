/**
 * A promise-based client of a policy pack's `Analyzer` gRPC service, with the pack's metadata
 * turned into plain objects.
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import type { PolicyViolation } from "../types";
import { PolicyPackCallError } from "./errors";

export type EnforcementLevel = PolicyViolation["enforcementLevel"];
export type PolicySeverity = "low" | "medium" | "high" | "critical";

/** A JSON schema as a policy declares it for one config property. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface PolicyConfigSchema {
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
}

export interface PolicyInfo {
  readonly name: string;
  readonly displayName?: string;
  readonly description: string;
  readonly kind: "resource" | "stack" | "unknown";
  readonly enforcementLevel: EnforcementLevel;
  readonly severity?: PolicySeverity;
  readonly configSchema?: PolicyConfigSchema;
}

/** Config for one policy: an enforcement level, properties, or both. */
export interface PolicyConfig {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly PolicyInfo[];
  /** Config the pack was constructed with (`new PolicyPack(name, args, initialConfig)`). */
  readonly initialConfig: Readonly<Record<string, PolicyConfig>>;
}

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
  [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
};

const SEVERITIES: Record<number, PolicySeverity> = {
  [analyzerProto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerProto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerProto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerProto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** Maps the protocol's enforcement level (0 advisory, 1 mandatory, 2 disabled, 3 remediate). */
export function enforcementLevelName(level: number): EnforcementLevel {
  const name = LEVELS[level];
  if (name === undefined) {
    throw new Error(`${level} is not an enforcement level of the analyzer protocol.`);
  }
  return name;
}

/** The protocol's number for an enforcement level. */
export function enforcementLevelNumber(level: EnforcementLevel): analyzerProto.EnforcementLevel {
  const entry = Object.entries(LEVELS).find(([, name]) => name === level);
  if (entry === undefined) throw new Error(`${level} is not an enforcement level.`);
  return Number(entry[0]) as analyzerProto.EnforcementLevel;
}

/** Maps the protocol's severity; unspecified is `undefined`. */
export function severityName(severity: number): PolicySeverity | undefined {
  return SEVERITIES[severity];
}

const KINDS: Record<number, PolicyInfo["kind"]> = {
  [analyzerProto.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
  [analyzerProto.PolicyType.POLICY_TYPE_STACK]: "stack",
};

function policyInfo(policy: analyzerProto.PolicyInfo): PolicyInfo {
  const schema = policy.getConfigschema();
  const severity = severityName(policy.getSeverity());
  const displayName = policy.getDisplayname();
  return {
    name: policy.getName(),
    ...(displayName === "" ? {} : { displayName }),
    description: policy.getDescription(),
    kind: KINDS[policy.getPolicyType()] ?? "unknown",
    enforcementLevel: enforcementLevelName(policy.getEnforcementlevel()),
    ...(severity === undefined ? {} : { severity }),
    ...(schema === undefined
      ? {}
      : {
          configSchema: {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<
              string,
              JsonSchema
            >,
            required: schema.getRequiredList(),
          },
        }),
  };
}

function packInfo(info: analyzerProto.AnalyzerInfo): PackInfo {
  const initialConfig: Record<string, PolicyConfig> = {};
  info.getInitialconfigMap().forEach((config, name) => {
    initialConfig[name] = {
      // An unset level reads as 0, advisory, in the engine as well.
      enforcementLevel: enforcementLevelName(config.getEnforcementlevel()),
      ...(config.hasProperties() ? { properties: config.getProperties()?.toJavaScript() } : {}),
    };
  });
  const displayName = info.getDisplayname();
  const description = info.getDescription();
  return {
    name: info.getName(),
    version: info.getVersion(),
    ...(displayName === "" ? {} : { displayName }),
    ...(description === "" ? {} : { description }),
    supportsConfig: info.getSupportsconfig(),
    policies: info.getPoliciesList().map(policyInfo),
    initialConfig,
  };
}

/** What the engine tells a pack about the stack (`configureStack`). */
export interface StackConfiguration {
  readonly project?: string;
  readonly stack?: string;
  readonly organization?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

type Invoke<Res> = (
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

/** A connection to one running pack. Every call rejects with a {@link PolicyPackCallError}. */
export class AnalyzerConnection {
  private constructor(
    private readonly client: analyzerRpc.AnalyzerClient,
    private readonly packDir: string,
    private readonly callTimeoutMs: number,
  ) {}

  /** Connects to `address` and waits until the channel is ready. */
  static async connect(
    address: string,
    packDir: string,
    callTimeoutMs = 600_000,
  ): Promise<AnalyzerConnection> {
    const client = new analyzerRpc.AnalyzerClient(address, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    await new Promise<void>((resolve, reject) => {
      client.waitForReady(Date.now() + 10_000, (err) =>
        err === undefined || err === null
          ? resolve()
          : reject(new PolicyPackCallError(packDir, "connect", err.message)),
      );
    });
    return new AnalyzerConnection(client, packDir, callTimeoutMs);
  }

  private call<Res>(name: string, invoke: Invoke<Res>): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const options = { deadline: Date.now() + this.callTimeoutMs };
      invoke(new grpc.Metadata(), options, (error, response) => {
        if (error === null) {
          resolve(response);
        } else {
          const failure = new PolicyPackCallError(this.packDir, name, error.details);
          reject(Object.assign(failure, { code: error.code }));
        }
      });
    });
  }

  async getAnalyzerInfo(): Promise<PackInfo> {
    const info = await this.call<analyzerProto.AnalyzerInfo>("getAnalyzerInfo", (m, o, cb) =>
      this.client.getAnalyzerInfo(new Empty(), m, o, cb),
    );
    return packInfo(info);
  }

  /** Sends the reconciled policy config, as the engine does (not at all when it is empty). */
  async configure(config: Readonly<Record<string, PolicyConfig>>): Promise<void> {
    const entries = Object.entries(config);
    if (entries.length === 0) return;
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, policyConfig] of entries) {
      const message = new analyzerProto.PolicyConfig();
      message.setEnforcementlevel(
        enforcementLevelNumber(policyConfig.enforcementLevel ?? "advisory"),
      );
      // Always a Struct: the SDK reads the properties of every entry.
      message.setProperties(
        Struct.fromJavaScript((policyConfig.properties ?? {}) as Record<string, JavaScriptValue>),
      );
      map.set(name, message);
    }
    await this.call<Empty>("configure", (m, o, cb) => this.client.configure(request, m, o, cb));
  }

  /** Tells the pack about the stack; packs that do not implement it are left alone. */
  async configureStack(stack: StackConfiguration): Promise<void> {
    const request = new analyzerProto.AnalyzerStackConfigureRequest();
    request.setProject(stack.project ?? "");
    request.setStack(stack.stack ?? "");
    request.setOrganization(stack.organization ?? "");
    request.setDryRun(true);
    const tags = request.getTagsMap();
    for (const [key, value] of Object.entries(stack.tags ?? {})) tags.set(key, value);
    try {
      await this.call<analyzerProto.AnalyzerStackConfigureResponse>("configureStack", (m, o, cb) =>
        this.client.configureStack(request, m, o, cb),
      );
    } catch (err) {
      if ((err as { code?: number }).code !== grpc.status.UNIMPLEMENTED) throw err;
    }
  }

  analyze(request: analyzerProto.AnalyzeRequest): Promise<analyzerProto.AnalyzeResponse> {
    return this.call(`analyze(${request.getUrn()})`, (m, o, cb) =>
      this.client.analyze(request, m, o, cb),
    );
  }

  remediate(request: analyzerProto.AnalyzeRequest): Promise<analyzerProto.RemediateResponse> {
    return this.call(`remediate(${request.getUrn()})`, (m, o, cb) =>
      this.client.remediate(request, m, o, cb),
    );
  }

  analyzeStack(request: analyzerProto.AnalyzeStackRequest): Promise<analyzerProto.AnalyzeResponse> {
    return this.call("analyzeStack", (m, o, cb) => this.client.analyzeStack(request, m, o, cb));
  }

  close(): void {
    this.client.close();
  }
}
