import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  DIRECT_CONNECT_ATTACHMENT_TYPE,
  DirectConnectAttachment,
  validateDirectConnectAttachmentArgs,
  type DirectConnectAttachmentArgs,
  type DirectConnectConnectionSpec,
  type VirtualInterfaceSpec,
} from "../../components/direct-connect-attachment";
import { Issues, formatIssues } from "../../core";
import { SECRET_SIG, SIG_KEY } from "../../preview/types";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, one, valueOf } from "../helpers/outputs";

const T = {
  gateway: "aws:directconnect/gateway:Gateway",
  connection: "aws:directconnect/connection:Connection",
  macsec: "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation",
  association: "aws:directconnect/gatewayAssociation:GatewayAssociation",
  transitVif: "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
  privateVif: "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface",
  customerGateway: "aws:ec2/customerGateway:CustomerGateway",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
} as const;

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${DIRECT_CONNECT_ATTACHMENT_TYPE}::dx`;
const TGW = "tgw-0a1b2c3d4e5f67890";
const VGW = "vgw-0a1b2c3d4e5f67890";
const SECRET_ARN =
  "arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod-primary-AbCdEf";
const HOSTED_REASON = "hosted 1 Gbps connection: MACsec is only on dedicated 10/100/400 Gbps ports";

const PROD: DirectConnectAttachmentArgs = {
  gateway: { amazonSideAsn: 64512 },
  connections: [
    {
      name: "primary",
      connectionId: "dxcon-fgab1234",
      bandwidth: "10Gbps",
      encryptionMode: "must_encrypt",
      macsecSecretArn: SECRET_ARN,
    },
    { name: "secondary", bandwidth: "10Gbps", location: "EqDC2", encryptionMode: "must_encrypt" },
  ],
  interfaces: [
    {
      name: "transit-a",
      type: "transit",
      connection: "primary",
      vlan: 101,
      bgpAsn: 65010,
      amazonAddress: "169.254.100.1/30",
      customerAddress: "169.254.100.2/30",
      mtu: 8500,
      bgpAuthKey: "bgp-key-transit-a",
    },
    {
      name: "transit-b",
      type: "transit",
      connection: "secondary",
      vlan: 102,
      bgpAsn: 4_200_000_100,
    },
  ],
  associations: [
    {
      name: "tgw",
      gatewayType: "transitGateway",
      associatedGatewayId: TGW,
      associatedGatewayAsn: 64513,
      allowedPrefixes: ["10.100.0.0/16"],
    },
  ],
  vpn: {
    transitGatewayId: TGW,
    customerGateways: [{ name: "edge-1", bgpAsn: 65010, ipAddress: "203.0.113.10" }],
  },
  tags: { environment: "prod" },
};

const STAGING: DirectConnectAttachmentArgs = {
  gateway: { amazonSideAsn: 65000 },
  connections: [
    {
      name: "hosted",
      kind: "hosted",
      connectionId: "dxcon-ffab5678",
      bandwidth: "1Gbps",
      macsecExemptReason: HOSTED_REASON,
    },
  ],
  interfaces: [
    { name: "private-a", type: "private", connection: "hosted", vlan: 201, bgpAsn: 65020 },
  ],
  associations: [{ name: "vgw", gatewayType: "virtualPrivateGateway", associatedGatewayId: VGW }],
};

function issuesOf(args: DirectConnectAttachmentArgs): string {
  const issues = new Issues();
  validateDirectConnectAttachmentArgs(args, issues);
  return formatIssues(issues.all);
}

const withConnection = (
  args: DirectConnectAttachmentArgs,
  connection: Partial<DirectConnectConnectionSpec>,
): DirectConnectAttachmentArgs => ({
  ...args,
  connections: [{ ...args.connections[0]!, ...connection }, ...args.connections.slice(1)],
});

const withInterface = (
  args: DirectConnectAttachmentArgs,
  vif: Partial<VirtualInterfaceSpec>,
): DirectConnectAttachmentArgs => ({
  ...args,
  interfaces: [{ ...args.interfaces[0]!, ...vif }, ...args.interfaces.slice(1)],
});

describe("DirectConnectAttachment", () => {
  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("builds the gateway, the ordered connection, the MACsec key, transit interfaces, the association and the VPN", async () => {
      const link = new DirectConnectAttachment("dx", PROD);
      await settled();
      const expected: Array<[string, string]> = [
        [T.gateway, "dx-gateway"],
        [T.connection, "dx-conn-secondary"],
        [T.macsec, "dx-macsec-primary"],
        [T.association, "dx-assoc-tgw"],
        [T.transitVif, "dx-vif-transit-a"],
        [T.transitVif, "dx-vif-transit-b"],
        [T.customerGateway, "dx-cgw-edge-1"],
        [T.vpn, "dx-vpn-edge-1"],
      ];
      expected.sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), expected);

      const tags = { environment: "prod" };
      assert.deepStrictEqual(inputsOf(T.gateway, "dx-gateway"), {
        name: "dx",
        amazonSideAsn: "64512",
        tags,
      });
      assert.deepStrictEqual(inputsOf(T.connection, "dx-conn-secondary"), {
        name: "dx-secondary",
        bandwidth: "10Gbps",
        location: "EqDC2",
        requestMacsec: true,
        encryptionMode: "must_encrypt",
        skipDestroy: true,
        tags,
      });
      assert.deepStrictEqual(inputsOf(T.macsec, "dx-macsec-primary"), {
        connectionId: "dxcon-fgab1234",
        secretArn: SECRET_ARN,
      });
      assert.deepStrictEqual(inputsOf(T.association, "dx-assoc-tgw"), {
        dxGatewayId: "dx-gateway-id",
        associatedGatewayId: TGW,
        allowedPrefixes: ["10.100.0.0/16"],
      });
      assert.deepStrictEqual(inputsOf(T.transitVif, "dx-vif-transit-a"), {
        name: "dx-transit-a",
        connectionId: "dxcon-fgab1234",
        vlan: 101,
        addressFamily: "ipv4",
        bgpAsn: 65010,
        bgpAuthKey: "bgp-key-transit-a",
        amazonAddress: "169.254.100.1/30",
        customerAddress: "169.254.100.2/30",
        mtu: 8500,
        dxGatewayId: "dx-gateway-id",
        tags,
      });
      assert.deepStrictEqual(one(T.transitVif, "dx-vif-transit-a").inputs.bgpAuthKey, {
        [SIG_KEY]: SECRET_SIG,
        value: "bgp-key-transit-a",
      });
      assert.deepStrictEqual(inputsOf(T.transitVif, "dx-vif-transit-b"), {
        name: "dx-transit-b",
        connectionId: "dx-conn-secondary-id",
        vlan: 102,
        addressFamily: "ipv4",
        bgpAsnLong: "4200000100",
        mtu: 1500,
        dxGatewayId: "dx-gateway-id",
        tags,
      });
      assert.deepStrictEqual(inputsOf(T.customerGateway, "dx-cgw-edge-1"), {
        type: "ipsec.1",
        ipAddress: "203.0.113.10",
        bgpAsn: "65010",
        deviceName: "edge-1",
        tags,
      });
      assert.deepStrictEqual(inputsOf(T.vpn, "dx-vpn-edge-1"), {
        customerGatewayId: "dx-cgw-edge-1-id",
        transitGatewayId: TGW,
        type: "ipsec.1",
        staticRoutesOnly: false,
        presharedKeyStorage: "SecretsManager",
        tags,
      });

      assert.equal(await valueOf(link.dxGatewayId), "dx-gateway-id");
      assert.deepStrictEqual(await valueOf(link.connectionIds), {
        primary: "dxcon-fgab1234",
        secondary: "dx-conn-secondary-id",
      });
      assert.deepStrictEqual(await valueOf(link.encryptionModes), {
        primary: "must_encrypt",
        secondary: "must_encrypt",
      });
      assert.deepStrictEqual(await valueOf(link.virtualInterfaceIds), {
        "transit-a": "dx-vif-transit-a-id",
        "transit-b": "dx-vif-transit-b-id",
      });
      assert.deepStrictEqual(await valueOf(link.vpnConnectionIds), {
        "edge-1": "dx-vpn-edge-1-id",
      });
    });

    it("associates a MACsec CKN/CAK pair as secrets", async () => {
      new DirectConnectAttachment(
        "dx",
        withConnection(PROD, {
          macsecSecretArn: undefined,
          macsecKey: { ckn: "a".repeat(64), cak: "b".repeat(64) },
        }),
      );
      await settled();
      const raw = one(T.macsec, "dx-macsec-primary").inputs;
      assert.deepStrictEqual(raw.ckn, { [SIG_KEY]: SECRET_SIG, value: "a".repeat(64) });
      assert.deepStrictEqual(raw.cak, { [SIG_KEY]: SECRET_SIG, value: "b".repeat(64) });
      assert.equal("secretArn" in raw, false);
    });

    it("puts a private interface on a hosted connection and records why it does not encrypt", async () => {
      const link = new DirectConnectAttachment("dx", STAGING);
      await settled();
      assert.deepStrictEqual(inputsOf(T.privateVif, "dx-vif-private-a"), {
        name: "dx-private-a",
        connectionId: "dxcon-ffab5678",
        vlan: 201,
        addressFamily: "ipv4",
        bgpAsn: 65020,
        mtu: 1500,
        dxGatewayId: "dx-gateway-id",
        tags: {},
      });
      assert.deepStrictEqual(inputsOf(T.association, "dx-assoc-vgw"), {
        dxGatewayId: "dx-gateway-id",
        associatedGatewayId: VGW,
      });
      assert.deepStrictEqual(await valueOf(link.encryptionModes), {
        hosted: `none (${HOSTED_REASON})`,
      });
      assert.equal(
        mocks.resources.some((r) => r.type === T.connection || r.type === T.macsec),
        false,
      );
    });

    it("attaches a private interface to a virtual private gateway instead of the Direct Connect gateway", async () => {
      new DirectConnectAttachment("dx", withInterface(STAGING, { vpnGatewayId: VGW }));
      await settled();
      const vif = inputsOf(T.privateVif, "dx-vif-private-a");
      assert.equal(vif.vpnGatewayId, VGW);
      assert.equal("dxGatewayId" in vif, false);
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("keeps the ids of the gateway and of an ordered connection unknown, and existing ids known", async () => {
      const link = new DirectConnectAttachment("dx", PROD);
      await settled();
      assert.equal(inputsOf(T.transitVif, "dx-vif-transit-a").dxGatewayId, UNKNOWN);
      assert.equal(inputsOf(T.transitVif, "dx-vif-transit-a").connectionId, "dxcon-fgab1234");
      assert.equal(inputsOf(T.transitVif, "dx-vif-transit-b").connectionId, UNKNOWN);
      assert.equal(inputsOf(T.vpn, "dx-vpn-edge-1").customerGatewayId, UNKNOWN);
      assert.equal(await valueOf(link.dxGatewayId), UNKNOWN);
      assert.deepStrictEqual(await valueOf(link.encryptionModes), {
        primary: "must_encrypt",
        secondary: "must_encrypt",
      });
    });
  });

  describe("validation", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("accepts the production and staging shapes", () => {
      assert.equal(issuesOf(PROD), "");
      assert.equal(issuesOf(STAGING), "");
    });

    it("keeps ASNs in their ranges, the Direct Connect gateway's apart from the transit gateway's", () => {
      assert.equal(
        issuesOf({ ...PROD, gateway: { amazonSideAsn: 65535 } }),
        "[gateway.amazonSideAsn] is 65535, but an Amazon-side ASN must be a private ASN from 64512 to 65534 or from 4200000000 to 4294967294.",
      );
      assert.equal(issuesOf({ ...PROD, gateway: { amazonSideAsn: 65534 } }), "");
      assert.equal(issuesOf({ ...PROD, gateway: { amazonSideAsn: 4_200_000_000 } }), "");
      assert.equal(
        issuesOf({ ...PROD, gateway: { amazonSideAsn: 64513 } }),
        "[associations[0].associatedGatewayAsn] is 64513, the ASN of the Direct Connect gateway, but a transit gateway associated with it needs a different ASN.",
      );
      assert.equal(
        issuesOf(withInterface(PROD, { bgpAsn: 0 })),
        "[interfaces[0].bgpAsn] is 0, but must be a whole number from 1 to 4294967294 (a 2-byte or 4-byte ASN).",
      );
      assert.equal(issuesOf(withInterface(PROD, { bgpAsn: 4_294_967_294 })), "");
      assert.equal(
        issuesOf(withInterface(PROD, { bgpAsn: 4_294_967_295 })),
        "[interfaces[0].bgpAsn] is 4294967295, but must be a whole number from 1 to 4294967294 (a 2-byte or 4-byte ASN).",
      );
    });

    it("checks VLANs, MTUs, address families and BGP peer addresses", () => {
      assert.equal(
        issuesOf(withInterface(PROD, { vlan: 4095, mtu: 9001 })),
        [
          "[interfaces[0].vlan] is 4095, but must be a whole number from 1 to 4094.",
          "[interfaces[0].mtu] is 9001, but must be one of 1500, 8500.",
        ].join("\n"),
      );
      assert.equal(issuesOf(withInterface(PROD, { vlan: 4094, mtu: 1500 })), "");
      assert.equal(
        issuesOf(withInterface(STAGING, { mtu: 8500 })),
        "[interfaces[0].mtu] is 8500, but must be one of 1500, 9001.",
      );
      assert.equal(issuesOf(withInterface(STAGING, { mtu: 9001 })), "");
      assert.equal(
        issuesOf(withInterface(PROD, { customerAddress: undefined })),
        "[interfaces[0]] sets only amazonAddress, but an IPv4 virtual interface takes both peer addresses or neither (then Amazon picks them).",
      );
      assert.equal(
        issuesOf(withInterface(PROD, { customerAddress: "169.254.100.5/30" })),
        '[interfaces[0].customerAddress] is "169.254.100.5/30", but must be in the subnet of amazonAddress (169.254.100.0/30).',
      );
      assert.equal(
        issuesOf(withInterface(PROD, { customerAddress: "169.254.100.1/30" })),
        '[interfaces[0].customerAddress] is "169.254.100.1/30", the same address as amazonAddress; the peers need different addresses.',
      );
      assert.equal(
        issuesOf(withInterface(PROD, { amazonAddress: "169.254.100.1" })),
        '[interfaces[0].amazonAddress] is "169.254.100.1", but must be an IPv4 address with its prefix length, such as 169.254.100.1/30.',
      );
      assert.equal(
        issuesOf(withInterface(PROD, { addressFamily: "ipv6" })),
        [
          '[interfaces[0].amazonAddress] is "169.254.100.1/30", but Amazon assigns the peer addresses of an IPv6 virtual interface; remove it.',
          '[interfaces[0].customerAddress] is "169.254.100.2/30", but Amazon assigns the peer addresses of an IPv6 virtual interface; remove it.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf(
          withInterface(PROD, {
            addressFamily: "ipv6",
            amazonAddress: undefined,
            customerAddress: undefined,
          }),
        ),
        "",
      );
      assert.equal(
        issuesOf(withInterface(PROD, { bgpAuthKey: "short" })),
        "[interfaces[0].bgpAuthKey] has 5 characters, but a BGP key has 6-80 (the value is not shown).",
      );
      assert.equal(issuesOf(withInterface(PROD, { bgpAuthKey: "sixsix" })), "");
    });

    it("ties interfaces to declared connections, VLANs unique per connection, transit ones to the gateway only", () => {
      assert.equal(
        issuesOf({
          ...PROD,
          interfaces: [
            PROD.interfaces[0]!,
            { ...PROD.interfaces[1]!, connection: "primary", vlan: 101, vpnGatewayId: VGW },
            { ...PROD.interfaces[1]!, name: "transit-c", connection: "tertiary", vlan: 103 },
          ],
        }),
        [
          "[interfaces[1].vpnGatewayId] is set, but a transit virtual interface attaches only to the Direct Connect gateway; remove it.",
          '[interfaces[2].connection] is "tertiary", but names no connection of this attachment; the connections are "primary", "secondary".',
          '[interfaces[1].vlan] is 101, already used by "transit-a" on connection "primary"; VLANs are unique per connection.',
        ].join("\n"),
      );
    });

    it("takes either private or transit interfaces on the Direct Connect gateway, with matching associations", () => {
      const mixed: DirectConnectAttachmentArgs = {
        ...PROD,
        interfaces: [
          ...PROD.interfaces,
          { name: "private-a", type: "private", connection: "primary", vlan: 300, bgpAsn: 65010 },
        ],
        associations: [
          ...PROD.associations!,
          { name: "vgw", gatewayType: "virtualPrivateGateway", associatedGatewayId: VGW },
        ],
      };
      assert.equal(
        issuesOf(mixed),
        [
          "[interfaces] attach both private and transit virtual interfaces to the Direct Connect gateway, but a Direct Connect gateway takes either private interfaces (with virtual private gateways) or transit interfaces (with transit gateways).",
          "[associations[0]] associates a transit gateway, but private virtual interfaces are attached to the Direct Connect gateway; use transit interfaces or a virtual private gateway.",
          "[associations[1]] associates a virtual private gateway, but transit virtual interfaces are attached to the Direct Connect gateway; use private interfaces or a transit gateway.",
          "[associations] associates both transit gateways and virtual private gateways, but a Direct Connect gateway is associated with one kind only.",
        ].join("\n"),
      );
      // A private interface attached straight to a virtual private gateway does not count.
      const direct = {
        ...PROD,
        interfaces: [...PROD.interfaces, { ...mixed.interfaces[2]!, vpnGatewayId: VGW }],
      };
      assert.equal(issuesOf(direct), "");
    });

    it("requires allowed prefixes and the ASN of an associated transit gateway", () => {
      assert.equal(
        issuesOf({
          ...PROD,
          associations: [
            {
              name: "tgw",
              gatewayType: "transitGateway",
              associatedGatewayId: "vgw-0a1b2c3d",
            },
            {
              name: "tgw",
              gatewayType: "transitGateway",
              associatedGatewayId: TGW,
              associatedGatewayAsn: 65535,
              allowedPrefixes: ["10.100.0.0/16", "10.200.1.0/16", "2001:db8::/56", "10.100.0.0/16"],
            },
          ],
        }),
        [
          '[associations[0].associatedGatewayId] is "vgw-0a1b2c3d", but must be a transit gateway id: "tgw-" followed by 8 or 17 lowercase hexadecimal digits.',
          "[associations[0].associatedGatewayAsn] is missing; a transit gateway association needs the transit gateway's Amazon-side ASN, which must differ from the Direct Connect gateway's.",
          "[associations[0].allowedPrefixes] is missing; a transit gateway association must list the prefixes advertised to on premises.",
          "[associations[1].associatedGatewayAsn] is 65535, but an Amazon-side ASN must be a private ASN from 64512 to 65534 or from 4200000000 to 4294967294.",
          '[associations[1].allowedPrefixes[1]] is "10.200.1.0/16", but a CIDR block must start at its network address: 10.200.0.0/16.',
          '[associations[1].allowedPrefixes[3]] repeats the prefix "10.100.0.0/16" already used at index 0.',
          '[associations[1].name] repeats the association name "tgw" already used at index 0.',
        ].join("\n"),
      );
    });

    it("associates each gateway once", () => {
      const association = PROD.associations![0]!;
      assert.equal(
        issuesOf({ ...PROD, associations: [association, { ...association, name: "tgw-again" }] }),
        '[associations[1]] repeats the gateway "tgw-0a1b2c3d4e5f67890" already used at index 0.',
      );
    });

    it("orders only dedicated ports, with a known speed and location", () => {
      const ordered: DirectConnectConnectionSpec = { name: "new" };
      const args = (connection: DirectConnectConnectionSpec): DirectConnectAttachmentArgs => ({
        ...STAGING,
        connections: [...STAGING.connections, connection],
      });
      assert.equal(
        issuesOf(args(ordered)),
        [
          "[connections[1].bandwidth] is missing; a dedicated connection ordered here needs one of 1Gbps, 10Gbps, 100Gbps, 400Gbps (or give connectionId to use an existing connection).",
          "[connections[1].location] is missing; a dedicated connection ordered here needs the Direct Connect location code (or give connectionId to use an existing connection).",
          "[connections[1].macsecExemptReason] is missing; a connection without MACsec (encryptionMode should_encrypt or must_encrypt) must say why, for example that it is a hosted connection.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf(
          args({ name: "new", kind: "hosted", bandwidth: "2Gbps", macsecExemptReason: "hosted" }),
        ),
        "[connections[1]] has no connectionId, but a hosted connection is provisioned by a Direct Connect partner: give the id of the hosted connection.",
      );
      assert.equal(
        issuesOf(
          args({ name: "new", bandwidth: "2Gbps", location: "EqDC2", macsecExemptReason: "x" }),
        ),
        '[connections[1].bandwidth] is "2Gbps", but must be one of "1Gbps", "10Gbps", "100Gbps", "400Gbps".',
      );
      assert.equal(
        issuesOf(
          args({ name: "new", bandwidth: "400Gbps", location: "EqDC2", macsecExemptReason: "x" }),
        ),
        "",
      );
      assert.equal(
        issuesOf(
          args({
            name: "old",
            connectionId: "dxcon-12",
            location: "EqDC2",
            providerName: "Equinix",
            requestMacsec: true,
            encryptionMode: "should_encrypt",
          }),
        ),
        [
          '[connections[1].connectionId] is "dxcon-12", but must be a connection or LAG id such as "dxcon-fg5678gh" or "dxlag-ffrz71kw".',
          '[connections[1].location] is "EqDC2", but applies only to a connection ordered here (without connectionId); remove it.',
          '[connections[1].providerName] is "Equinix", but applies only to a connection ordered here (without connectionId); remove it.',
          "[connections[1].requestMacsec] is true, but applies only to a connection ordered here (without connectionId); remove it.",
        ].join("\n"),
      );
    });

    it("encrypts with MACsec only on dedicated 10, 100 or 400 Gbps ports, and otherwise states why not", () => {
      assert.equal(
        issuesOf(
          withConnection(STAGING, {
            encryptionMode: "must_encrypt",
            macsecExemptReason: undefined,
          }),
        ),
        "[connections[0]] asks for MACsec, but MACsec is only available on dedicated connections.",
      );
      assert.equal(
        issuesOf(withConnection(PROD, { bandwidth: "1Gbps" })),
        '[connections[0].bandwidth] is "1Gbps", but MACsec is only available on 10Gbps, 100Gbps, 400Gbps dedicated ports.',
      );
      assert.equal(
        issuesOf({
          ...PROD,
          connections: [PROD.connections[0]!, { ...PROD.connections[1]!, requestMacsec: false }],
        }),
        '[connections[1].requestMacsec] is false, but encryptionMode "must_encrypt" needs a MACsec-capable port; remove it or set it to true.',
      );
      assert.equal(
        issuesOf(withConnection(PROD, { encryptionMode: "no_encrypt" })),
        [
          "[connections[0]] associates a MACsec key, but encryptionMode is not should_encrypt or must_encrypt, so the key would not be used.",
          "[connections[0].macsecExemptReason] is missing; a connection without MACsec (encryptionMode should_encrypt or must_encrypt) must say why, for example that it is a hosted connection.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf(withConnection(PROD, { macsecExemptReason: "legacy" })),
        "[connections[0].macsecExemptReason] is set, but the connection encrypts with MACsec (must_encrypt); remove the exemption.",
      );
      assert.equal(
        issuesOf(withConnection(STAGING, { macsecExemptReason: " " })),
        "[connections[0].macsecExemptReason] is missing; a connection without MACsec (encryptionMode should_encrypt or must_encrypt) must say why, for example that it is a hosted connection.",
      );
      assert.equal(
        issuesOf(
          withConnection(PROD, {
            macsecSecretArn: "arn:aws:secretsmanager:us-east-1:1111:secret:x",
            macsecKey: { ckn: "abc", cak: "z".repeat(64) },
          }),
        ),
        [
          "[connections[0]] sets both macsecSecretArn and a MACsec CKN/CAK key, but a key association takes one of them.",
          '[connections[0].macsecSecretArn] is "arn:aws:secretsmanager:us-east-1:1111:secret:x", but must be the ARN of the Secrets Manager secret Direct Connect created for an earlier MACsec key association.',
          "[connections[0].macsecKey.ckn] has 3 characters, but must be 64 hexadecimal digits (the value is not shown).",
          "[connections[0].macsecKey.cak] has 64 characters, not all hexadecimal, but must be 64 hexadecimal digits (the value is not shown).",
        ].join("\n"),
      );
    });

    it("counts interfaces against the quotas of connections and of the Direct Connect gateway", () => {
      const transit = (n: number, connection: string): VirtualInterfaceSpec => ({
        name: `t-${connection}-${n}`,
        type: "transit",
        connection,
        vlan: 1000 + n,
        bgpAsn: 65010,
      });
      const fiveOnPrimary = Array.from({ length: 5 }, (_, n) => transit(n, "primary"));
      assert.equal(
        issuesOf({ ...PROD, interfaces: fiveOnPrimary }),
        "[connections[0]] carries 5 transit virtual interfaces, but a dedicated connection carries at most 4.",
      );
      assert.equal(issuesOf({ ...PROD, interfaces: fiveOnPrimary.slice(0, 4) }), "");
      assert.equal(
        issuesOf({
          ...STAGING,
          interfaces: [
            ...STAGING.interfaces,
            { ...STAGING.interfaces[0]!, name: "private-b", vlan: 202 },
          ],
        }),
        "[connections[0]] carries 2 virtual interfaces, but a hosted connection carries at most 1.",
      );
      const manyConnections: DirectConnectConnectionSpec[] = Array.from({ length: 8 }, (_, n) => ({
        name: `c${n}`,
        connectionId: `dxcon-0000000${n}`,
        encryptionMode: "must_encrypt",
      }));
      const thirtyOne = manyConnections
        .flatMap((c) => [0, 1, 2, 3].map((n) => transit(n, c.name)))
        .slice(0, 31);
      assert.equal(
        issuesOf({ ...PROD, connections: manyConnections, interfaces: thirtyOne }),
        "[interfaces] attach 31 virtual interfaces to the Direct Connect gateway, but it takes at most 30.",
      );
      assert.equal(
        issuesOf({ ...PROD, connections: manyConnections, interfaces: thirtyOne.slice(0, 30) }),
        "",
      );
      const tgws = Array.from({ length: 7 }, (_, n) => ({
        name: `tgw-${n}`,
        gatewayType: "transitGateway" as const,
        associatedGatewayId: `tgw-0000000${n}`,
        associatedGatewayAsn: 64600 + n,
        allowedPrefixes: [`10.${n}.0.0/16`],
      }));
      assert.equal(
        issuesOf({ ...PROD, associations: tgws }),
        "[associations] associates 7 transit gateways, but a Direct Connect gateway takes at most 6.",
      );
      assert.equal(issuesOf({ ...PROD, associations: tgws.slice(0, 6) }), "");
      const vgws = Array.from({ length: 21 }, (_, n) => ({
        name: `vgw-${n}`,
        gatewayType: "virtualPrivateGateway" as const,
        associatedGatewayId: `vgw-${String(n).padStart(8, "0")}`,
      }));
      assert.equal(
        issuesOf({ ...STAGING, associations: vgws }),
        "[associations] associates 21 virtual private gateways, but a Direct Connect gateway takes at most 20.",
      );
      assert.equal(issuesOf({ ...STAGING, associations: vgws.slice(0, 20) }), "");
    });

    it("checks the VPN failover", () => {
      assert.equal(
        issuesOf({
          ...PROD,
          vpn: {
            transitGatewayId: "tgw-1",
            customerGateways: [
              { name: "edge-1", bgpAsn: 0, ipAddress: "203.0.113" },
              { name: "edge-1", bgpAsn: 65010, ipAddress: "203.0.113.11" },
            ],
          },
        }),
        [
          '[vpn.transitGatewayId] is "tgw-1", but must be a transit gateway id: "tgw-" followed by 8 or 17 lowercase hexadecimal digits.',
          "[vpn.customerGateways[0].bgpAsn] is 0, but must be a whole number from 1 to 4294967294 (a 2-byte or 4-byte ASN).",
          '[vpn.customerGateways[0].ipAddress] is "203.0.113", but must be the public IPv4 address of the on-premises VPN device such as 10.20.1.15.',
          '[vpn.customerGateways[1].name] repeats the customer gateway name "edge-1" already used at index 0.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ ...PROD, vpn: { transitGatewayId: TGW, customerGateways: [] } }),
        "[vpn.customerGateways] is empty, but a VPN needs at least one on-premises device.",
      );
    });

    it("uses bgpAsnExtended for a customer gateway above 2147483647", async () => {
      new DirectConnectAttachment("dx", {
        ...PROD,
        vpn: {
          transitGatewayId: TGW,
          customerGateways: [{ name: "edge-1", bgpAsn: 4_200_000_200, ipAddress: "203.0.113.10" }],
        },
      });
      await settled();
      const cgw = inputsOf(T.customerGateway, "dx-cgw-edge-1");
      assert.equal(cgw.bgpAsnExtended, "4200000200");
      assert.equal("bgpAsn" in cgw, false);
    });

    it("throws every problem before creating any child", async () => {
      const args: DirectConnectAttachmentArgs = {
        ...PROD,
        gateway: { amazonSideAsn: 1 },
        interfaces: [],
      };
      const expected = [
        "[gateway.amazonSideAsn] is 1, but an Amazon-side ASN must be a private ASN from 64512 to 65534 or from 4200000000 to 4294967294.",
        "[interfaces] is empty, but the attachment needs at least one virtual interface.",
      ].join("\n");
      assert.equal(issuesOf(args), expected);
      assert.throws(
        () => new DirectConnectAttachment("bad", args),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message === `DirectConnectAttachment bad has 2 problems:\n${expected}`,
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });
});
