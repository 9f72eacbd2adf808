/**
 * The engine side a policy pack talks back to: an in-process gRPC server implementing Pulumi's
 * `Engine` service on 127.0.0.1, which keeps the log messages a pack sends.
 */
import * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** One message a policy pack logged through `pulumi.log`. */
export interface EngineLogEntry {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  /** The resource the message is about, when the pack named one. */
  readonly urn?: string;
}

const SEVERITIES: Record<number, EngineLogEntry["severity"]> = {
  [engineProto.LogSeverity.DEBUG]: "debug",
  [engineProto.LogSeverity.INFO]: "info",
  [engineProto.LogSeverity.WARNING]: "warning",
  [engineProto.LogSeverity.ERROR]: "error",
};

/** A running engine server; `address` is what the pack is given as its engine address. */
export class EngineServer {
  /** Messages in the order they arrived. */
  readonly logs: EngineLogEntry[] = [];
  private rootResource = "";
  private port = 0;

  private constructor(private readonly server: grpc.Server) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(): Promise<EngineServer> {
    const engine = new EngineServer(new grpc.Server());
    const implementation: engineRpc.IEngineServer = {
      log: (call, callback) => {
        engine.record(call.request);
        callback(null, new Empty());
      },
      getRootResource: (_call, callback) => {
        const response = new engineProto.GetRootResourceResponse();
        response.setUrn(engine.rootResource);
        callback(null, response);
      },
      setRootResource: (call, callback) => {
        engine.rootResource = call.request.getUrn();
        callback(null, new engineProto.SetRootResourceResponse());
      },
      startDebugging: (_call, callback) => callback(null, new Empty()),
      requirePulumiVersion: (_call, callback) =>
        callback(null, new engineProto.RequirePulumiVersionResponse()),
    };
    engine.server.addService(engineRpc.EngineService, implementation);
    engine.port = await new Promise<number>((resolve, reject) => {
      engine.server.bindAsync(
        "127.0.0.1:0",
        grpc.ServerCredentials.createInsecure(),
        (err, bound) => (err === null ? resolve(bound) : reject(err)),
      );
    });
    return engine;
  }

  /** Stops accepting calls; calls still in flight are cut off after a short grace period. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  private record(request: engineProto.LogRequest): void {
    const urn = request.getUrn();
    this.logs.push({
      severity: SEVERITIES[request.getSeverity()] ?? "info",
      message: request.getMessage(),
      ...(urn === "" ? {} : { urn }),
    });
  }
}
