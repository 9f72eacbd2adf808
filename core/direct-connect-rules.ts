/**
 * What AWS Direct Connect accepts, as its API reference, user guide and quotas page state it:
 * autonomous system numbers, VLANs, MTUs, port speeds, MACsec modes and the quotas that decide how
 * many virtual interfaces and associations a connection or gateway takes.
 */
import { isIPv6 } from "node:net";
import type { NameRule } from "./backup-names";
import { checkIpv4Network, formatIpv4, networkOf, parseIpv4Cidr } from "./ipv4";
import { type Issues, show } from "./validation";

/** Private ASN ranges an Amazon-side ASN (Direct Connect gateway, transit gateway) may use. */
export const AMAZON_SIDE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64_512, 65_534],
  [4_200_000_000, 4_294_967_294],
];
export const DEFAULT_AMAZON_SIDE_ASN = 64_512;

/** Customer-side BGP ASN of a virtual interface or customer gateway. */
export const CUSTOMER_ASN = { min: 1, max: 4_294_967_294 } as const;
/** The largest ASN the `bgpAsn` input takes; larger ones go in `bgpAsnLong`. */
export const MAX_SHORT_BGP_ASN = 2_147_483_646;
/** The largest ASN a customer gateway's `bgpAsn` takes; larger ones go in `bgpAsnExtended`. */
export const MAX_SHORT_CUSTOMER_GATEWAY_ASN = 2_147_483_647;

export const VLAN = { min: 1, max: 4094 } as const;

/** MTUs a virtual interface accepts, by type. */
export const VIF_MTUS = { private: [1500, 9001], transit: [1500, 8500] } as const;

export const DEDICATED_BANDWIDTHS = ["1Gbps", "10Gbps", "100Gbps", "400Gbps"] as const;
const BITS_PER_UNIT: Readonly<Record<string, number>> = { Mbps: 1e6, Gbps: 1e9 };

/** A Direct Connect bandwidth (`"500Mbps"`, `"10Gbps"`) in bits per second; undefined if malformed. */
export function bandwidthBits(bandwidth: string): number | undefined {
  const match = /^(\d+)(Mbps|Gbps)$/.exec(bandwidth);
  if (match === null) return undefined;
  return Number(match[1]) * (BITS_PER_UNIT[match[2] ?? ""] ?? 0);
}

/**
 * Records the problems of a link on a dedicated port: the port speed must be one AWS sells
 * (`DEDICATED_BANDWIDTHS`), and the link cannot carry more than its port. `linkIssues` names the
 * link's bandwidth, `portIssues` the port speed.
 */
export function checkLinkOnPort(
  linkIssues: Issues,
  portIssues: Issues,
  linkBitsPerSecond: number,
  portSpeed: string,
): boolean {
  if (!(DEDICATED_BANDWIDTHS as readonly string[]).includes(portSpeed)) {
    portIssues.add(
      `is ${show(portSpeed)}, but a dedicated port is one of ${DEDICATED_BANDWIDTHS.join(", ")}.`,
    );
    return false;
  }
  const portBits = bandwidthBits(portSpeed) ?? 0;
  if (linkBitsPerSecond > portBits) {
    linkIssues.add(
      `is ${linkBitsPerSecond} bits per second, but the link runs on a ${portSpeed} port, which carries at most ${portBits} bits per second.`,
    );
    return false;
  }
  return true;
}

export const HOSTED_BANDWIDTHS = [
  "50Mbps",
  "100Mbps",
  "200Mbps",
  "300Mbps",
  "400Mbps",
  "500Mbps",
  "1Gbps",
  "2Gbps",
  "5Gbps",
  "10Gbps",
  "25Gbps",
] as const;
/** Dedicated port speeds that support MACsec. */
export const MACSEC_BANDWIDTHS = ["10Gbps", "100Gbps", "400Gbps"] as const;

/** The MACsec modes of a connection (the API values; the provider's doc comment camel-cases them). */
export const ENCRYPTION_MODES = ["no_encrypt", "should_encrypt", "must_encrypt"] as const;
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];

export const DX_QUOTAS = {
  /** Private and public virtual interfaces per dedicated connection. */
  privateVifsPerDedicatedConnection: 50,
  transitVifsPerDedicatedConnection: 4,
  vifsPerHostedConnection: 1,
  vifsPerDxGateway: 30,
  virtualPrivateGatewaysPerDxGateway: 20,
  transitGatewaysPerDxGateway: 6,
} as const;

/** BGP MD5 key length of a virtual interface. */
export const BGP_AUTH_KEY_LENGTH = { min: 6, max: 80 } as const;

export const DX_NAME: NameRule = {
  pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  rule: "1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
};

export const CONNECTION_ID: NameRule = {
  pattern: /^dx(con|lag)-[a-z0-9]{8,}$/,
  rule: 'a connection or LAG id such as "dxcon-fg5678gh" or "dxlag-ffrz71kw"',
};

export const LOCATION_CODE: NameRule = {
  pattern: /^[A-Za-z0-9-]{2,64}$/,
  rule: 'a Direct Connect location code such as "EqDC2" (DescribeLocations)',
};

export const TRANSIT_GATEWAY_ID: NameRule = {
  pattern: /^tgw-([0-9a-f]{8}|[0-9a-f]{17})$/,
  rule: 'a transit gateway id: "tgw-" followed by 8 or 17 lowercase hexadecimal digits',
};

