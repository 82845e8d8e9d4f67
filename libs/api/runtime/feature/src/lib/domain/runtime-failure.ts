import type { FailureReason } from '@mcp-fleet/shared/contracts';

/** Why a start failed or a run ended, with what an operator needs to act on it. */
export class RuntimeFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RuntimeFailure';
  }
}

/** A remote connection error, by its cause: refused, TLS, authentication, or the protocol. */
export function classifyRemoteError(error: unknown): FailureReason {
  const text = describe(error);
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|fetch failed|socket hang up/i.test(text)) {
    return /CERT|SSL|TLS|self[- ]signed/i.test(text) ? 'TLS' : 'CONNECTION_REFUSED';
  }
  if (/CERT|SSL|TLS|self[- ]signed/i.test(text)) {
    return 'TLS';
  }
  if (/\b40[13]\b|unauthori[sz]ed|forbidden/i.test(text)) {
    return 'AUTH';
  }
  if (/timed? ?out|timeout/i.test(text)) {
    return 'STARTUP_TIMEOUT';
  }
  return 'PROTOCOL_ERROR';
}

/** The message of an error and of its causes, for logs and classification. */
export function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as NodeJS.ErrnoException).code;
      parts.push(code ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join(': ');
}
