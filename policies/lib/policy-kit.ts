/**
 * Builders for the pack's policies: typed configuration with schema defaults, type filtering
 * without `@pulumi/aws`, and the {@link Findings} run (violations now, preview notes at the end).
 */
import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { Findings, SdkUnknownValueError, show } from "./report";
import { Prop } from "./values";

/** One config setting: its JSON schema with a default, typed by the value it holds. */
export interface Field<T> extends Omit<PolicyConfigJSONSchema, "default"> {
  readonly default: T;
}

/** A policy's settings: the only declaration of both its config type and its JSON schema. */
export type Fields = Readonly<Record<string, Field<unknown>>>;

/** The config type a set of fields declares. */
export type ConfigOf<F extends Fields> = {
  readonly [K in keyof F]: F[K] extends Field<infer T> ? T : never;
};

/** A config schema whose every property has a default (the pack runs with no config at all). */
export interface DefaultedConfigSchema extends PolicyConfigSchema {
  readonly properties: Record<string, PolicyConfigJSONSchema & { readonly default: unknown }>;
}

/** The defaults a config schema declares, as the Pulumi CLI fills them in. */
export function configDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.default !== undefined) {
      defaults[key] = structuredClone(property.default);
    }
  }
  return defaults;
}

/** Policy config that does not fit the policy's schema. */
export class PolicyConfigError extends Error {}

const ajv = new Ajv({ allErrors: true, strict: true });
const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const validators = new WeakMap<PolicyConfigSchema, ValidateFunction>();

function validatorOf(schema: PolicyConfigSchema): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile({
      type: "object",
      properties: { ...schema.properties, enforcementLevel: { enum: ENFORCEMENT_LEVELS } },
      additionalProperties: false,
    });
    validators.set(schema, validate);
  }
  return validate;
}

function describeConfigError(
  error: ErrorObject,
  schema: PolicyConfigSchema,
  given: object,
): string {
  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const keys = Object.keys(schema.properties);
    return (
      `config key ${JSON.stringify(key)} is not a setting of this policy; ` +
      (keys.length === 0 ? "it has no settings." : `its settings are ${keys.join(", ")}.`)
    );
  }
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  let value: unknown = given;
  for (const part of path) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  const where = path.map((part, i) =>
    i === 0 ? part : /^\d+$/.test(part) ? `[${part}]` : `.${part}`,
  );
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const requirement =
    error.keyword === "enum" && Array.isArray(allowed)
      ? `must be one of ${allowed.map((v) => show(v)).join(", ")}`
      : (error.message ?? "does not fit the schema");
  return `config [${where.join("")}] is ${show(value)}, but ${requirement}.`;
}

/** Every problem of a policy's config against its schema, unknown keys first. */
export function configProblems(schema: PolicyConfigSchema, given: object): string[] {
  const validate = validatorOf(schema);
  if (validate(given)) {
    return [];
  }
  const errors = [...(validate.errors ?? [])].sort(
    (a, b) =>
      Number(b.keyword === "additionalProperties") - Number(a.keyword === "additionalProperties"),
  );
  return [...new Set(errors.map((error) => describeConfigError(error, schema, given)))];
}

/**
 * The policy's configuration: validated strictly (an unknown key is refused by name), then the
 * schema defaults overlaid with what was configured. The CLI already fills in defaults; doing it
 * again keeps the pack right under any other driver.
 */
export function readConfig<C>(schema: PolicyConfigSchema, given: object): C {
  const configured: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined && value !== null) {
      configured[key] = value;
    }
  }
  const problems = configProblems(schema, configured);
  if (problems.length > 0) {
    throw new PolicyConfigError(problems.join(" "));
  }
  const merged: Record<string, unknown> = configDefaults(schema);
  for (const [key, value] of Object.entries(configured)) {
    if (key !== "enforcementLevel") {
      merged[key] = value;
    }
  }
  return merged as C;
}

interface PolicyMeta<F extends Fields> {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediationSteps: string;
  readonly configSchema: { readonly properties: F };
  /** Defaults to mandatory. */
  readonly enforcementLevel?: EnforcementLevel;
}

export interface ResourceContext<C> {
  readonly props: Prop;
  readonly config: C;
  readonly findings: Findings;
  readonly args: ResourceValidationArgs;
  /** The explicit provider's inputs (for default tags and region), when there is one. */
  readonly providerProps: Prop;
}

export interface ResourcePolicySpec<F extends Fields> extends PolicyMeta<F> {
  /** Types the policy checks, or a function of the config that returns them. */
  readonly resourceTypes: readonly string[] | ((config: ConfigOf<F>) => readonly string[]);
  readonly validate: (context: ResourceContext<ConfigOf<F>>) => void;
}

export interface StackContext<C> {
  readonly stack: StackIndex;
  readonly config: C;
  readonly findings: Findings;
  readonly args: StackValidationArgs;
}

export interface StackPolicySpec<F extends Fields> extends PolicyMeta<F> {
  readonly validate: (context: StackContext<ConfigOf<F>>) => void;
}

/** A policy with its configuration type, so tests and docs can read its defaults. */
export type PackPolicy = (ResourceValidationPolicy | StackValidationPolicy) & {
  readonly configSchema: DefaultedConfigSchema;
  readonly severity: Severity;
  readonly remediationSteps: string;
  readonly enforcementLevel: EnforcementLevel;
};

function typesPhrase(types: readonly string[]): string {
  return types.map((t) => `'${t}'`).join(", ");
}

