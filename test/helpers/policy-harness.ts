/**
 * Runs one policy of the pack the way `@pulumi/policy` runs it inside the engine, without starting
 * the pack's gRPC server (which `policies/index.ts` would do):
 *
 * - properties travel in the engine's wire form (a `google.protobuf.Struct`), where a value unknown
 *   during preview is the string {@link UNKNOWN} and a secret is `{ [SIG]: SECRET_SIG, value }`;
 *   they are decoded by the SDK's own `deserializeProperties` and wrapped in its
 *   `unknownCheckingProxy`, exactly as the SDK's analyzer does;
 * - config is what the Pulumi CLI hands over: every `default` of the policy's config schema, then
 *   the given values on top, validated against the schema (an invalid config throws, as the CLI
 *   refuses to run);
 * - resource options, provider, stack tags, `notApplicable`, parents, dependencies and property
 *   dependencies are built like the SDK's server builds them;
 * - an `UnknownValueError` thrown by the policy becomes the advisory diagnostic the SDK reports.
 *
 * Config defaults and the wire form come from `preview/policy/engine-emulation`, as the gate's
 * driver sends them to a pack over the analyzer protocol.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { configProblems, startStackAnalysis } from "../../policies/lib/policy-kit";
import {
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
  schemaDefaults,
  toAnalyzerProperties,
} from "../../preview/policy/engine-emulation";
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

// SDK internals the analyzer runs every request through (stripped from its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize") as {
  deserializeProperties(struct: Struct, proxySecrets: boolean): Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};

/** The engine's marker for a value unknown during preview. */
export const UNKNOWN = UNKNOWN_SENTINEL;

