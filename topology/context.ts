/**
 * What every part of the topology shares: the validated config, resource naming, the tags every
 * resource carries, the provider pinned to the workload account, and how data holders are kept.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { DataHolderSettings } from "../components/lib/data-holders";
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
  /** `protect` and `retainOnDelete` of every data holder, from the stack config. */
  readonly dataHolders: Required<DataHolderSettings>;
  /**
   * The provider of every workload resource: the stack's region, and only the workload account
   * (`allowedAccountIds`), so credentials of another account fail before anything is created.
   */
  readonly workloadProvider: aws.Provider;
  /** Options of a top-level component of the workload account. */
  workload(opts?: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions;
}

export function createContext(config: StackConfig): TopologyContext {
  const base: Record<string, string> = {
    environment: config.environment,
    "managed-by": "pulumi",
    ...config.tagging.common,
  };
  const workloadProvider = new aws.Provider(`${config.environment}-workload`, {
    region: config.region as aws.Region,
    allowedAccountIds: [config.accounts.workload],
  });
  return {
    config,
    name: (part) => `${config.environment}-${part}`,
    tags: (extra = {}) => ({ ...base, ...extra }),
    tierTag: (tier) => ({ [config.tagging.tierKey]: tier }),
    protect: config.protect,
    dataHolders: { protect: config.protect, retainOnDelete: config.retainOnDelete },
    workloadProvider,
    workload: (opts = {}) => ({ ...opts, providers: { aws: workloadProvider } }),
  };
}

/** Options for resources that hold recovery points, honouring the stack's `protect` setting. */
export function protectedOptions(
  context: TopologyContext,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { ...opts, protect: context.protect };
}
