/** The protocol revisions the gateway speaks inbound, and how a request says which it uses. */

export const MODERN_VERSION = '2026-07-28';
/** Session-era revisions, newest first: a client asking for another gets the newest. */
export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

export const PROTOCOL_VERSION_META = 'io.modelcontextprotocol/protocolVersion';
export const SERVER_INFO_META = 'io.modelcontextprotocol/serverInfo';
export const SUBSCRIPTION_ID_META = 'io.modelcontextprotocol/subscriptionId';

export const GATEWAY_INFO = { name: 'mcp-fleet', title: 'mcp-fleet gateway', version: '0.1.0' } as const;

/** 2026-07-28 requests carry their revision in the header and in `_meta`; anything else is the session era. */
export function eraOf(headerVersion: string | undefined, params: Record<string, unknown> | undefined): 'modern' | 'legacy' {
  const meta = params?.['_meta'] as Record<string, unknown> | undefined;
  const metaVersion = meta?.[PROTOCOL_VERSION_META];
  return headerVersion === MODERN_VERSION || metaVersion === MODERN_VERSION ? 'modern' : 'legacy';
}

export function negotiateLegacy(requested: unknown): string {
  return typeof requested === 'string' && (LEGACY_VERSIONS as readonly string[]).includes(requested) ? requested : LEGACY_VERSIONS[0];
}