export const VPN_GATEWAY_ID: NameRule = {
  pattern: /^vgw-([0-9a-f]{8}|[0-9a-f]{17})$/,
  rule: 'a virtual private gateway id: "vgw-" followed by 8 or 17 lowercase hexadecimal digits',
};

export const MACSEC_SECRET_ARN: NameRule = {
  pattern:
    /^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@!-]+$/,
  rule: "the ARN of the Secrets Manager secret Direct Connect created for an earlier MACsec key association",
};

function inRanges(value: number, ranges: readonly (readonly [number, number])[]): boolean {
  return Number.isInteger(value) && ranges.some(([min, max]) => value >= min && value <= max);
}

/** Records an issue unless `asn` is a private Amazon-side ASN. */
export function checkAmazonSideAsn(issues: Issues, asn: number): boolean {
  if (inRanges(asn, AMAZON_SIDE_ASN_RANGES)) return true;
  issues.add(
    `is ${show(asn)}, but an Amazon-side ASN must be a private ASN from 64512 to 65534 or from 4200000000 to 4294967294.`,
  );
  return false;
}

/** Records an issue unless `asn` is a customer BGP ASN (2-byte or 4-byte). */
export function checkCustomerAsn(issues: Issues, asn: number): boolean {
  if (inRanges(asn, [[CUSTOMER_ASN.min, CUSTOMER_ASN.max]])) return true;
  issues.add(
    `is ${show(asn)}, but must be a whole number from ${CUSTOMER_ASN.min} to ${CUSTOMER_ASN.max} (a 2-byte or 4-byte ASN).`,
  );
  return false;
}

/** The provider inputs for a virtual interface's customer ASN: `bgpAsn` or, above its range, `bgpAsnLong`. */
export function vifAsnInputs(asn: number): { bgpAsn?: number; bgpAsnLong?: string } {
  return asn <= MAX_SHORT_BGP_ASN ? { bgpAsn: asn } : { bgpAsnLong: String(asn) };
}

/** The provider inputs for a customer gateway's ASN: `bgpAsn` or, above its range, `bgpAsnExtended`. */
export function customerGatewayAsnInputs(asn: number): {
  bgpAsn?: string;
  bgpAsnExtended?: string;
} {
  return asn <= MAX_SHORT_CUSTOMER_GATEWAY_ASN
    ? { bgpAsn: String(asn) }
    : { bgpAsnExtended: String(asn) };
}

/**
 * Checks the BGP peer addresses of a virtual interface: for IPv4 both or neither (Amazon then
 * picks them), each an address with its prefix, both in one subnet and different; for IPv6
 * neither, since Amazon always assigns IPv6 peer addresses.
 */
export function checkPeerAddresses(
  issues: Issues,
  addressFamily: string,
  amazonAddress: string | undefined,
  customerAddress: string | undefined,
): void {
  if (addressFamily === "ipv6") {
    for (const [key, value] of [
      ["amazonAddress", amazonAddress],
      ["customerAddress", customerAddress],
    ] as const) {
      if (value !== undefined) {
        issues
          .at(key)
          .add(
            `is ${show(value)}, but Amazon assigns the peer addresses of an IPv6 virtual interface; remove it.`,
          );
      }
    }
    return;
  }
  if ((amazonAddress === undefined) !== (customerAddress === undefined)) {
    issues.add(
      `sets only ${amazonAddress === undefined ? "customerAddress" : "amazonAddress"}, but an IPv4 virtual interface takes both peer addresses or neither (then Amazon picks them).`,
    );
    return;
  }
  if (amazonAddress === undefined || customerAddress === undefined) return;
  const amazon = parseIpv4Cidr(amazonAddress);
  const customer = parseIpv4Cidr(customerAddress);
  const rule = "must be an IPv4 address with its prefix length, such as 169.254.100.1/30";
  if (amazon === undefined)
    issues.at("amazonAddress").add(`is ${show(amazonAddress)}, but ${rule}.`);
  if (customer === undefined) {
    issues.at("customerAddress").add(`is ${show(customerAddress)}, but ${rule}.`);
  }
  if (amazon === undefined || customer === undefined) return;
  if (amazon.address === customer.address) {
    issues
      .at("customerAddress")
      .add(
        `is ${show(customerAddress)}, the same address as amazonAddress; the peers need different addresses.`,
      );
  } else if (amazon.prefix !== customer.prefix || networkOf(amazon) !== networkOf(customer)) {
    issues
      .at("customerAddress")
      .add(
        `is ${show(customerAddress)}, but must be in the subnet of amazonAddress (${formatIpv4(networkOf(amazon))}/${amazon.prefix}).`,
      );
  }
}

/** Records an issue unless `value` is an IPv4 or IPv6 CIDR block (a prefix a gateway may advertise). */
export function checkAdvertisedPrefix(issues: Issues, value: string): boolean {
  if (value.includes(":")) {
    const [address = "", prefix = ""] = value.split("/");
    if (isIPv6(address) && /^(0|[1-9][0-9]{0,2})$/.test(prefix) && Number(prefix) <= 128) {
      return true;
    }
    issues.add(
      `is ${show(value)}, but must be a CIDR block such as 10.20.0.0/16 or 2001:db8::/56.`,
    );
    return false;
  }
  return checkIpv4Network(issues, value) !== undefined;
}
