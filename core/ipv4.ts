/**
 * IPv4 addresses and CIDR blocks, parsed strictly (dotted quads without leading zeros, prefixes
 * 0-32), for checking addresses and ranges before AWS sees them.
 */
import { type Issues, show } from "./validation";

/** The address as an unsigned 32-bit number, or undefined when `text` is not a dotted quad. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export interface Ipv4Cidr {
  /** The address part, which may have host bits set (`169.254.10.1/30`). */
  readonly address: number;
  readonly prefix: number;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text);
  if (match === null) return undefined;
  const address = parseIpv4(match[1] ?? "");
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  return { address, prefix };
}

/** The network address of a block: its address with the host bits cleared. */
export function networkOf(cidr: Ipv4Cidr): number {
  const hostBits = 32 - cidr.prefix;
  const size = 2 ** hostBits;
  return Math.floor(cidr.address / size) * size;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/**
 * Records an issue unless `value` is an IPv4 CIDR block written with its network address
 * (`10.20.0.0/16`, not `10.20.1.7/16`). Returns the block when valid.
 */
export function checkIpv4Network(issues: Issues, value: string): Ipv4Cidr | undefined {
  const cidr = parseIpv4Cidr(value);
  if (cidr === undefined) {
    issues.add(`is ${show(value)}, but must be an IPv4 CIDR block such as 10.20.0.0/16.`);
    return undefined;
  }
  const network = networkOf(cidr);
  if (network !== cidr.address) {
    issues.add(
      `is ${show(value)}, but a CIDR block must start at its network address: ${formatIpv4(network)}/${cidr.prefix}.`,
    );
    return undefined;
  }
  return cidr;
}

/** Records an issue unless `value` is an IPv4 address. */
export function checkIpv4Address(issues: Issues, value: string, what = "an IPv4 address"): boolean {
  if (parseIpv4(value) !== undefined) return true;
  issues.add(`is ${show(value)}, but must be ${what} such as 10.20.1.15.`);
  return false;
}

/** Whether `address` lies in the block `cidr`. */
export function containsIpv4(cidr: Ipv4Cidr, address: number): boolean {
  const network = networkOf(cidr);
  return address >= network && address < network + 2 ** (32 - cidr.prefix);
}

/**
 * Blocks no internet peer can have as its address (RFC 6890): private, shared (carrier-grade NAT),
 * loopback, link-local, "this network", multicast and reserved.
 */
export const NON_PUBLIC_IPV4_BLOCKS: readonly string[] = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/3",
];

/** The non-public block that holds `address`, or undefined for a public address. */
export function nonPublicBlockOf(address: number): string | undefined {
  return NON_PUBLIC_IPV4_BLOCKS.find((text) => {
    const cidr = parseIpv4Cidr(text);
    return cidr !== undefined && containsIpv4(cidr, address);
  });
}
