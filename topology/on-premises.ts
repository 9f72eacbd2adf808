/**
 * The on-premises-to-AWS path: the Direct Connect attachment (the private link) and, for each
 * on-premises site, its stored volume gateways, whose traffic reaches AWS over that link.
 */
import * as pulumi from "@pulumi/pulumi";
import { DirectConnectAttachment } from "../components/direct-connect-attachment";
import { StoredVolumeGateway } from "../components/stored-volume-gateway";
import type { TopologyContext } from "./context";

export interface SiteOutputs {
  /** The gateway of each volume (`<site>-gw-<n>`): the value to pin once deployed. */
  readonly placement: pulumi.Output<Record<string, string>>;
  readonly gatewayArns: pulumi.Output<string[]>;
  readonly endpointDnsName: pulumi.Output<string | undefined>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly snapshotIntervalHours: pulumi.Output<number>;
}

export interface DirectConnectOutputs {
  readonly gatewayId: pulumi.Output<string>;
  readonly connectionIds: pulumi.Output<Record<string, string>>;
  readonly encryptionModes: pulumi.Output<Record<string, string>>;
  readonly virtualInterfaceIds: pulumi.Output<Record<string, string>>;
  readonly vpnConnectionIds: pulumi.Output<Record<string, string>>;
}

export interface OnPremisesOutputs {
  readonly sites: Record<string, SiteOutputs>;
  readonly directConnect?: DirectConnectOutputs;
}

/** Builds the Direct Connect attachment and the sites; undefined when the stack declares neither. */
export function buildOnPremises(context: TopologyContext): OnPremisesOutputs | undefined {
  const config = context.config;
  if (config.sites.length === 0 && config.directConnect === undefined) return undefined;

  let link: DirectConnectAttachment | undefined;
  let directConnect: DirectConnectOutputs | undefined;
  const args = config.resolved.directConnect;
  if (args !== undefined) {
    link = new DirectConnectAttachment(
      context.name("dx"),
      {
        ...args,
        connections: args.connections.map((connection) => ({
          ...connection,
          macsecKey:
            connection.macsecKey === undefined
              ? undefined
              : {
                  ckn: pulumi.secret(connection.macsecKey.ckn),
                  cak: pulumi.secret(connection.macsecKey.cak),
                },
        })),
        interfaces: args.interfaces.map((vif) => ({
          ...vif,
          bgpAuthKey: vif.bgpAuthKey === undefined ? undefined : pulumi.secret(vif.bgpAuthKey),
        })),
        tags: context.tags(),
      },
      context.workload(),
    );
    directConnect = {
      gatewayId: link.dxGatewayId,
      connectionIds: link.connectionIds,
      encryptionModes: link.encryptionModes,
      virtualInterfaceIds: link.virtualInterfaceIds,
      vpnConnectionIds: link.vpnConnectionIds,
    };
  }

  const sites: Record<string, SiteOutputs> = {};
  for (const site of config.sites) {
    const args = config.resolved.siteGateways[site.name];
    if (args === undefined) throw new Error(`site ${site.name} was not resolved`);
    // The gateways reach their VPC endpoint over the private link, so they come after it.
    // Named from the stable id: renaming a site alone renames none of its resources.
    const gateway = new StoredVolumeGateway(
      context.name(site.id ?? site.name),
      {
        ...args,
        appliances: args.appliances.map((appliance) => ({
          ...appliance,
          activationKey:
            appliance.activationKey === undefined
              ? undefined
              : pulumi.secret(appliance.activationKey),
        })),
        ...context.dataHolders,
        tags: context.tags(),
      },
      context.workload({ dependsOn: link === undefined ? [] : [link] }),
    );
    sites[site.name] = {
      placement: gateway.placement,
      gatewayArns: gateway.gatewayArns,
      endpointDnsName: gateway.endpointDnsName,
      kmsKeyArn: gateway.kmsKeyArn,
      snapshotIntervalHours: gateway.snapshotIntervalHours,
    };
  }
  return directConnect === undefined ? { sites } : { sites, directConnect };
}
