/**
 * The arguments of the DirectConnectAttachment component and their checks, pure so that the
 * stack configuration runs the same checks before anything is created.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkBgpAuthKey, checkMacsecKeyPart, secretProblem } from "./secret-checks";
import { checkName } from "./backup-names";
import { isAwsRegion } from "./aws-regions";
import {
  CONNECTION_ID,
  DEDICATED_BANDWIDTHS,
  DX_NAME,
  DX_QUOTAS,
  ENCRYPTION_MODES,
  HOSTED_BANDWIDTHS,
  LOCATION_CODE,
  MACSEC_BANDWIDTHS,
  MACSEC_SECRET_ARN,
  TRANSIT_GATEWAY_ID,
  VIF_MTUS,
  VLAN,
  VPN_GATEWAY_ID,
  checkAdvertisedPrefix,
  checkAmazonSideAsn,
  checkCustomerAsn,
  checkPeerAddresses,
  type EncryptionMode,
} from "./direct-connect-rules";
import { checkIpv4Address, nonPublicBlockOf, parseIpv4 } from "./ipv4";
import { Issues, checkIntRange, checkOneOf, checkUnique, show } from "./validation";

export const ConnectionKind = { Dedicated: "dedicated", Hosted: "hosted" } as const;
export type ConnectionKind = (typeof ConnectionKind)[keyof typeof ConnectionKind];

export const VirtualInterfaceType = { Private: "private", Transit: "transit" } as const;
export type VirtualInterfaceType = (typeof VirtualInterfaceType)[keyof typeof VirtualInterfaceType];

export const AssociatedGatewayType = {
  TransitGateway: "transitGateway",
  VirtualPrivateGateway: "virtualPrivateGateway",
} as const;
export type AssociatedGatewayType =
  (typeof AssociatedGatewayType)[keyof typeof AssociatedGatewayType];

export const MacsecEncryptionMode = {
  NoEncrypt: "no_encrypt",
  ShouldEncrypt: "should_encrypt",
  MustEncrypt: "must_encrypt",
} as const;
export type MacsecEncryptionMode = (typeof MacsecEncryptionMode)[keyof typeof MacsecEncryptionMode];

export const BgpAddressFamily = { Ipv4: "ipv4", Ipv6: "ipv6" } as const;
export type BgpAddressFamily = (typeof BgpAddressFamily)[keyof typeof BgpAddressFamily];

/** A MACsec connectivity association key: its name (CKN) and the key itself (CAK). */
export interface MacsecKey {
  /** Connectivity association key name: 64 hexadecimal characters (a secret). */
  readonly ckn: pulumi.Input<string>;
  /** Connectivity association key: 64 hexadecimal characters (a secret). */
  readonly cak: pulumi.Input<string>;
}

export interface DirectConnectGatewaySpec {
  /** Amazon-side ASN: 64512-65534 or 4200000000-4294967294, not the transit gateway's. */
  readonly amazonSideAsn: number;
  /** Name of the Direct Connect gateway. @default the component name */
  readonly name?: string;
}

/**
 * A Direct Connect connection: an existing one (`connectionId`) or a dedicated one ordered here
 * (`bandwidth` and `location`).
 */
export interface DirectConnectConnectionSpec {
  /** Names the connection in this component; interfaces refer to it. */
  readonly name: string;
  /** A port dedicated to the company, or a hosted connection from a partner. @default "dedicated" */
  readonly kind?: ConnectionKind;
  /** Id of an existing connection or LAG (dxcon-..., dxlag-...). @default undefined: order one */
  readonly connectionId?: pulumi.Input<string>;
  /**
   * Port speed: 1Gbps, 10Gbps, 100Gbps or 400Gbps for dedicated ports; 50Mbps-25Gbps for hosted
   * connections. Required for a connection ordered here. @default undefined
   */
  readonly bandwidth?: string;
  /** Direct Connect location code of a connection ordered here. @default undefined */
  readonly location?: string;
  /** Partner that provides the cross-connect of a connection ordered here. @default undefined */
  readonly providerName?: string;
  /** Orders a MACsec-capable port. @default true when encryptionMode encrypts */
  readonly requestMacsec?: boolean;
  /**
   * MACsec mode: no_encrypt, should_encrypt or must_encrypt. Set on a connection ordered here
   * (applied once the port is available); for an existing connection it is recorded, not changed.
   * @default undefined
   */
  readonly encryptionMode?: MacsecEncryptionMode;
  /** Secrets Manager ARN of a MACsec key Direct Connect already holds. @default undefined */
  readonly macsecSecretArn?: pulumi.Input<string>;
  /** A MACsec CKN/CAK pair (64 hexadecimal characters each; secrets). @default undefined */
  readonly macsecKey?: MacsecKey;
  /** Why a connection does not encrypt with MACsec; required then. @default undefined */
  readonly macsecExemptReason?: string;
}

