import { SdkHttpError, SseError } from '@modelcontextprotocol/client';

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

/** An HTTP answer that failed a request, as the SDK reported it. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  text: string;
}

/** The HTTP status (and body) behind an error of the SDK's HTTP transports, if there is one. */
export function httpAnswerOf(error: unknown): HttpAnswer | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof SdkHttpError && typeof current.status === 'number') {
      const data = (current.data ?? {}) as { statusText?: unknown; text?: unknown };
      return { status: current.status, statusText: textOf(data.statusText), text: textOf(data.text) };
    }
    if (current instanceof SseError && typeof current.code === 'number') {
      return { status: current.code, statusText: '', text: '' };
    }
    current = current.cause;
  }
  return null;
}

/** A string as is; anything else (absent, an object) as nothing. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A body cut to what an operator can read in one line: no markup, no scripts, 200 characters. */
export function shortText(body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A failed connect to a remote server, for an operator: an HTTP answer as its status and a
 * short text (never a page of HTML), anything else by its cause.
 */
export function remoteFailure(error: unknown, url: string | undefined): RuntimeFailure {
  const answer = httpAnswerOf(error);
  if (answer) {
    const reason: FailureReason = answer.status === 401 || answer.status === 403 ? 'AUTH' : 'HTTP_ERROR';
    const text = shortText(answer.text);
    const status = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    return new RuntimeFailure(reason, `The server answered ${status}${text ? `: ${text}` : ''}`, {
      url,
      status: answer.status,
    });
  }
  return new RuntimeFailure(classifyRemoteError(error), `Could not connect: ${describe(error)}`, { url });
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
