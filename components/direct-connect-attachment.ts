/**
 * The private link from the on-premises network to AWS: a Direct Connect gateway, private or
 * transit virtual interfaces on existing or newly ordered connections (with MACsec where the port
 * supports it), associations with a transit gateway or virtual private gateways, and an optional
 * site-to-site VPN to the transit gateway as failover.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  checkBgpAuthKey,
  checkMacsecKeyPart,
  customerGatewayAsnInputs,
  Issues,
  ValidationError,
  vifAsnInputs,
} from "../core";
import { checkedSecret } from "./lib/checked-secret";
import {
  VirtualInterfaceType,
  DirectConnectAttachmentArgs,
  encrypts,
  validateDirectConnectAttachmentArgs,
} from "../core/direct-connect-attachment-args";

export const DIRECT_CONNECT_ATTACHMENT_TYPE = "hybrid-backup:index:DirectConnectAttachment";
export * from "../core/direct-connect-attachment-args";

/**
 * The private link from on premises to AWS: a Direct Connect gateway, virtual interfaces on
 * existing or ordered connections, gateway associations and an optional VPN failover.
 */
export class DirectConnectAttachment extends pulumi.ComponentResource {
  /** Id of the Direct Connect gateway. */
  readonly dxGatewayId: pulumi.Output<string>;
  /** Id of each connection (existing or ordered here), by name. */
  readonly connectionIds: pulumi.Output<Record<string, string>>;
  /** The MACsec mode of each connection, by name: "none (<reason>)" for an exempt one. */
  readonly encryptionModes: pulumi.Output<Record<string, string>>;
  /** Id of each virtual interface, by name. */
  readonly virtualInterfaceIds: pulumi.Output<Record<string, string>>;
  /** Id of each VPN connection, by customer gateway name. */
  readonly vpnConnectionIds: pulumi.Output<Record<string, string>>;