export interface VirtualInterfaceSpec {
  /** Names the virtual interface; unique in the component. */
  readonly name: string;
  /** A private interface (VPCs through virtual private gateways) or a transit one (transit gateways). */
  readonly type: VirtualInterfaceType;
  /** Name of the connection (in `connections`) that carries it. */
  readonly connection: string;
  /** VLAN, 1-4094, unique per connection. */
  readonly vlan: number;
  /** Customer-side BGP ASN, 1-4294967294. */
  readonly bgpAsn: number;
  /** BGP address family. @default "ipv4" */
  readonly addressFamily?: BgpAddressFamily;
  /** Amazon's BGP peer address with prefix (IPv4). @default chosen by Amazon */
  readonly amazonAddress?: string;
  /** The customer router's BGP peer address with prefix (IPv4). @default chosen by Amazon */
  readonly customerAddress?: string;
  /** MTU: 1500 or 9001 for private, 1500 or 8500 for transit interfaces. @default 1500 */
  readonly mtu?: number;
  /** Attaches a private interface to this virtual private gateway instead of the Direct Connect gateway. @default undefined */
  readonly vpnGatewayId?: pulumi.Input<string>;
  /** BGP MD5 key, 6-80 characters (a secret). @default generated by AWS */
  readonly bgpAuthKey?: pulumi.Input<string>;
}

export interface GatewayAssociationSpec {
  /** Names the association; unique in the component. */
  readonly name: string;
  /** A transit gateway (with transit interfaces) or a virtual private gateway (with private ones). */
  readonly gatewayType: AssociatedGatewayType;
  /** Id of the transit gateway (tgw-...) or virtual private gateway (vgw-...). */
  readonly associatedGatewayId: pulumi.Input<string>;
  /** Amazon-side ASN of the associated gateway; required for a transit gateway. @default undefined */
  readonly associatedGatewayAsn?: number;
  /** Prefixes advertised to on premises; required for a transit gateway. @default the VPC's CIDR (VGW only) */
  readonly allowedPrefixes?: string[];
}

export interface CustomerGatewaySpec {
  /** Names the customer gateway and its VPN connection. */
  readonly name: string;
  /** BGP ASN of the on-premises VPN device, 1-4294967294. */
  readonly bgpAsn: number;
  /** Public IPv4 address of the on-premises VPN device. */
  readonly ipAddress: string;
}

/** A site-to-site VPN to the transit gateway, used when the Direct Connect path fails. */
export interface VpnFailoverSpec {
  /** Id of the transit gateway (tgw-...) the VPN connections attach to. */
  readonly transitGatewayId: pulumi.Input<string>;
  /** The on-premises VPN devices, one VPN connection each; at least one. */
  readonly customerGateways: CustomerGatewaySpec[];
}