/** A secret in wire form. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export const PACK = { name: "hybrid-backup-policies", version: "0.1.0" } as const;
export const STACK = "prod";
export const PROJECT = "hybrid-backup";

/** The URN the engine gives a resource (`parentType` for a child of a component). */
export function urnOf(type: string, name: string, parentType?: string): string {
  const qualified = parentType === undefined ? type : `${parentType}$${type}`;
  return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

export interface ProviderFixture {
  readonly name?: string;
  readonly urn?: string;
  readonly props: Readonly<Record<string, unknown>>;
}

export interface ResourceFixture {
  readonly type: string;
  readonly name: string;
  /** Inputs in wire form. */
  readonly props?: Readonly<Record<string, unknown>>;
  readonly urn?: string;
  readonly protect?: boolean;
  readonly parent?: string;
  readonly provider?: ProviderFixture;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface RunOptions {
  /** Policy config properties (without `enforcementLevel`). */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly enforcementLevel?: EnforcementLevel;
  readonly stackTags?: Readonly<Record<string, string>>;
}

export interface Violation {
  readonly message: string;
  readonly urn?: string;
}

export interface PolicyOutcome {
  /** Violations at the policy's enforcement level, with the message the policy gave. */
  readonly violations: readonly Violation[];
  readonly messages: readonly string[];
  /** Advisory diagnostics the SDK makes of `UnknownValueError`s, as it words them. */
  readonly advisories: readonly string[];
  /** The reason given to `notApplicable`, when the policy called it. */
  readonly notApplicable?: string;
  readonly enforcementLevel: EnforcementLevel;
}

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

// ---------------------------------------------------------------------------------------------
// Config

/**
 * Problems of `config` against a policy's config schema, with the pack's own strict validation
 * (the check `pulumi policy validate-config` makes, plus unknown keys refused).
 */
export function configErrors(
  schema: PolicyConfigSchema | undefined,
  config: Readonly<Record<string, unknown>>,
): string[] {
  return schema === undefined ? [] : configProblems(schema, config);
}

/** The config the CLI hands a policy: schema defaults, then `given`; throws when invalid. */
export function effectiveConfig(
  policy: AnyPolicy,
  given: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const config = { ...schemaDefaults(policy.configSchema), ...structuredClone(given) };
  const errors = configErrors(policy.configSchema, config);
  if (errors.length > 0) {
    throw new Error(`Invalid config for policy "${policy.name}": ${errors.join(" ")}`);
  }
  return config;
}

// ---------------------------------------------------------------------------------------------
// Wire form

/** Wire-form properties decoded as the SDK decodes an analyzer request. */
export function decodeProps(
  props: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  // The engine's own marshalling: `undefined` left out, as the engine never sends it.
  const struct = Struct.fromJavaScript(toAnalyzerProperties(props) as Record<string, never>);
  return proxy.unknownCheckingProxy(deserialize.deserializeProperties(struct, false));
}

function resourceOptions(fixture: ResourceFixture): PolicyResourceOptions {
  const options: PolicyResourceOptions = {
    protect: fixture.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  if (fixture.parent !== undefined) {
    options.parent = fixture.parent;
  }
  return options;
}

function providerOf(fixture: ResourceFixture): ResourceValidationArgs["provider"] {
  if (fixture.provider === undefined) {
    return undefined;
  }
  const name = fixture.provider.name ?? "aws-provider";
  return {
    type: "pulumi:providers:aws",
    name,
    urn: fixture.provider.urn ?? urnOf("pulumi:providers:aws", name),
    props: decodeProps(fixture.provider.props),
  };
}

function frozenTags(tags: Readonly<Record<string, string>> = {}): ReadonlyMap<string, string> {
  return new Map(Object.entries(tags));
}

class NotApplicable extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

function pulumiTypeOf(value: unknown): string | undefined {
  const type = (value as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof type === "string" && type.length > 0 ? type : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  return pulumiTypeOf(resourceClass) === type;
}

// ---------------------------------------------------------------------------------------------
// Running

function outcomeCollector(policy: AnyPolicy, options: RunOptions) {
  const enforcementLevel = options.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
  const violations: Violation[] = [];
  const advisories: string[] = [];
  let notApplicable: string | undefined;
  const report: ReportViolation = (message, urn) => {
    violations.push(urn === undefined ? { message } : { message, urn });
  };
  const settle = async (run: () => Promise<void> | void): Promise<PolicyOutcome> => {
    try {
      await run();
    } catch (error) {
      if (error instanceof proxy.UnknownValueError) {
        const from = `policy '${policy.name}' from policy pack '${PACK.name}@v${PACK.version}'`;
        advisories.push(`can't run ${from} during preview: ${error.message}`);
      } else if (error instanceof NotApplicable) {
        notApplicable = error.reason ?? "";
      } else {
        throw error;
      }
    }
    return {
      violations,
      messages: violations.map((v) => v.message),
      advisories,
      notApplicable,
      enforcementLevel,
    };
  };
  return { report, settle };
}

/** Runs a resource policy on one resource, as the SDK's `analyze` does. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  fixture: ResourceFixture,
  options: RunOptions = {},
): Promise<PolicyOutcome> {
  const config = effectiveConfig(policy, options.config);
  const { report, settle } = outcomeCollector(policy, options);
  const validations =
    policy.validateResource === undefined
      ? []
      : Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
  return settle(async () => {
    for (const validation of validations) {
      const declared = pulumiTypeOf(validation);
      if (declared !== undefined && declared !== fixture.type) {
        throwNotApplicable(`Policy only applies to resources of type '${declared}'`);
      }
      const props = decodeProps(fixture.props);
      const args: ResourceValidationArgs = {
        type: fixture.type,
        props,
        urn: fixture.urn ?? urnOf(fixture.type, fixture.name),
        name: fixture.name,
        opts: resourceOptions(fixture),
        stackTags: frozenTags(options.stackTags),
        isType: (resourceClass) => isTypeOf(fixture.type, resourceClass),
        asType: ((resourceClass: unknown) =>
          isTypeOf(fixture.type, resourceClass)
            ? props
            : undefined) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => structuredClone(config) as T,
        notApplicable: throwNotApplicable,
      };
      const provider = providerOf(fixture);
      if (provider !== undefined) {
        args.provider = provider;
      }
      await validation(args, report);
    }
  });
}

/** The stack's resources as the SDK's `analyzeStack` builds them. */
export function stackResources(fixtures: readonly ResourceFixture[]): PolicyResource[] {
  const intermediates = fixtures.map((fixture) => {
    const props = decodeProps(fixture.props);
    const resource: PolicyResource = {
      type: fixture.type,
      props,
      urn: fixture.urn ?? urnOf(fixture.type, fixture.name),
      name: fixture.name,
      opts: resourceOptions(fixture),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(fixture.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(fixture.type, resourceClass) ? props : undefined) as PolicyResource["asType"],
    };
    const provider = providerOf(fixture);
    if (provider !== undefined) {
      resource.provider = provider;
    }
    return { resource, fixture };
  });
  const byUrn = new Map(intermediates.map(({ resource }) => [resource.urn, resource]));
  const lookup = (urns: readonly string[] = []): PolicyResource[] =>
    urns.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
  for (const { resource, fixture } of intermediates) {
    const parent = fixture.parent === undefined ? undefined : byUrn.get(fixture.parent);
    if (parent !== undefined) {
      resource.parent = parent;
    }
    resource.dependencies = lookup(fixture.dependencies);
    for (const [key, urns] of Object.entries(fixture.propertyDependencies ?? {})) {
      resource.propertyDependencies[key] = lookup(urns);
    }
  }
  return intermediates.map(({ resource }) => resource);
}

/** Runs a stack policy on a stack, as the SDK's `analyzeStack` does. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  fixtures: readonly ResourceFixture[],
  options: RunOptions = {},
): Promise<PolicyOutcome> {
  const config = effectiveConfig(policy, options.config);
  const { report, settle } = outcomeCollector(policy, options);
  return settle(async () => {
    const declared = pulumiTypeOf(policy.validateStack);
    if (declared !== undefined && !fixtures.some((f) => f.type === declared)) {
      throwNotApplicable(`Policy only applies to resources of type '${declared}'`);
    }
    const args: StackValidationArgs = {
      resources: stackResources(fixtures),
      stackTags: frozenTags(options.stackTags),
      getConfig: <T extends object>() => structuredClone(config) as T,
      notApplicable: throwNotApplicable,
    };
    startStackAnalysis();
    await policy.validateStack(args, report);
  });
}

/** Runs either kind of policy: a resource policy on each fixture, a stack policy on all. */
export async function runPolicy(
  policy: AnyPolicy,
  fixtures: readonly ResourceFixture[],
  options: RunOptions = {},
): Promise<PolicyOutcome[]> {
  if ("validateStack" in policy) {
    return [await runStackPolicy(policy, fixtures, options)];
  }
  const outcomes: PolicyOutcome[] = [];
  for (const fixture of fixtures) {
    outcomes.push(await runResourcePolicy(policy, fixture, options));
  }
  return outcomes;
}

/** The SDK's advisory text for a policy's preview notes. */
export function previewAdvisory(policyName: string, ...notes: string[]): string {
  return `can't run policy '${policyName}' from policy pack '${PACK.name}@v${PACK.version}' during preview: ${notes.join("\n")}`;
}