  constructor(
    name: string,
    args: DirectConnectAttachmentArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(DIRECT_CONNECT_ATTACHMENT_TYPE, name, {}, opts);
    const issues = new Issues();
    validateDirectConnectAttachmentArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`DirectConnectAttachment ${name}`, issues.all).message,
        this,
      );
    }
    const region = args.region;
    const tags = { ...(args.tags ?? {}) };

    const dxGateway = new aws.directconnect.Gateway(
      `${name}-gateway`,
      { name: args.gateway.name ?? name, amazonSideAsn: String(args.gateway.amazonSideAsn), tags },
      { parent: this },
    );

    const connectionIds: Record<string, pulumi.Input<string>> = {};
    const encryptionModes: Record<string, string> = {};
    for (const spec of args.connections) {
      let connectionId: pulumi.Input<string>;
      if (spec.connectionId !== undefined) {
        connectionId = spec.connectionId;
      } else {
        // A physical port takes weeks to order again: a destroy only forgets it.
        const connection = new aws.directconnect.Connection(
          `${name}-conn-${spec.name}`,
          {
            name: `${name}-${spec.name}`,
            bandwidth: spec.bandwidth!,
            location: spec.location!,
            providerName: spec.providerName,
            requestMacsec: spec.requestMacsec ?? encrypts(spec.encryptionMode),
            encryptionMode: spec.encryptionMode,
            skipDestroy: true,
            region,
            tags,
          },
          { parent: this },
        );
        connectionId = connection.id;
      }
      connectionIds[spec.name] = connectionId;
      encryptionModes[spec.name] = encrypts(spec.encryptionMode)
        ? spec.encryptionMode!
        : `none (${spec.macsecExemptReason ?? ""})`;
      if (spec.macsecSecretArn !== undefined || spec.macsecKey !== undefined) {
        new aws.directconnect.MacsecKeyAssociation(
          `${name}-macsec-${spec.name}`,
          {
            connectionId,
            secretArn: spec.macsecSecretArn,
            ckn:
              spec.macsecKey === undefined
                ? undefined
                : checkedSecret(
                    spec.macsecKey.ckn,
                    checkMacsecKeyPart,
                    `connections.${spec.name}.macsecKey.ckn`,
                    this,
                  ),
            cak:
              spec.macsecKey === undefined
                ? undefined
                : checkedSecret(
                    spec.macsecKey.cak,
                    checkMacsecKeyPart,
                    `connections.${spec.name}.macsecKey.cak`,
                    this,
                  ),
            region,
          },
          { parent: this },
        );
      }
    }

    for (const spec of args.associations ?? []) {
      new aws.directconnect.GatewayAssociation(
        `${name}-assoc-${spec.name}`,
        {
          dxGatewayId: dxGateway.id,
          associatedGatewayId: spec.associatedGatewayId,
          allowedPrefixes:
            spec.allowedPrefixes === undefined ? undefined : [...spec.allowedPrefixes],
          region,
        },
        { parent: this },
      );
    }

    const vifIds: Record<string, pulumi.Output<string>> = {};
    for (const spec of args.interfaces) {
      const common = {
        name: `${name}-${spec.name}`,
        connectionId: connectionIds[spec.connection]!,
        vlan: spec.vlan,
        addressFamily: spec.addressFamily ?? "ipv4",
        ...vifAsnInputs(spec.bgpAsn),
        bgpAuthKey:
          spec.bgpAuthKey === undefined
            ? undefined
            : checkedSecret(
                spec.bgpAuthKey,
                checkBgpAuthKey,
                `interfaces.${spec.name}.bgpAuthKey`,
                this,
              ),
        amazonAddress: spec.amazonAddress,
        customerAddress: spec.customerAddress,
        mtu: spec.mtu ?? 1500,
        region,
        tags,
      };
      const options = { parent: this };
      const vif =
        spec.type === VirtualInterfaceType.Transit
          ? new aws.directconnect.TransitVirtualInterface(
              `${name}-vif-${spec.name}`,
              { ...common, dxGatewayId: dxGateway.id },
              options,
            )
          : new aws.directconnect.PrivateVirtualInterface(
              `${name}-vif-${spec.name}`,
              {
                ...common,
                dxGatewayId: spec.vpnGatewayId === undefined ? dxGateway.id : undefined,
                vpnGatewayId: spec.vpnGatewayId,
              },
              options,
            );
      vifIds[spec.name] = vif.id;
    }

    const vpnIds: Record<string, pulumi.Output<string>> = {};
    for (const spec of args.vpn?.customerGateways ?? []) {
      const customerGateway = new aws.ec2.CustomerGateway(
        `${name}-cgw-${spec.name}`,
        {
          type: "ipsec.1",
          ipAddress: spec.ipAddress,
          ...customerGatewayAsnInputs(spec.bgpAsn),
          deviceName: spec.name,
          region,
          tags,
        },
        { parent: this },
      );
      const vpn = new aws.ec2.VpnConnection(
        `${name}-vpn-${spec.name}`,
        {
          customerGatewayId: customerGateway.id,
          transitGatewayId: args.vpn!.transitGatewayId,
          type: "ipsec.1",
          staticRoutesOnly: false,
          // Keeps the tunnels' pre-shared keys out of the stack state.
          presharedKeyStorage: "SecretsManager",
          region,
          tags,
        },
        { parent: this },
      );
      vpnIds[spec.name] = vpn.id;
    }

    this.dxGatewayId = dxGateway.id;
    this.connectionIds = pulumi.output(connectionIds);
    this.encryptionModes = pulumi.output(encryptionModes);
    this.virtualInterfaceIds = pulumi.output(vifIds);
    this.vpnConnectionIds = pulumi.output(vpnIds);
    this.registerOutputs({
      dxGatewayId: this.dxGatewayId,
      connectionIds: this.connectionIds,
      encryptionModes: this.encryptionModes,
      virtualInterfaceIds: this.virtualInterfaceIds,
      vpnConnectionIds: this.vpnConnectionIds,
    });
  }
}