export interface DirectConnectAttachmentArgs {
  /** The Direct Connect gateway the virtual interfaces attach to. */
  readonly gateway: DirectConnectGatewaySpec;
  /** The connections (existing or ordered here) that carry the virtual interfaces; at least one. */
  readonly connections: DirectConnectConnectionSpec[];
  /** The virtual interfaces; at least one. */
  readonly interfaces: VirtualInterfaceSpec[];
  /** Gateways the Direct Connect gateway is associated with. @default [] */
  readonly associations?: GatewayAssociationSpec[];
  /** VPN failover. @default none */
  readonly vpn?: VpnFailoverSpec;
  /** Region of the regional children (`@pulumi/aws` v7 `region` input). @default the provider's region */
  readonly region?: string;
  /** Tags of every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export const encrypts = (mode: EncryptionMode | undefined): boolean =>
  mode === "should_encrypt" || mode === "must_encrypt";

function checkConnection(issues: Issues, connection: DirectConnectConnectionSpec): void {
  checkName(issues.at("name"), connection.name, DX_NAME);
  const kind = connection.kind ?? ConnectionKind.Dedicated;
  checkOneOf(issues.at("kind"), kind, [ConnectionKind.Dedicated, ConnectionKind.Hosted]);
  const dedicated = kind === ConnectionKind.Dedicated;
  const existing = connection.connectionId !== undefined;
  if (typeof connection.connectionId === "string") {
    checkName(issues.at("connectionId"), connection.connectionId, CONNECTION_ID);
  }
  if (existing) {
    for (const key of ["location", "providerName", "requestMacsec"] as const) {
      if (connection[key] !== undefined) {
        issues
          .at(key)
          .add(
            `is ${show(connection[key])}, but applies only to a connection ordered here (without connectionId); remove it.`,
          );
      }
    }
  } else if (!dedicated) {
    issues.add(
      "has no connectionId, but a hosted connection is provisioned by a Direct Connect partner: give the id of the hosted connection.",
    );
  } else {
    if (connection.bandwidth === undefined) {
      issues
        .at("bandwidth")
        .add(
          `is missing; a dedicated connection ordered here needs one of ${DEDICATED_BANDWIDTHS.join(", ")} (or give connectionId to use an existing connection).`,
        );
    }
    if (connection.location === undefined) {
      issues
        .at("location")
        .add(
          "is missing; a dedicated connection ordered here needs the Direct Connect location code (or give connectionId to use an existing connection).",
        );
    } else {
      checkName(issues.at("location"), connection.location, LOCATION_CODE);
    }
  }
  if (connection.bandwidth !== undefined) {
    checkOneOf<string>(
      issues.at("bandwidth"),
      connection.bandwidth,
      dedicated ? DEDICATED_BANDWIDTHS : HOSTED_BANDWIDTHS,
    );
  }

  const mode = connection.encryptionMode;
  if (mode !== undefined) checkOneOf(issues.at("encryptionMode"), mode, ENCRYPTION_MODES);
  const wantsMacsec = encrypts(mode) || connection.requestMacsec === true;
  if (wantsMacsec && !dedicated) {
    issues.add("asks for MACsec, but MACsec is only available on dedicated connections.");
  } else if (
    wantsMacsec &&
    connection.bandwidth !== undefined &&
    !(MACSEC_BANDWIDTHS as readonly string[]).includes(connection.bandwidth)
  ) {
    issues
      .at("bandwidth")
      .add(
        `is ${show(connection.bandwidth)}, but MACsec is only available on ${MACSEC_BANDWIDTHS.join(", ")} dedicated ports.`,
      );
  }
  if (!existing && encrypts(mode) && connection.requestMacsec === false) {
    issues
      .at("requestMacsec")
      .add(
        `is false, but encryptionMode ${show(mode)} needs a MACsec-capable port; remove it or set it to true.`,
      );
  }

  const hasSecretArn = connection.macsecSecretArn !== undefined;
  const hasKey = connection.macsecKey !== undefined;
  if (hasSecretArn && hasKey) {
    issues.add(
      "sets both macsecSecretArn and a MACsec CKN/CAK key, but a key association takes one of them.",
    );
  }
  if ((hasSecretArn || hasKey) && !encrypts(mode)) {
    issues.add(
      "associates a MACsec key, but encryptionMode is not should_encrypt or must_encrypt, so the key would not be used.",
    );
  }
  if (typeof connection.macsecSecretArn === "string") {
    checkName(issues.at("macsecSecretArn"), connection.macsecSecretArn, MACSEC_SECRET_ARN);
  }
  // Secret outputs are checked the same way once they resolve (see checkedSecret).
  for (const part of ["ckn", "cak"] as const) {
    const value = connection.macsecKey?.[part];
    const problem =
      typeof value === "string" ? secretProblem(value, checkMacsecKeyPart) : undefined;
    if (problem !== undefined) issues.at("macsecKey").at(part).add(problem);
  }

  const reason = connection.macsecExemptReason;
  if (encrypts(mode) && reason !== undefined) {
    issues
      .at("macsecExemptReason")
      .add(`is set, but the connection encrypts with MACsec (${mode}); remove the exemption.`);
  } else if (!encrypts(mode) && (reason === undefined || reason.trim() === "")) {
    issues
      .at("macsecExemptReason")
      .add(
        "is missing; a connection without MACsec (encryptionMode should_encrypt or must_encrypt) must say why, for example that it is a hosted connection.",
      );
  }
}

function checkInterface(
  issues: Issues,
  vif: VirtualInterfaceSpec,
  connections: ReadonlyMap<string, DirectConnectConnectionSpec>,
): void {
  checkName(issues.at("name"), vif.name, DX_NAME);
  const typeOk = checkOneOf(issues.at("type"), vif.type, [
    VirtualInterfaceType.Private,
    VirtualInterfaceType.Transit,
  ]);
  if (!connections.has(vif.connection)) {
    const known = [...connections.keys()].map((name) => show(name)).join(", ");
    issues
      .at("connection")
      .add(
        `is ${show(vif.connection)}, but names no connection of this attachment; the connections are ${known === "" ? "none" : known}.`,
      );
  }
  checkIntRange(issues.at("vlan"), vif.vlan, VLAN.min, VLAN.max);
  checkCustomerAsn(issues.at("bgpAsn"), vif.bgpAsn);
  const family = vif.addressFamily ?? "ipv4";
  checkOneOf(issues.at("addressFamily"), family, ["ipv4", "ipv6"]);
  checkPeerAddresses(issues, family, vif.amazonAddress, vif.customerAddress);
  if (typeOk && vif.mtu !== undefined) {
    checkOneOf<number>(issues.at("mtu"), vif.mtu, VIF_MTUS[vif.type]);
  }
  if (vif.vpnGatewayId !== undefined && vif.type === VirtualInterfaceType.Transit) {
    issues
      .at("vpnGatewayId")
      .add(
        "is set, but a transit virtual interface attaches only to the Direct Connect gateway; remove it.",
      );
  }
  if (typeof vif.vpnGatewayId === "string") {
    checkName(issues.at("vpnGatewayId"), vif.vpnGatewayId, VPN_GATEWAY_ID);
  }
  if (typeof vif.bgpAuthKey === "string") {
    const problem = secretProblem(vif.bgpAuthKey, checkBgpAuthKey);
    if (problem !== undefined) issues.at("bgpAuthKey").add(problem);
  }
}

/** Interfaces attached to the Direct Connect gateway (not directly to a virtual private gateway). */
function onDxGateway(vif: VirtualInterfaceSpec): boolean {
  return vif.vpnGatewayId === undefined;
}

function checkQuotas(issues: Issues, args: DirectConnectAttachmentArgs): void {
  args.connections.forEach((connection, index) => {
    const carried = args.interfaces.filter((vif) => vif.connection === connection.name);
    const at = issues.at("connections").at(index);
    if ((connection.kind ?? ConnectionKind.Dedicated) === ConnectionKind.Hosted) {
      if (carried.length > DX_QUOTAS.vifsPerHostedConnection) {
        at.add(
          `carries ${carried.length} virtual interfaces, but a hosted connection carries at most ${DX_QUOTAS.vifsPerHostedConnection}.`,
        );
      }
    } else {
      const transit = carried.filter((vif) => vif.type === VirtualInterfaceType.Transit).length;
      const other = carried.length - transit;
      if (transit > DX_QUOTAS.transitVifsPerDedicatedConnection) {
        at.add(
          `carries ${transit} transit virtual interfaces, but a dedicated connection carries at most ${DX_QUOTAS.transitVifsPerDedicatedConnection}.`,
        );
      }
      if (other > DX_QUOTAS.privateVifsPerDedicatedConnection) {
        at.add(
          `carries ${other} private virtual interfaces, but a dedicated connection carries at most ${DX_QUOTAS.privateVifsPerDedicatedConnection}.`,
        );
      }
    }
    const vlans = new Map<number, string>();
    args.interfaces.forEach((vif, vifIndex) => {
      if (vif.connection !== connection.name) return;
      const first = vlans.get(vif.vlan);
      if (first === undefined) vlans.set(vif.vlan, vif.name);
      else {
        issues
          .at("interfaces")
          .at(vifIndex)
          .at("vlan")
          .add(
            `is ${vif.vlan}, already used by ${show(first)} on connection ${show(connection.name)}; VLANs are unique per connection.`,
          );
      }
    });
  });

  const attached = args.interfaces.filter(onDxGateway);
  const interfaces = issues.at("interfaces");
  if (attached.length > DX_QUOTAS.vifsPerDxGateway) {
    interfaces.add(
      `attach ${attached.length} virtual interfaces to the Direct Connect gateway, but it takes at most ${DX_QUOTAS.vifsPerDxGateway}.`,
    );
  }
  const privateOnGateway = attached.some((vif) => vif.type === VirtualInterfaceType.Private);
  const transitOnGateway = attached.some((vif) => vif.type === VirtualInterfaceType.Transit);
  if (privateOnGateway && transitOnGateway) {
    interfaces.add(
      "attach both private and transit virtual interfaces to the Direct Connect gateway, but a Direct Connect gateway takes either private interfaces (with virtual private gateways) or transit interfaces (with transit gateways).",
    );
  }

  const associations = args.associations ?? [];
  const counts = { transitGateway: 0, virtualPrivateGateway: 0 };
  associations.forEach((association, index) => {
    const at = issues.at("associations").at(index);
    if (association.gatewayType === AssociatedGatewayType.TransitGateway) {
      counts.transitGateway += 1;
      if (privateOnGateway) {
        at.add(
          "associates a transit gateway, but private virtual interfaces are attached to the Direct Connect gateway; use transit interfaces or a virtual private gateway.",
        );
      }
    } else if (association.gatewayType === AssociatedGatewayType.VirtualPrivateGateway) {
      counts.virtualPrivateGateway += 1;
      if (transitOnGateway) {
        at.add(
          "associates a virtual private gateway, but transit virtual interfaces are attached to the Direct Connect gateway; use private interfaces or a transit gateway.",
        );
      }
    }
  });
  const mixed = counts.transitGateway > 0 && counts.virtualPrivateGateway > 0;
  if (mixed) {
    issues
      .at("associations")
      .add(
        "associates both transit gateways and virtual private gateways, but a Direct Connect gateway is associated with one kind only.",
      );
  }
  if (counts.transitGateway > DX_QUOTAS.transitGatewaysPerDxGateway) {
    issues
      .at("associations")
      .add(
        `associates ${counts.transitGateway} transit gateways, but a Direct Connect gateway takes at most ${DX_QUOTAS.transitGatewaysPerDxGateway}.`,
      );
  }
  if (counts.virtualPrivateGateway > DX_QUOTAS.virtualPrivateGatewaysPerDxGateway) {
    issues
      .at("associations")
      .add(
        `associates ${counts.virtualPrivateGateway} virtual private gateways, but a Direct Connect gateway takes at most ${DX_QUOTAS.virtualPrivateGatewaysPerDxGateway}.`,
      );
  }
}

function checkAssociation(
  issues: Issues,
  association: GatewayAssociationSpec,
  dxAsn: number,
): void {
  checkName(issues.at("name"), association.name, DX_NAME);
  const typeOk = checkOneOf(issues.at("gatewayType"), association.gatewayType, [
    AssociatedGatewayType.TransitGateway,
    AssociatedGatewayType.VirtualPrivateGateway,
  ]);
  const transit = association.gatewayType === AssociatedGatewayType.TransitGateway;
  if (typeOk && typeof association.associatedGatewayId === "string") {
    checkName(
      issues.at("associatedGatewayId"),
      association.associatedGatewayId,
      transit ? TRANSIT_GATEWAY_ID : VPN_GATEWAY_ID,
    );
  }
  const asn = association.associatedGatewayAsn;
  if (asn === undefined && transit) {
    issues
      .at("associatedGatewayAsn")
      .add(
        "is missing; a transit gateway association needs the transit gateway's Amazon-side ASN, which must differ from the Direct Connect gateway's.",
      );
  }
  if (
    asn !== undefined &&
    checkAmazonSideAsn(issues.at("associatedGatewayAsn"), asn) &&
    transit &&
    asn === dxAsn
  ) {
    issues
      .at("associatedGatewayAsn")
      .add(
        `is ${asn}, the ASN of the Direct Connect gateway, but a transit gateway associated with it needs a different ASN.`,
      );
  }
  const prefixes = association.allowedPrefixes;
  if (transit && (prefixes === undefined || prefixes.length === 0)) {
    issues
      .at("allowedPrefixes")
      .add(
        "is missing; a transit gateway association must list the prefixes advertised to on premises.",
      );
  }
  (prefixes ?? []).forEach((prefix, index) =>
    checkAdvertisedPrefix(issues.at("allowedPrefixes").at(index), prefix),
  );
  checkUnique(issues.at("allowedPrefixes"), prefixes ?? [], "prefix");
}

function checkVpn(issues: Issues, vpn: VpnFailoverSpec): void {
  if (typeof vpn.transitGatewayId === "string") {
    checkName(issues.at("transitGatewayId"), vpn.transitGatewayId, TRANSIT_GATEWAY_ID);
  }
  const gateways = issues.at("customerGateways");
  if (vpn.customerGateways.length === 0) {
    gateways.add("is empty, but a VPN needs at least one on-premises device.");
  }
  vpn.customerGateways.forEach((gateway, index) => {
    const at = gateways.at(index);
    checkName(at.at("name"), gateway.name, DX_NAME);
    checkCustomerAsn(at.at("bgpAsn"), gateway.bgpAsn);
    if (
      checkIpv4Address(
        at.at("ipAddress"),
        gateway.ipAddress,
        "the public IPv4 address of the on-premises VPN device",
      )
    ) {
      const block = nonPublicBlockOf(parseIpv4(gateway.ipAddress)!);
      if (block !== undefined) {
        at.at("ipAddress").add(
          `is ${show(gateway.ipAddress)}, an address of the non-public block ${block}, but the VPN runs over the internet while Direct Connect is down: give the public IPv4 address of the on-premises VPN device.`,
        );
      }
    }
  });
  checkUnique(
    gateways,
    vpn.customerGateways.map((g) => g.name),
    "customer gateway name",
    "name",
  );
  checkUnique(
    gateways,
    vpn.customerGateways.map((g) => g.ipAddress),
    "address",
    "ipAddress",
  );
}

/** Records every problem of the arguments of a {@link DirectConnectAttachment}. */
export function validateDirectConnectAttachmentArgs(
  args: DirectConnectAttachmentArgs,
  issues: Issues,
): void {
  checkAmazonSideAsn(issues.at("gateway").at("amazonSideAsn"), args.gateway.amazonSideAsn);
  if (args.gateway.name !== undefined) {
    checkName(issues.at("gateway").at("name"), args.gateway.name, DX_NAME);
  }
  if (args.region !== undefined && !isAwsRegion(args.region)) {
    issues
      .at("region")
      .add(`is ${show(args.region)}, but must be an AWS region name such as us-east-1.`);
  }
  const connections = issues.at("connections");
  if (args.connections.length === 0) {
    connections.add("is empty, but virtual interfaces need at least one connection.");
  }
  args.connections.forEach((connection, index) =>
    checkConnection(connections.at(index), connection),
  );
  checkUnique(
    connections,
    args.connections.map((c) => c.name),
    "connection name",
    "name",
  );
  const byName = new Map(args.connections.map((c) => [c.name, c]));

  const interfaces = issues.at("interfaces");
  if (args.interfaces.length === 0) {
    interfaces.add("is empty, but the attachment needs at least one virtual interface.");
  }
  args.interfaces.forEach((vif, index) => checkInterface(interfaces.at(index), vif, byName));
  args.interfaces.forEach((vif, index) => {
    // BGP needs two autonomous systems: the customer's must differ from the Amazon side's.
    if (onDxGateway(vif) && vif.bgpAsn === args.gateway.amazonSideAsn) {
      interfaces
        .at(index)
        .at("bgpAsn")
        .add(
          `is ${vif.bgpAsn}, the Amazon-side ASN of the Direct Connect gateway (gateway.amazonSideAsn), but the customer side of a BGP session needs an ASN of its own.`,
        );
    }
  });
  const vpn = args.vpn;
  if (vpn !== undefined) {
    const tgwAsn = (args.associations ?? []).find(
      (a) =>
        typeof a.associatedGatewayId === "string" && a.associatedGatewayId === vpn.transitGatewayId,
    )?.associatedGatewayAsn;
    vpn.customerGateways.forEach((gateway, index) => {
      if (tgwAsn === undefined || gateway.bgpAsn !== tgwAsn) return;
      issues
        .at("vpn")
        .at("customerGateways")
        .at(index)
        .at("bgpAsn")
        .add(
          `is ${gateway.bgpAsn}, the Amazon-side ASN of transit gateway ${show(vpn.transitGatewayId)}, but the customer side of a BGP session needs an ASN of its own.`,
        );
    });
  }
  checkUnique(
    interfaces,
    args.interfaces.map((vif) => vif.name),
    "interface name",
    "name",
  );

  const associations = args.associations ?? [];
  associations.forEach((association, index) =>
    checkAssociation(issues.at("associations").at(index), association, args.gateway.amazonSideAsn),
  );
  checkUnique(
    issues.at("associations"),
    associations.map((a) => a.name),
    "association name",
    "name",
  );
  checkUnique(
    issues.at("associations"),
    associations.flatMap((a) =>
      typeof a.associatedGatewayId === "string" ? [a.associatedGatewayId] : [],
    ),
    "gateway",
  );
  checkQuotas(issues, args);
  if (args.vpn !== undefined) checkVpn(issues.at("vpn"), args.vpn);
}
