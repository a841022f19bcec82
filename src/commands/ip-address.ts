/**
 * Which hosts `InvokeUrl` must never reach outside development (spec §5, [ours]): IP
 * literals in private, loopback, link-local, shared, documentation, multicast or reserved
 * ranges, and `localhost`. Works on host names as the WHATWG URL parser leaves them, which
 * already turns every numeric IPv4 spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`) into
 * dotted decimal and IPv6 into its compressed lower-case form. Pure.
 */

/** A CIDR range: address as a bigint of `bits` bits, and its prefix length. */
interface Range {
  base: bigint;
  prefix: number;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

/**
 * IPv4 ranges that are not globally reachable: the IANA special-purpose registry
 * (RFC 6890) plus multicast (RFC 5771) and the reserved class E (RFC 1112 §4).
 */
const NON_PUBLIC_IPV4: readonly Range[] = [
  v4("0.0.0.0", 8), // "this network", RFC 791
  v4("10.0.0.0", 8), // private, RFC 1918
  v4("100.64.0.0", 10), // shared address space (CGNAT), RFC 6598
  v4("127.0.0.0", 8), // loopback, RFC 1122 §3.2.1.3
  v4("169.254.0.0", 16), // link-local (and cloud metadata services), RFC 3927
  v4("172.16.0.0", 12), // private, RFC 1918
  v4("192.0.0.0", 24), // IETF protocol assignments, RFC 6890
  v4("192.0.2.0", 24), // TEST-NET-1, RFC 5737
  v4("192.88.99.0", 24), // 6to4 relay anycast, RFC 7526
  v4("192.168.0.0", 16), // private, RFC 1918
  v4("198.18.0.0", 15), // benchmarking, RFC 2544
  v4("198.51.100.0", 24), // TEST-NET-2, RFC 5737
  v4("203.0.113.0", 24), // TEST-NET-3, RFC 5737
  v4("224.0.0.0", 4), // multicast, RFC 5771
  v4("240.0.0.0", 4), // reserved and limited broadcast, RFC 1112, RFC 919
];

/**
 * IPv6 ranges that are not globally reachable, and every form that embeds an IPv4 address
 * (mapped, compatible, NAT64, 6to4, Teredo): those could smuggle a private IPv4 target past
 * the checks above, and no integrator needs them.
 */
const NON_PUBLIC_IPV6: readonly Range[] = [
  v6("::", 96), // unspecified, loopback, IPv4-compatible (RFC 4291 §2.5.5.1)
  v6("::ffff:0:0", 96), // IPv4-mapped, RFC 4291 §2.5.5.2
  v6("64:ff9b::", 96), // NAT64 well-known prefix, RFC 6052
  v6("64:ff9b:1::", 48), // local-use NAT64, RFC 8215
  v6("100::", 64), // discard-only, RFC 6666
  v6("2001::", 23), // IETF protocol assignments incl. Teredo, RFC 2928, RFC 4380
  v6("2001:db8::", 32), // documentation, RFC 3849
  v6("2002::", 16), // 6to4, RFC 3056
  v6("3fff::", 20), // documentation, RFC 9637
  v6("fc00::", 7), // unique local, RFC 4193
  v6("fe80::", 10), // link-local, RFC 4291 §2.5.6
  v6("fec0::", 10), // site-local (deprecated), RFC 3879
  v6("ff00::", 8), // multicast, RFC 4291 §2.7
];

/** `localhost` and names under it resolve to loopback (RFC 6761 §6.3). */
function isLocalhostName(host: string): boolean {
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return name === "localhost" || name.endsWith(".localhost");
}

/**
 * True when `hostname` (from a WHATWG-parsed URL) is `localhost` or an IP address outside
 * the public internet. A domain name is not resolved here: whether it may be called is the
 * allow-list's decision.
 */
export function isNonPublicHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (isLocalhostName(host)) return true;

  if (host.startsWith("[") && host.endsWith("]")) {
    const address = parseIpv6(host.slice(1, -1));
    // An unparsable bracketed host cannot come from the URL parser; refuse it all the same.
    return address === null || inAny(address, NON_PUBLIC_IPV6, IPV6_BITS);
  }

  const address = parseIpv4(host);
  return address !== null && inAny(address, NON_PUBLIC_IPV4, IPV4_BITS);
}

/** Dotted-decimal IPv4 (`10.0.0.1`) as a number, or null for anything else. */
export function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;

  let value = 0n;
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** An IPv6 address without brackets (`::1`, `fe80::1`, `::ffff:1.2.3.4`), or null. */
export function parseIpv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;

  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;

  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;

  const groups = [
    ...head,
    ...new Array<number>(halves.length === 2 ? missing : 0).fill(0),
    ...tail,
  ];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** The 16-bit groups of one side of `::`; a trailing dotted IPv4 counts as two groups. */
function groupsOf(text: string): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];

  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function inAny(address: bigint, ranges: readonly Range[], bits: number): boolean {
  return ranges.some((range) => {
    const shift = BigInt(bits - range.prefix);
    return address >> shift === range.base >> shift;
  });
}

function v4(address: string, prefix: number): Range {
  return { base: parseIpv4(address) ?? 0n, prefix };
}

function v6(address: string, prefix: number): Range {
  return { base: parseIpv6(address) ?? 0n, prefix };
}