/**
 * Runs a policy's check so that nothing it throws stops the other policies: notes on values
 * unknown during preview go to the SDK (which makes them one advisory diagnostic), the SDK's
 * not-applicable signal passes through, and anything else becomes a violation of this policy that
 * names the error.
 */
function isolated(
  args: { notApplicable(reason?: string): void },
  report: ReportViolation,
  run: (findings: Findings) => void,
): void {
  const findings = new Findings(report);
  const original = args.notApplicable.bind(args);
  let notApplicableCalled = false;
  args.notApplicable = (reason?: string): void => {
    notApplicableCalled = true;
    original(reason);
  };
  try {
    run(findings);
  } catch (err) {
    if (notApplicableCalled || err instanceof SdkUnknownValueError) {
      findings.flush();
      throw err;
    }
    findings.flush();
    const message = err instanceof Error ? err.message : String(err);
    const what = err instanceof PolicyConfigError ? "its config is invalid" : "it failed";
    report(`The policy could not run, because ${what}: ${message}`);
    return;
  }
  findings.close();
}

function schemaOf<F extends Fields>(meta: PolicyMeta<F>): DefaultedConfigSchema {
  return { properties: meta.configSchema.properties } as unknown as DefaultedConfigSchema;
}

export function resourcePolicy<F extends Fields>(
  spec: ResourcePolicySpec<F>,
): ResourceValidationPolicy & PackPolicy {
  const configSchema = schemaOf(spec);
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation): void => {
    isolated(args, report, (findings) => {
      const config = readConfig<ConfigOf<F>>(configSchema, args.getConfig());
      const types =
        typeof spec.resourceTypes === "function" ? spec.resourceTypes(config) : spec.resourceTypes;
      if (!types.includes(args.type)) {
        args.notApplicable(`Policy only applies to resources of type ${typesPhrase(types)}`);
      }
      spec.validate({
        props: Prop.of(args.props),
        config,
        findings,
        args,
        providerProps: Prop.of(args.provider?.props),
      });
    });
  };
  if (typeof spec.resourceTypes !== "function" && spec.resourceTypes.length === 1) {
    // Lets the SDK skip other types without calling the policy, as `validateResourceOfType` does.
    (validateResource as { __pulumiType?: string }).__pulumiType = spec.resourceTypes[0];
  }
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    configSchema,
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    validateResource,
  };
}

export function stackPolicy<F extends Fields>(
  spec: StackPolicySpec<F>,
): StackValidationPolicy & PackPolicy {
  const configSchema = schemaOf(spec);
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    configSchema,
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    validateStack: (args, report) => {
      isolated(args, report, (findings) => {
        spec.validate({
          stack: sharedStackIndex(spec.name, args.resources),
          config: readConfig<ConfigOf<F>>(configSchema, args.getConfig()),
          findings,
          args,
        });
      });
    },
  };
}

interface SharedIndex {
  readonly index: StackIndex;
  /** Stack policies that have been handed this index. */
  readonly served: Set<string>;
}

let shared: SharedIndex | undefined;

function sameUrns(a: readonly PolicyResource[], b: readonly PolicyResource[]): boolean {
  return a.length === b.length && a.every((resource, i) => resource.urn === b[i]?.urn);
}

/**
 * The stack index for one `analyzeStack` call, built once for all its stack policies. The SDK gives
 * each stack policy its own copy of the same resources, policy after policy without waiting for
 * I/O; the first policy's index (and what `lib/` modules cache per index) serves the others. A
 * policy served twice, other URNs, or the next turn of the event loop mean another call.
 */
function sharedStackIndex(policy: string, resources: readonly PolicyResource[]): StackIndex {
  const current = shared;
  if (
    current !== undefined &&
    !current.served.has(policy) &&
    sameUrns(current.index.resources, resources)
  ) {
    current.served.add(policy);
    return current.index;
  }
  const index = new StackIndex(resources);
  shared = { index, served: new Set([policy]) };
  setImmediate(() => {
    if (shared?.index === index) shared = undefined;
  });
  return index;
}

/**
 * Starts a new `analyzeStack` call: the next stack policy builds its own index. For drivers that
 * call stack policies directly, several stacks within one turn of the event loop.
 */
export function startStackAnalysis(): void {
  shared = undefined;
}

/** The stack's resources by type and URN. */
export class StackIndex {
  private readonly byType = new Map<string, PolicyResource[]>();
  private readonly byUrn = new Map<string, PolicyResource>();

  constructor(readonly resources: readonly PolicyResource[]) {
    for (const resource of resources) {
      const list = this.byType.get(resource.type);
      if (list === undefined) {
        this.byType.set(resource.type, [resource]);
      } else {
        list.push(resource);
      }
      this.byUrn.set(resource.urn, resource);
    }
  }

  ofType(...types: readonly string[]): PolicyResource[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  get(urn: string): PolicyResource | undefined {
    return this.byUrn.get(urn);
  }
}

/** A stack resource's properties. */
export function propsOf(resource: PolicyResource): Prop {
  return Prop.of(resource.props);
}

/** A stack resource's explicit provider inputs. */
export function providerPropsOf(resource: PolicyResource): Prop {
  return Prop.of(resource.provider?.props);
}

/** The URNs a property of a resource depends on (empty when none are recorded). */
export function dependencyUrns(resource: PolicyResource, property: string): string[] {
  const dependencies = resource.propertyDependencies as Record<string, unknown> | undefined;
  const list = dependencies?.[property];
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .map((entry: unknown) => (entry as { urn?: unknown } | undefined)?.urn)
    .filter((urn): urn is string => typeof urn === "string");
}
