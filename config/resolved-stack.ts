/**
 * What a valid stack settles once for the topology: each part's component arguments and the
 * defaults that depend on other sections. The checks derive the same values to judge them; the
 * topology only reads them here, so the config and what is built from it cannot drift apart.
 */
import type {
  DirectConnectAttachmentArgs,
  StoredVolumeGatewayArgs,
  TierAuditConfig,
} from "../core";
import { replicationRegionOf } from "./sections/archive";
import { auditTiers, copyPlacement } from "./sections/backup";
import { directConnectArgs } from "./sections/direct-connect";
import { type ResolvedDr, resolveDr } from "./sections/dr";
import { siteGatewayArgs } from "./sections/sites";
import type { StackSettings } from "./stack-config";

export interface ResolvedStack {
  /** The stored volume gateway arguments of each site by name, secrets as plain values. */
  readonly siteGateways: Readonly<Record<string, StoredVolumeGatewayArgs>>;
  /** The Direct Connect attachment's arguments, secrets as plain values. */
  readonly directConnect?: DirectConnectAttachmentArgs;
  /** The DR section with its account, break-glass roles and organization plans resolved. */
  readonly dr?: ResolvedDr;
  /** The region each archive bucket replicates to, by bucket name; absent when it does not. */
  readonly replicationRegions: Readonly<Record<string, string>>;
  /** The floors each tier's audit framework checks; empty without `backup.audit`. */
  readonly auditTiers: readonly TierAuditConfig[];
}

export function resolveStack(config: StackSettings): ResolvedStack {
  const replicationRegions: Record<string, string> = {};
  for (const bucket of config.archive?.buckets ?? []) {
    const region = replicationRegionOf(bucket, config);
    if (region !== undefined) replicationRegions[bucket.name] = region;
  }
  return {
    siteGateways: Object.fromEntries(
      config.sites.map((site) => [site.name, siteGatewayArgs(site, config)]),
    ),
    ...(config.directConnect === undefined
      ? {}
      : { directConnect: directConnectArgs(config.directConnect, config.region, config.secrets) }),
    ...(config.dr === undefined ? {} : { dr: resolveDr(config, config.dr) }),
    replicationRegions,
    auditTiers:
      config.backup.audit === undefined ? [] : auditTiers(config.backup, copyPlacement(config)),
  };
}
