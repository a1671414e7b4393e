// Which addresses a delivery may connect to. Parsed and classified here (not with net.BlockList)
// so IPv4-mapped, NAT64 and 6to4 IPv6 forms are judged by the IPv4 address they carry.
import { isIP } from 'node:net';

/** An IPv4 range in CIDR form, as [first octets as number, prefix length]. */
const privateV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const privateV6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID …)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

function v4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** An address without its IPv6 zone (`fe80::1%eth0` → `fe80::1`). */
const withoutZone = (address: string) => address.split('%')[0] ?? '';

/** Parses an IPv6 address (with an optional zone and a trailing dotted quad) into a 128-bit number. */
export function parseIPv6(address: string): bigint | null {
  let text = withoutZone(address).toLowerCase();
  const quad = text.slice(text.lastIndexOf(':') + 1);
  if (quad.includes('.')) {
    if (isIP(quad) !== 4) return null;
    const n = v4ToNumber(quad);
    text = text.slice(0, -quad.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

function inV6(value: bigint, base: string, prefix: number): boolean {
  const shift = BigInt(128 - prefix);
  return value >> shift === parseIPv6(base)! >> shift;
}

function inV4(value: number, base: string, prefix: number): boolean {
  if (prefix === 0) return true;
  const mask = prefix === 32 ? 0xffffffff : (~((1 << (32 - prefix)) - 1)) >>> 0;
  return ((value & mask) >>> 0) === ((v4ToNumber(base) & mask) >>> 0);
}

function isPrivateV4(value: number): boolean {
  return privateV4.some(([base, prefix]) => inV4(value, base, prefix));
}

/**
 * True when the address is not on the public internet: private, loopback, link-local, unique
 * local, multicast, documentation, or an IPv6 form that carries such an IPv4 address
 * (`::ffff:127.0.0.1`, NAT64 `64:ff9b::7f00:1`, 6to4 `2002:7f00:1::`). Unparseable → true.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(withoutZone(address));
  if (family === 4) return isPrivateV4(v4ToNumber(address));
  if (family !== 6) return true;
  const value = parseIPv6(address);
  if (value === null) return true;
  const low32 = Number(value & 0xffffffffn);
  if (inV6(value, '::ffff:0:0', 96) || inV6(value, '64:ff9b::', 96) || inV6(value, '64:ff9b:1::', 48)) {
    return isPrivateV4(low32);
  }
  if (inV6(value, '2002::', 16)) return isPrivateV4(Number((value >> 80n) & 0xffffffffn));
  return privateV6.some(([base, prefix]) => inV6(value, base, prefix));
}
