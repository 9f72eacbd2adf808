/**
 * Turns recorded resources into the analyzer messages the engine sends: `AnalyzeRequest` for each
 * resource and `AnalyzerResource` entries for `analyzeStack`.
 *
 * Property values are marshalled as the engine marshals them for analyzers (unknowns and secrets
 * kept, keys starting with `__` dropped, resource references reduced to their id, or their URN when
 * they have no id, output values reduced to their value).
 */
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { isRecord } from "../../core/records";
import {
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
  type RecordedResource,
} from "../types";

/** The signature of an output value in the wire form. */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The key by which the SDK's mock runtime marks an unknown value in plain JSON. */
const SDK_UNKNOWN_KEY = "__pulumiUnknown";
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** A property value as the engine hands it to an analyzer; `undefined` means "leave it out". */
export function toAnalyzerValue(value: unknown): Wire | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return value;
  }
  if (Array.isArray(value)) {
    // Arrays keep their length: an element without a value becomes null, as in a Struct.
    return value.map((element) => toAnalyzerValue(element) ?? null);
  }
  if (!isRecord(value)) {
    throw new Error(`A ${typeof value} cannot be sent to a policy pack.`);
  }
  if (value[SDK_UNKNOWN_KEY] === true && Object.keys(value).length === 1) {
    return UNKNOWN_SENTINEL;
  }
  switch (value[SIG_KEY]) {
    case SECRET_SIG:
      return { [SIG_KEY]: SECRET_SIG, value: toAnalyzerValue(value.value) ?? null };
    case RESOURCE_SIG: {
      if (!("id" in value)) {
        return typeof value.urn === "string" ? value.urn : null;
      }
      const id = value.id;
      return id === "" || id === undefined ? UNKNOWN_SENTINEL : (toAnalyzerValue(id) ?? null);
    }
    case OUTPUT_VALUE_SIG: {
      const element = "value" in value ? (toAnalyzerValue(value.value) ?? null) : UNKNOWN_SENTINEL;
      return value.secret === true ? { [SIG_KEY]: SECRET_SIG, value: element } : element;
    }
    default:
      return toAnalyzerProperties(value);
  }
}

