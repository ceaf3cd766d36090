import ipaddr from 'ipaddr.js';

/** An IP address as bytes, so IPv4 and IPv6 compare the same way and never against each other. */
export interface IpAddress {
  readonly family: 'ipv4' | 'ipv6';
  readonly bytes: readonly number[];
}

export interface IpNetwork extends IpAddress {
  readonly prefixLength: number;
}

export type CidrParseResult =
  { readonly ok: true; readonly network: IpNetwork } | { readonly ok: false; readonly problem: string };

/**
 * Parses an address written the standard way: dotted decimal with four parts and no leading zeros for
 * IPv4 (so `010.0.0.1` and `10.1` are refused, as event-ruler's "Nonstandard IP address" refuses them),
 * and any RFC 4291 text form for IPv6, compressed or not. Zone ids (`fe80::1%eth0`) are not addresses
 * SNS can match.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes('%')) return undefined;
  try {
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
      return { family: 'ipv4', bytes: ipaddr.IPv4.parse(text).toByteArray() };
    }
    if (!ipaddr.IPv6.isValid(text)) return undefined;
    // An embedded IPv4 tail (::ffff:10.0.0.1) must be standard dotted decimal as well.
    const tail = text.slice(text.lastIndexOf(':') + 1);
    if (tail.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
    return { family: 'ipv6', bytes: ipaddr.IPv6.parse(text).toByteArray() };
  } catch {
    // ipaddr.js may throw on text its isValid accepted; such text is simply not an address.
    return undefined;
  }
}

const MASK_DIGITS = /^-?\d+$/;

/**
 * Parses a `cidr` operand, with the checks SNS reports (Amazon SNS Developer Guide, "String value matching",
 * IP address matching; the error texts are event-ruler's): exactly one `/`, integer mask bits, not negative,
 * a standard address. Masks of /32 (IPv4) and /128 (IPv6) are refused too: event-ruler refuses them and it
 * is unverified whether SNS does, so we are conservative.
 */
export function parseCidr(text: string): CidrParseResult {
  const parts = text.split('/');
  if (parts.length !== 2) return { ok: false, problem: `exactly one "/" is required` };
  const [addressText = '', maskText = ''] = parts;
  if (!MASK_DIGITS.test(maskText)) return { ok: false, problem: 'the mask bits must be an integer' };
  const prefixLength = Number(maskText);
  if (prefixLength < 0 || maskText.startsWith('-')) {
    return { ok: false, problem: 'the mask bits must not be negative' };
  }
  const address = parseIpAddress(addressText);
  if (address === undefined) {
    return { ok: false, problem: `${JSON.stringify(addressText)} is not a standard IPv4 or IPv6 address` };
  }
  const maxMask = address.family === 'ipv4' ? 31 : 127;
  if (prefixLength > maxMask) {
    return {
      ok: false,
      problem: `mask bits ${maskText} are above ${maxMask}, the most event-ruler accepts for ${address.family === 'ipv4' ? 'IPv4' : 'IPv6'}`,
    };
  }
  return { ok: true, network: { ...address, prefixLength } };
}

/** Whether `address` lies inside `network`; different families never match. */
export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  let bitsLeft = network.prefixLength;
  for (let index = 0; bitsLeft > 0; index += 1, bitsLeft -= 8) {
    const mask = bitsLeft >= 8 ? 0xff : (0xff << (8 - bitsLeft)) & 0xff;
    if (((network.bytes[index] ?? 0) & mask) !== ((address.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** The network as a reader writes it: `10.0.0.0/24`, `2001:db8::/32` (IPv6 compressed). */
export function formatNetwork(network: IpNetwork): string {
  return `${ipaddr.fromByteArray([...network.bytes]).toString()}/${network.prefixLength}`;
}
