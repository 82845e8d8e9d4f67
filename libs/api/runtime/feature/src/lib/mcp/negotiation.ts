import type { VersionNegotiationOptions } from '@modelcontextprotocol/client';

import { DEFAULT_SERVER_PROTOCOL, type ServerConfig, type ServerTransport } from '@mcp-fleet/shared/contracts';

/**
 * How long a stdio server gets to answer the `server/discover` probe before it counts as a
 * legacy server. Servers that ignore unknown methods never answer; the fallback to
 * `initialize` runs on the same pipe, so a slow starter that answers late is still served.
 */
export const STDIO_PROBE_MS = 2500;

/** An era learnt from an earlier start of the same launch, when it was legacy. */
export type RememberedEra = 'legacy' | null;

/**
 * The SDK's negotiation for one connect: the operator's pin first, then a remembered legacy
 * verdict (no probe), then `auto` with a short probe on stdio. On HTTP silence is an outage,
 * so the probe keeps the connect's own timeout there.
 */
export function negotiationFor(
  config: Pick<ServerConfig, 'protocol' | 'startupTimeoutMs'>,
  transport: ServerTransport,
  remembered: RememberedEra,
): VersionNegotiationOptions {
  const protocol = config.protocol ?? DEFAULT_SERVER_PROTOCOL;
  if (protocol === 'legacy' || (protocol === 'auto' && remembered === 'legacy')) {
    return { mode: 'legacy' };
  }
  if (protocol !== 'auto') {
    return { mode: { pin: protocol } };
  }
  return transport === 'stdio'
    ? { mode: 'auto', probe: { timeoutMs: Math.min(STDIO_PROBE_MS, Math.floor(config.startupTimeoutMs / 2)) } }
    : { mode: 'auto' };
}

/** Whether this connect probes (and so may learn a verdict). */
export function probes(negotiation: VersionNegotiationOptions): boolean {
  return negotiation.mode === 'auto';
}
