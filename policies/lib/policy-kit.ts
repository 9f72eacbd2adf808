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
import { Findings } from "./report";
import { Prop } from "./values";

/** A config schema whose every property has a default (the pack runs with no config at all). */
export interface DefaultedConfigSchema extends PolicyConfigSchema {
  readonly properties: Record<string, PolicyConfigJSONSchema & { default: unknown }>;
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

/**
 * The policy's configuration: schema defaults overlaid with what was configured. The CLI already
 * fills in defaults; doing it again keeps the pack right under any other driver.
 */
export function readConfig<C>(schema: PolicyConfigSchema, given: object): C {
  const merged: Record<string, unknown> = configDefaults(schema);
  for (const [key, value] of Object.entries(given)) {
    if (key !== "enforcementLevel" && value !== undefined && value !== null) {
      merged[key] = value;
    }
  }
  return merged as C;
}

interface PolicyMeta {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediationSteps: string;
  readonly configSchema: DefaultedConfigSchema;
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

export interface ResourcePolicySpec<C> extends PolicyMeta {
  /** Types the policy checks, or a function of the config that returns them. */
  readonly resourceTypes: readonly string[] | ((config: C) => readonly string[]);
  readonly validate: (context: ResourceContext<C>) => void;
}

export interface StackContext<C> {
  readonly stack: StackIndex;
  readonly config: C;
  readonly findings: Findings;
  readonly args: StackValidationArgs;
}

export interface StackPolicySpec<C> extends PolicyMeta {
  readonly validate: (context: StackContext<C>) => void;
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

export function resourcePolicy<C>(
  spec: ResourcePolicySpec<C>,
): ResourceValidationPolicy & PackPolicy {
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation): void => {
    const config = readConfig<C>(spec.configSchema, args.getConfig());
    const types =
      typeof spec.resourceTypes === "function" ? spec.resourceTypes(config) : spec.resourceTypes;
    if (!types.includes(args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${typesPhrase(types)}`);
    }
    const findings = new Findings(report);
    spec.validate({
      props: Prop.of(args.props),
      config,
      findings,
      args,
      providerProps: Prop.of(args.provider?.props),
    });
    findings.close();
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
    configSchema: spec.configSchema,
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    validateResource,
  };
}

export function stackPolicy<C>(spec: StackPolicySpec<C>): StackValidationPolicy & PackPolicy {
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    configSchema: spec.configSchema,
    enforcementLevel: spec.enforcementLevel ?? "mandatory",
    validateStack: (args, report) => {
      const findings = new Findings(report);
      spec.validate({
        stack: new StackIndex(args.resources),
        config: readConfig<C>(spec.configSchema, args.getConfig()),
        findings,
        args,
      });
      findings.close();
    },
  };
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
