import { promises as dns } from 'node:dns';

import { SERVER_LIMITS } from '@mcp-fleet/shared/contracts';

import { type AddressClass, classifyIp } from './ip-classification';

export type UrlRefusalCode =
  | 'URL_INVALID'
  | 'URL_SCHEME'
  | 'URL_CREDENTIALS'
  | 'URL_FORBIDDEN_ADDRESS'
  | 'URL_PRIVATE_ADDRESS'
  | 'URL_UNRESOLVABLE';

export interface UrlRefusal {
  ok: false;
  code: UrlRefusalCode;
  reason: string;
}

export type UrlVerdict = { ok: true; url: URL } | UrlRefusal;

/** On success, the addresses the name resolved to: connect to these, not to a fresh lookup. */
export type ResolvedUrlVerdict = { ok: true; url: URL; addresses: string[] } | UrlRefusal;

export interface UrlPolicy {
  /** Opens loopback, RFC 1918, carrier-grade NAT and unique-local addresses. Metadata and link-local stay shut. */
  allowPrivate: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Names that reach the local host whatever DNS says (RFC 6761 and common /etc/hosts entries). */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** Metadata services answer by name from inside the instance, often via a search domain. */
const METADATA_NAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
]);

/**
 * Registration-time check of a remote MCP endpoint. Synchronous: a hostname that is not
 * an IP literal passes here and must go through `resolveAndCheckUrl` before each connect.
 */
export function checkRemoteUrl(raw: string, policy: UrlPolicy): UrlVerdict {
  if (raw.length > SERVER_LIMITS.urlMaxLength) {
    return refuse('URL_INVALID', `URL is longer than ${SERVER_LIMITS.urlMaxLength} characters`);
  }
  // The WHATWG parser silently drops tabs, newlines and edge spaces and reads "\" as "/";
  // other parsers do not, so such input means different hosts to different components.
  if (hasAmbiguousCharacters(raw)) {
    return refuse('URL_INVALID', 'URL contains whitespace, control characters or backslashes');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('URL_INVALID', 'URL could not be parsed');
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    return refuse('URL_SCHEME', `scheme ${url.protocol} is not allowed; use http: or https:`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('URL_CREDENTIALS', 'URL must not carry credentials; send them as headers');
  }
  if (url.href.length > SERVER_LIMITS.urlMaxLength) {
    return refuse('URL_INVALID', `URL is longer than ${SERVER_LIMITS.urlMaxLength} characters once normalised`);
  }
  const host = bareHost(url);
  if (host === '') return refuse('URL_INVALID', 'URL has no host');

  const byAddress = classifyIp(host);
  if (byAddress) return verdictFor(byAddress, url, policy);
  return verdictFor(classifyName(host), url, policy);
}

/**
 * Connect-time check: the sync rules, then every address the name resolves to. One bad
 * address refuses the whole URL, since the connecting client may pick any of them.
 */
export async function resolveAndCheckUrl(raw: string, policy: UrlPolicy, lookup: HostLookup = systemLookup): Promise<ResolvedUrlVerdict> {
  const checked = checkRemoteUrl(raw, policy);
  if (!checked.ok) return checked;
  const host = bareHost(checked.url);
  if (classifyIp(host)) return { ok: true, url: checked.url, addresses: [host] };

  let resolved: ResolvedAddress[];
  try {
    resolved = await lookup(host);
  } catch (error) {
    return refuse('URL_UNRESOLVABLE', `${host} could not be resolved (${errorCode(error)})`);
  }
  if (resolved.length === 0) return refuse('URL_UNRESOLVABLE', `${host} resolved to no address`);

  let privateRefusal: UrlRefusal | undefined;
  for (const { address } of resolved) {
    const addressClass = classifyIp(address);
    if (!addressClass) return refuse('URL_UNRESOLVABLE', `${host} resolved to something that is not an IP address`);
    const verdict = verdictFor(addressClass, checked.url, policy, `${host} resolves to `);
    if (verdict.ok) continue;
    if (verdict.code === 'URL_FORBIDDEN_ADDRESS') return verdict;
    privateRefusal ??= verdict;
  }
  return privateRefusal ?? { ok: true, url: checked.url, addresses: resolved.map(({ address }) => address) };
}

function systemLookup(hostname: string): Promise<ResolvedAddress[]> {
  // verbatim: keep the resolver's order, which is what a connecting client would use.
  return dns.lookup(hostname, { all: true, verbatim: true });
}

function classifyName(host: string): AddressClass {
  // A trailing dot is the same absolute name; the parser keeps it, DNS ignores it.
  const name = host.replace(/\.+$/, '');
  if (METADATA_NAMES.has(name)) return { kind: 'forbidden', reason: `${name} is a cloud metadata host name` };
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) {
    return { kind: 'private', reason: `${name} is a loopback host name` };
  }
  return { kind: 'public' };
}

function verdictFor(addressClass: AddressClass, url: URL, policy: UrlPolicy, prefix = ''): UrlVerdict {
  switch (addressClass.kind) {
    case 'public':
      return { ok: true, url };
    case 'private':
      return policy.allowPrivate
        ? { ok: true, url }
        : refuse('URL_PRIVATE_ADDRESS', `${prefix}${addressClass.reason}; private addresses are not allowed`);
    case 'forbidden':
      return refuse('URL_FORBIDDEN_ADDRESS', `${prefix}${addressClass.reason}`);
  }
}

/** The URL's host without IPv6 brackets. */
function bareHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function hasAmbiguousCharacters(raw: string): boolean {
  for (const char of raw) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || char === '\\' || /\s/u.test(char)) return true;
  }
  return false;
}

/** Not `instanceof Error`: errors from Node's core can come from another realm (as under Jest). */
function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return 'lookup failed';
}

function refuse(code: UrlRefusalCode, reason: string): UrlRefusal {
  return { ok: false, code, reason };
}
