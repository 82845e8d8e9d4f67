import { connect, type Socket } from 'node:net';

/**
 * HTTP/1.1 over a plain socket. `fetch` and `node:http` refuse to send what this suite must
 * send (raw bytes in the path, control characters and bytes beyond ASCII in headers, a header
 * twice), so requests are written byte for byte, one connection per request.
 */
export interface RawRequest {
  method: string;
  /** The request target (path and query) as a byte string: one character per byte. */
  target: string;
  /** Header names and values as byte strings, in order; `host` and `connection` are added. */
  headers: [string, string][];
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; a header sent twice has two values. */
  headers: Map<string, string[]>;
  body: string;
}

export type Outcome = { response: RawResponse; elapsedMs: number } | { error: string; elapsedMs: number };

export function requestBytes(host: string, request: RawRequest): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `host: ${host}`, 'connection: close'];
  for (const [name, value] of request.headers) {
    lines.push(`${name}: ${value}`);
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return request.body ? Buffer.concat([head, request.body]) : head;
}

/** Sends `request` to `baseUrl` and resolves with the response, or with why there was none. */
export function send(baseUrl: string, request: RawRequest, timeoutMs: number): Promise<Outcome> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(outcome);
      }
    };
    const fromChunks = (why: string): Outcome => {
      const response = chunks.length ? parseResponse(Buffer.concat(chunks)) : undefined;
      return response ? { response, elapsedMs: elapsed() } : { error: why, elapsedMs: elapsed() };
    };
    const socket = connect(Number(url.port), url.hostname, () => void writeUntilAnswered(socket, requestBytes(url.host, request), chunks));
    const timer = setTimeout(
      () =>
        finish({
          error: `no complete answer within ${timeoutMs} ms`,
          elapsedMs: elapsed(),
        }),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(fromChunks('the connection closed without a response')));
    // The API may answer (413, 400) and close before it has read a large body: keep what it said.
    socket.on('error', (error) => finish(fromChunks(`connection error: ${error.message}`)));
  });
}

/** Bodies are written in pieces of this size. */
const PIECE = 64 * 1024;

/**
 * Writes the head, gives the API a moment to answer it, then the body in 64 KiB pieces until the
 * API has answered. An API that refuses a body by its head (413 by its length, 415 by its
 * content type) answers and closes before reading it, and a write into that closed connection
 * fails (EPIPE) before the answer is read, losing it: so a body of more than one piece waits
 * for such an early answer (at most 300 ms) before it is sent.
 */

async function writeUntilAnswered(socket: Socket, bytes: Buffer, answer: Buffer[]): Promise<void> {
  const headEnd = bytes.indexOf('\r\n\r\n') + 4;
  await new Promise<void>((resolve) => socket.write(bytes.subarray(0, headEnd), () => resolve()));
  if (headEnd >= bytes.length) {
    return;
  }
  if (bytes.length - headEnd > PIECE) {
    // Perhaps refused by its head alone: that answer comes before the body is read.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 300);
      socket.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  for (let offset = headEnd; offset < bytes.length && answer.length === 0 && !socket.destroyed; offset += PIECE) {
    await new Promise<void>((resolve) => socket.write(bytes.subarray(offset, offset + PIECE), () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function parseResponse(raw: Buffer): RawResponse | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) {
    return undefined;
  }
  const [statusLine, ...headerLines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) {
    return undefined;
  }
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  let body = raw.subarray(headEnd + 4);
  if (headers.get('transfer-encoding')?.some((value) => value.toLowerCase().includes('chunked'))) {
    body = dechunk(body);
  }
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) {
      break;
    }
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!size) {
      break;
    }
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
