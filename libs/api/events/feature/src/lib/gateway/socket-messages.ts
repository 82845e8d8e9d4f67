import { type ResyncRequest, SOCKET_CHANNELS, type SocketChannel, type SubscribeRequest } from '@mcp-fleet/shared/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SERVER_IDS = 500;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `{ events: SocketChannel[], serverIds?: uuid[] }`, and for `subscribe` an optional
 * `afterSeq` (subscribe and resync in one step); nothing else.
 */
export function parseSubscribe(body: unknown, allowAfterSeq = false): Parsed<SubscribeRequest> {
  if (!isRecord(body)) {
    return { ok: false, problems: ['the message must be an object { events, serverIds? }'] };
  }
  const problems: string[] = [];
  const known = allowAfterSeq ? ['events', 'serverIds', 'afterSeq'] : ['events', 'serverIds'];
  const unknownKeys = Object.keys(body).filter((key) => !known.includes(key));
  if (unknownKeys.length > 0) {
    problems.push(`unknown fields: ${unknownKeys.join(', ')}`);
  }
  const { events, serverIds } = body;
  if (!Array.isArray(events) || events.length === 0 || events.length > SOCKET_CHANNELS.length) {
    problems.push(`events must list 1 to ${SOCKET_CHANNELS.length} of ${SOCKET_CHANNELS.join(', ')}`);
  } else {
    const bad = events.filter((e) => !(SOCKET_CHANNELS as readonly unknown[]).includes(e));
    if (bad.length > 0) {
      problems.push(`events has unknown channels: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    }
  }
  if (serverIds !== undefined) {
    if (!Array.isArray(serverIds) || serverIds.length === 0 || serverIds.length > MAX_SERVER_IDS) {
      problems.push(`serverIds must list 1 to ${MAX_SERVER_IDS} server ids`);
    } else if (serverIds.some((id) => typeof id !== 'string' || !UUID.test(id))) {
      problems.push('serverIds must be UUIDs');
    }
  }
  const { afterSeq } = body;
  if (afterSeq !== undefined && !isSeq(afterSeq)) {
    problems.push('afterSeq must be an integer ≥ 0');
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: {
      events: [...new Set(events as SocketChannel[])],
      serverIds: serverIds === undefined ? undefined : [...new Set((serverIds as string[]).map((id) => id.toLowerCase()))],
      ...(afterSeq === undefined ? {} : { afterSeq: afterSeq as number }),
    },
  };
}

function isSeq(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function parseResync(body: unknown): Parsed<ResyncRequest> {
  if (!isRecord(body) || Object.keys(body).some((key) => key !== 'afterSeq')) {
    return { ok: false, problems: ['the message must be an object { afterSeq }'] };
  }
  const { afterSeq } = body;
  if (!isSeq(afterSeq)) {
    return { ok: false, problems: ['afterSeq must be an integer ≥ 0'] };
  }
  return { ok: true, value: { afterSeq: afterSeq as number } };
}
