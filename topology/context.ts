/**
 * What every part of the topology shares: the validated config, resource naming, the tags every
 * resource carries and whether what holds recovery points is protected.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config/stack-config";

export interface TopologyContext {
  readonly config: StackConfig;
  /** Logical and physical names: `<environment>-<part>`. */
  name(part: string): string;
  /** The common tags of the stack plus `extra`. */
  tags(extra?: Record<string, string>): Record<string, string>;
  /** The backup tier tag for a tier name (or `none`). */
  tierTag(tier: string): Record<string, string>;
  /** Resource options for what holds recovery points. */
  readonly protect: boolean;
}

export function createContext(config: StackConfig): TopologyContext {
  const base: Record<string, string> = {
    environment: config.environment,
    "managed-by": "pulumi",
    ...config.tagging.common,
  };
  return {
    config,
    name: (part) => `${config.environment}-${part}`,
    tags: (extra = {}) => ({ ...base, ...extra }),
    tierTag: (tier) => ({ [config.tagging.tierKey]: tier }),
    protect: config.protect,
  };
}

/** Options for resources that hold recovery points, honouring the stack's `protect` setting. */
export function protectedOptions(
  context: TopologyContext,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { ...opts, protect: context.protect };
}
