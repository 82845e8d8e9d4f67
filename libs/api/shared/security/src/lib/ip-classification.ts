import * as ipaddr from 'ipaddr.js';

/**
 * Where an address leads, from the point of view of a server making outbound calls.
 * `forbidden` is never reachable by configuration; `private` only when an operator says so.
 */
export type AddressClass = { kind: 'public' } | { kind: 'private' | 'forbidden'; reason: string };

/**
 * Instance-metadata and host-platform endpoints. Several sit inside ranges that are
 * only "private" (Alibaba's is carrier-grade NAT, AWS's IPv6 one is unique-local) or
 * even public (Azure's wireserver), so they are named one by one.
 */
const METADATA_V4: ReadonlySet<string> = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle...
  '169.254.170.2', // AWS ECS task metadata and credentials
  '169.254.170.23', // AWS EKS pod identity agent
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (classic)
  '168.63.129.16', // Azure wireserver
]);
const METADATA_V6: ReadonlySet<string> = new Set(
  [
    'fd00:ec2::254', // AWS IMDS over IPv6
    'fd00:ec2::23', // AWS EKS pod identity agent over IPv6
  ].map((text) => ipaddr.IPv6.parse(text).toNormalizedString()),
);

/** The ranges an operator may open with `allowPrivate`; every other special range stays shut. */
const PRIVATE_V4_RANGES: ReadonlySet<string> = new Set(['loopback', 'private', 'carrierGradeNat']);
const PRIVATE_V6_RANGES: ReadonlySet<string> = new Set(['loopback', 'uniqueLocal', 'deprecatedSiteLocal']);

/** RFC 8215 local-use NAT64: what it translates to is site policy, so it counts as private. */
const LOCAL_USE_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');
/** All of today's global unicast space; anything else the parser calls "unicast" is unallocated. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Classifies an IP address in its canonical text form (dotted quad or IPv6, optionally
 * with a zone). Returns undefined when the text is not such an address.
 */
export function classifyIp(text: string): AddressClass | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return classifyV4(ipaddr.IPv4.parse(text));
  }
  if (ipaddr.IPv6.isValid(text)) {
    // process() unwraps IPv4-mapped addresses (::ffff:a.b.c.d), which connect to the IPv4 host.
    const address = ipaddr.process(text);
    return address.kind() === 'ipv4' ? classifyV4(address as ipaddr.IPv4) : classifyV6(address as ipaddr.IPv6);
  }
  return undefined;
}

function classifyV4(address: ipaddr.IPv4): AddressClass {
  const text = address.toString();
  if (METADATA_V4.has(text)) {
    return { kind: 'forbidden', reason: `${text} is a cloud metadata address` };
  }
  // ipaddr.js names more ranges than its typings list; matching on plain strings keeps unknown ones shut.
  const range: string = address.range();
  if (range === 'unicast') return { kind: 'public' };
  if (PRIVATE_V4_RANGES.has(range)) return { kind: 'private', reason: `${text} is in the ${describe(range)} range` };
  return { kind: 'forbidden', reason: `${text} is in the ${describe(range)} range` };
}

function classifyV6(address: ipaddr.IPv6): AddressClass {
  const text = address.toString();
  // Compared without any zone id, which does not change the destination host.
  if (METADATA_V6.has(new ipaddr.IPv6(address.parts).toNormalizedString())) {
    return { kind: 'forbidden', reason: `${text} is a cloud metadata address` };
  }
  const range: string = address.range();
  const parts = address.parts;
  if (range === 'rfc6052') {
    if (address.match(LOCAL_USE_NAT64)) return { kind: 'private', reason: `${text} is a local-use NAT64 address` };
    // The well-known NAT64 prefix reaches the IPv4 host in the low 32 bits: judge that host.
    return viaEmbedded(text, 'NAT64', embeddedV4(parts[6], parts[7]));
  }
  if (range === '6to4') return viaEmbedded(text, '6to4', embeddedV4(parts[1], parts[2]));
  if (range === 'unicast') {
    // ::/96 holds the deprecated IPv4-compatible form (::a.b.c.d); some stacks still route it to IPv4.
    if (parts.slice(0, 6).every((part) => part === 0)) {
      return { kind: 'forbidden', reason: `${text} is an IPv4-compatible address` };
    }
    if (!address.match(GLOBAL_UNICAST_V6)) return { kind: 'forbidden', reason: `${text} is not in allocated unicast space` };
    return { kind: 'public' };
  }
  if (PRIVATE_V6_RANGES.has(range)) return { kind: 'private', reason: `${text} is in the ${describe(range)} range` };
  return { kind: 'forbidden', reason: `${text} is in the ${describe(range)} range` };
}

function embeddedV4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function viaEmbedded(text: string, form: string, embedded: ipaddr.IPv4): AddressClass {
  const inner = classifyV4(embedded);
  if (inner.kind === 'public') return inner;
  return { kind: inner.kind, reason: `${text} is a ${form} address, and ${inner.reason}` };
}

/** ipaddr.js range names are camelCase identifiers; reasons read better in words. */
function describe(range: string): string {
  return range.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