/** A property map as the engine hands it to an analyzer. */
export function toAnalyzerProperties(properties: Record<string, unknown>): {
  [key: string]: Wire;
} {
  const result: { [key: string]: Wire } = {};
  for (const [key, value] of Object.entries(properties)) {
    // The engine marshals analyzer properties with SkipInternalKeys.
    if (key.startsWith("__")) continue;
    const converted = toAnalyzerValue(value);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

/** Splits a provider reference `<provider urn>::<provider id>`. */
export function parseProviderReference(reference: string): { urn: string; id: string } {
  const at = reference.lastIndexOf("::");
  if (at < 0) {
    throw new Error(`${JSON.stringify(reference)} is not a provider reference <urn>::<id>.`);
  }
  return { urn: reference.slice(0, at), id: reference.slice(at + 2) };
}

/** The name part of a URN, as the engine passes it (`URN.Name()`). */
export function urnName(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

/** A resource ready to be sent to analyzers. */
export interface PreparedResource {
  readonly resource: RecordedResource;
  readonly name: string;
  /** Marshalled properties; a remediation may replace them. */
  properties: { [key: string]: Wire };
  readonly provider?: analyzerProto.AnalyzerProviderResource;
}

export interface PrepareOptions {
  /**
   * Provider resources standing in for the engine's default providers: a custom resource without an
   * explicit provider gets the one of its package (`pulumi:providers:<package>`).
   */
  readonly defaultProviders?: readonly RecordedResource[];
}

function providerMessage(provider: RecordedResource): analyzerProto.AnalyzerProviderResource {
  const message = new analyzerProto.AnalyzerProviderResource();
  message.setUrn(provider.urn);
  message.setType(provider.type);
  message.setName(urnName(provider.urn));
  message.setProperties(Struct.fromJavaScript(toAnalyzerProperties(provider.inputs)));
  return message;
}

/**
 * Prepares resources for analysis one by one, in registration order, with the provider resource
 * each one refers to: a provider is registered before the resources that name it, so it has been
 * seen by then. Default providers given in `options` come first, as the engine registers them
 * before their first user.
 */
export class ResourcePreparer {
  private readonly providers = new Map<string, RecordedResource>();
  private readonly messages = new Map<string, analyzerProto.AnalyzerProviderResource>();
  private readonly defaultOf: ReadonlyMap<string, string>;
  /** The default providers, prepared: analyzed before the program's resources. */
  readonly defaults: readonly PreparedResource[];

  constructor(options: PrepareOptions = {}) {
    const defaults = options.defaultProviders ?? [];
    defaults.forEach((provider) => this.note(provider));
    this.defaultOf = new Map(
      defaults.map((p) => [p.type.slice(PROVIDER_TYPE_PREFIX.length), p.urn] as const),
    );
    this.defaults = defaults.map((provider) => this.prepare(provider));
  }

  /** Makes a provider resource known to the resources that refer to it. */
  note(resource: RecordedResource): void {
    if (resource.type.startsWith(PROVIDER_TYPE_PREFIX) && !this.providers.has(resource.urn)) {
      this.providers.set(resource.urn, resource);
    }
  }

  /** The URN of the provider a resource refers to, explicitly or as its package's default. */
  providerUrnOf(resource: RecordedResource): string | undefined {
    if (resource.provider !== undefined) return parseProviderReference(resource.provider).urn;
    if (resource.custom && !resource.type.startsWith(PROVIDER_TYPE_PREFIX)) {
      return this.defaultOf.get(resource.type.split(":")[0] ?? "");
    }
    return undefined;
  }

  /** Whether the provider the resource refers to, if any, has been seen. */
  knowsProviderOf(resource: RecordedResource): boolean {
    const urn = this.providerUrnOf(resource);
    return urn === undefined || this.providers.has(urn);
  }

  prepare(resource: RecordedResource): PreparedResource {
    this.note(resource);
    const providerUrn = this.providerUrnOf(resource);
    const provider = providerUrn === undefined ? undefined : this.providerMessage(providerUrn);
    return {
      resource,
      name: urnName(resource.urn),
      properties: toAnalyzerProperties(resource.inputs),
      ...(provider === undefined ? {} : { provider }),
    };
  }

  private providerMessage(urn: string): analyzerProto.AnalyzerProviderResource | undefined {
    let message = this.messages.get(urn);
    if (message === undefined) {
      const provider = this.providers.get(urn);
      if (provider === undefined) return undefined;
      message = providerMessage(provider);
      this.messages.set(urn, message);
    }
    return message;
  }
}

/**
 * Prepares every resource for analysis, with the provider resource each one refers to. Every
 * registered resource is analyzed (the engine analyzes custom and component resources, providers
 * and the stack alike); default providers given in `options` come first.
 */
export function prepareResources(
  resources: readonly RecordedResource[],
  options: PrepareOptions = {},
): PreparedResource[] {
  const preparer = new ResourcePreparer(options);
  resources.forEach((resource) => preparer.note(resource));
  return [...preparer.defaults, ...resources.map((resource) => preparer.prepare(resource))];
}

const structs = new WeakMap<object, Struct>();

/** The Struct of a property map, built once per map: analyze and analyzeStack send the same. */
function structOf(properties: { [key: string]: Wire }): Struct {
  let struct = structs.get(properties);
  if (struct === undefined) {
    struct = Struct.fromJavaScript(properties);
    structs.set(properties, struct);
  }
  return struct;
}

/** The resource options the engine sends; the recording knows protect and parent. */
function optionsMessage(resource: RecordedResource): analyzerProto.AnalyzerResourceOptions {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(resource.protect);
  options.setIgnorechangesList([]);
  options.setDeletebeforereplace(false);
  options.setDeletebeforereplacedefined(false);
  options.setAdditionalsecretoutputsList([]);
  options.setAliasesList([]);
  const timeouts = new analyzerProto.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(0);
  timeouts.setUpdate(0);
  timeouts.setDelete(0);
  options.setCustomtimeouts(timeouts);
  options.setParent(resource.parent ?? "");
  return options;
}

/** The `analyze` (and `remediate`) request for one resource. */
export function analyzeRequest(prepared: PreparedResource): analyzerProto.AnalyzeRequest {
  const request = new analyzerProto.AnalyzeRequest();
  request.setUrn(prepared.resource.urn);
  request.setType(prepared.resource.type);
  request.setName(prepared.name);
  request.setProperties(structOf(prepared.properties));
  request.setOptions(optionsMessage(prepared.resource));
  if (prepared.provider !== undefined) request.setProvider(prepared.provider);
  return request;
}

/** The `analyzeStack` entry for one resource. */
export function stackResource(prepared: PreparedResource): analyzerProto.AnalyzerResource {
  const { resource } = prepared;
  const message = new analyzerProto.AnalyzerResource();
  message.setUrn(resource.urn);
  message.setType(resource.type);
  message.setName(prepared.name);
  message.setProperties(structOf(prepared.properties));
  message.setOptions(optionsMessage(resource));
  if (prepared.provider !== undefined) message.setProvider(prepared.provider);
  message.setParent(resource.parent ?? "");
  message.setDependenciesList([...resource.dependencies]);
  const dependencies = message.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
    // The engine leaves out properties without dependencies.
    if (urns.length === 0) continue;
    const entry = new analyzerProto.AnalyzerPropertyDependencies();
    entry.setUrnsList([...urns]);
    dependencies.set(key, entry);
  }
  return message;
}

/** The `analyzeStack` request for all prepared resources. */
export function analyzeStackRequest(
  prepared: readonly PreparedResource[],
): analyzerProto.AnalyzeStackRequest {
  const request = new analyzerProto.AnalyzeStackRequest();
  request.setResourcesList(prepared.map(stackResource));
  return request;
}
