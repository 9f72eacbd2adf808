import * as assert from "node:assert/strict";
import { formatIssues } from "../../core";
import { directConnectArgs } from "../../config/sections/direct-connect";
import { validateStackConfig } from "../../config/stack-config";

const BACKUP = {
  vault: {
    name: "prod-backup",
    breakGlassRoleArns: ["arn:aws:iam::111111111111:role/backup-break-glass"],
  },
  tiers: {
    gold: {
      rules: [{ name: "hourly", schedule: "cron(0 * ? * * *)", lifecycle: { deleteAfter: 35 } }],
      resourceTypes: ["StorageGateway"],
    },
  },
};

const TGW = "tgw-0a1b2c3d4e5f67890";

const DX = {
  gateway: { amazonSideAsn: 64512 },
  connections: [
    {
      name: "primary",
      connectionId: "dxcon-fgab1234",
      bandwidth: "10Gbps",
      encryptionMode: "must_encrypt",
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
      mtu: 8500,
    },
    { name: "transit-b", type: "transit", connection: "secondary", vlan: 102, bgpAsn: 65010 },
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
};

type Values = Record<string, unknown>;

function validate(changes: Values) {
  return validateStackConfig(
    {
      environment: "prod",
      accounts: { workload: "111111111111" },
      backup: BACKUP,
      directConnect: DX,
      ...changes,
    },
    "us-east-1",
  );
}

const errorsOf = (changes: Values) => formatIssues(validate(changes).issues);

describe("hybrid-backup:directConnect", () => {
  it("parses the section with its defaults and maps it to the component's arguments", () => {
    const result = validate({});
    assert.equal(formatIssues(result.issues), "");
    const section = result.config!.directConnect;
    assert.equal(section.connections[0]!.kind, "dedicated");
    assert.equal(section.interfaces[1]!.mtu, 1500);
    assert.equal(section.interfaces[1]!.addressFamily, "ipv4");
    const secrets = {
      activationKeys: {},
      bgpAuthKeys: { "transit-a": "bgp-key-123" },
      macsecKeys: { primary: { ckn: "a".repeat(64), cak: "b".repeat(64) } },
    };
    const args = directConnectArgs(section, "us-east-1", secrets);
    assert.equal(args.region, "us-east-1");
    assert.equal(args.interfaces[0]!.bgpAuthKey, "bgp-key-123");
    assert.equal(args.interfaces[1]!.bgpAuthKey, undefined);
    assert.deepStrictEqual(args.connections[0]!.macsecKey, secrets.macsecKeys.primary);
    assert.equal(args.connections[1]!.macsecKey, undefined);
  });

  it("is optional", () => {
    const result = validate({ directConnect: undefined });
    assert.equal(formatIssues(result.issues), "");
    assert.equal(result.config!.directConnect, undefined);
  });

  it("names the YAML path of shape errors", () => {
    assert.equal(
      errorsOf({
        directConnect: {
          ...DX,
          gateway: { amazonSideAsn: "64512" },
          connections: [{ ...DX.connections[0], encryptionMode: "mustEncrypt" }, DX.connections[1]],
          interfaces: [{ ...DX.interfaces[0], vlan: 4095 }, DX.interfaces[1]],
        },
      }),
      [
        '[hybrid-backup:directConnect.gateway.amazonSideAsn] is "64512" (a string), but must be a whole number from 64512 to 4294967294.',
        '[hybrid-backup:directConnect.connections[0].encryptionMode] is "mustEncrypt", but must be one of "no_encrypt", "should_encrypt", "must_encrypt".',
        "[hybrid-backup:directConnect.interfaces[0].vlan] is 4095, but must be a whole number from 1 to 4094.",
      ].join("\n"),
    );
  });

  it("runs the component's rules under YAML paths", () => {
    assert.equal(
      errorsOf({
        directConnect: {
          ...DX,
          gateway: { amazonSideAsn: 65535 },
          connections: [
            { ...DX.connections[0], encryptionMode: undefined },
            { ...DX.connections[1], bandwidth: "1Gbps" },
          ],
          interfaces: [{ ...DX.interfaces[0], mtu: 9001 }, DX.interfaces[1]],
        },
      }),
      [
        "[hybrid-backup:directConnect.gateway.amazonSideAsn] is 65535, but an Amazon-side ASN must be a private ASN from 64512 to 65534 or from 4200000000 to 4294967294.",
        "[hybrid-backup:directConnect.connections[0].macsecExemptReason] is missing; a connection without MACsec (encryptionMode should_encrypt or must_encrypt) must say why, for example that it is a hosted connection.",
        '[hybrid-backup:directConnect.connections[1].bandwidth] is "1Gbps", but MACsec is only available on 10Gbps, 100Gbps, 400Gbps dedicated ports.',
        "[hybrid-backup:directConnect.interfaces[0].mtu] is 9001, but must be one of 1500, 8500.",
      ].join("\n"),
    );
  });

  it("accepts a hosted connection without MACsec when it states why", () => {
    const hosted = {
      gateway: { amazonSideAsn: 65000 },
      connections: [
        {
          name: "hosted",
          kind: "hosted",
          connectionId: "dxcon-ffab5678",
          bandwidth: "1Gbps",
          macsecExemptReason: "hosted connection: no MACsec",
        },
      ],
      interfaces: [
        { name: "private-a", type: "private", connection: "hosted", vlan: 201, bgpAsn: 65020 },
      ],
      associations: [
        { name: "vgw", gatewayType: "virtualPrivateGateway", associatedGatewayId: "vgw-0a1b2c3d" },
      ],
    };
    assert.equal(errorsOf({ directConnect: hosted }), "");
  });

  it("checks the secrets of the section at their own paths", () => {
    assert.equal(
      errorsOf({
        secrets: {
          bgpAuthKeys: { "transit-a": "short", "transit-z": "long-enough" },
          macsecKeys: {
            secondary: { ckn: "a".repeat(64), cak: "b".repeat(64) },
            tertiary: { ckn: "a", cak: "b" },
          },
        },
      }),
      [
        "[hybrid-backup:secrets.bgpAuthKeys.transit-a] has 5 characters, but a BGP key has 6-80 (the value is not shown).",
        "[hybrid-backup:secrets.macsecKeys.tertiary.ckn] has 1 characters, but must be 64 hexadecimal digits (the value is not shown).",
        "[hybrid-backup:secrets.macsecKeys.tertiary.cak] has 1 characters, but must be 64 hexadecimal digits (the value is not shown).",
        '[hybrid-backup:secrets.bgpAuthKeys.transit-z] names no virtual interface of hybrid-backup:directConnect; the interfaces are "transit-a", "transit-b".',
        '[hybrid-backup:secrets.macsecKeys.tertiary] names no connection of hybrid-backup:directConnect; the connections are "primary", "secondary".',
      ].join("\n"),
    );
    const withArn = {
      ...DX,
      connections: [
        {
          ...DX.connections[0],
          macsecSecretArn:
            "arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod-primary-AbCdEf",
        },
        { ...DX.connections[1], encryptionMode: "no_encrypt", macsecExemptReason: "being ordered" },
      ],
    };
    assert.equal(
      errorsOf({
        directConnect: withArn,
        secrets: {
          macsecKeys: {
            primary: { ckn: "a".repeat(64), cak: "b".repeat(64) },
            secondary: { ckn: "a".repeat(64), cak: "b".repeat(64) },
          },
        },
      }),
      [
        "[hybrid-backup:directConnect.connections[0].macsecSecretArn] is set, and secrets.macsecKeys.primary holds a CKN/CAK pair too, but a key association takes one of them.",
        '[hybrid-backup:secrets.macsecKeys.secondary] is set, but connection "secondary" does not encrypt with MACsec (encryptionMode should_encrypt or must_encrypt), so the key would not be used.',
      ].join("\n"),
    );
  });

  it("refuses BGP keys without a Direct Connect section", () => {
    assert.equal(
      errorsOf({
        directConnect: undefined,
        secrets: { bgpAuthKeys: { "transit-a": "bgp-key-123" } },
      }),
      "[hybrid-backup:secrets.bgpAuthKeys.transit-a] names no virtual interface of hybrid-backup:directConnect; the interfaces are none.",
    );
  });
});
