import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { toErrorResponse, validationFailed } from '@mcp-fleet/api/shared/errors';
import { type ApiError, CORRELATION_ID_HEADER } from '@mcp-fleet/shared/contracts';

import { correlationIdFrom } from './correlation-id';

/*
 * Errors raised before a request reaches a route get the same error shape and correlation id
 * as everything else: a client (or a fuzzer) should never see a body it cannot parse as ours.
 */

const ROUTING_PROBLEMS: Record<string, string> = {
  FST_ERR_BAD_URL: 'the URL must be valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than 200 characters',
};

/** Fastify's `frameworkErrors`: a URL the router cannot decode or a path segment too long. */
export function answerRoutingError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = ROUTING_PROBLEMS[error.code] ?? 'the URL cannot be routed';
  const { body } = toErrorResponse(validationFailed([{ field: 'url', messages: [problem] }]), request.id);
  let sent = false;
  const send = () => {
    if (!sent) {
      sent = true;
      void reply.status(body.statusCode).header(CORRELATION_ID_HEADER, request.id).send(body);
    }
  };
  const raw = request.raw;
  if (raw.readableEnded || raw.complete) {
    send();
    return;
  }
  // The body was never read: answering first would reset a client still writing a large one
  // (EPIPE, no answer at all). It is read and dropped, then answered.
  raw.once('end', send);
  raw.once('error', send);
  raw.resume();
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request itself (raw bytes that
 * are not allowed in a path, a control character in a header, headers over 16 KiB, a request
 * that took longer than REQUEST_TIMEOUT_MS), so there is no request object to answer through.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const correlationId = correlationIdFrom(headerOf((error as { rawPacket?: unknown }).rawPacket, CORRELATION_ID_HEADER));
  const body: ApiError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? { statusCode: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are larger than 16 KiB', correlationId }
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time', correlationId }
        : {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'The request is not valid HTTP (bytes or characters not allowed in the URL or a header)',
            correlationId,
          };
  const text = JSON.stringify(body);
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  socket.write(
    `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode] ?? ''}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n${CORRELATION_ID_HEADER}: ${correlationId}\r\nConnection: close\r\n\r\n${text}`,
  );
  closeLingering(socket);
}

/** How long, and how many bytes, a refused request's remaining body is read and dropped. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * Ends the connection after the answer, the way a lingering close does: a client still writing a
 * body would get a reset, and lose the answer with it, if the socket closed with unread bytes.
 * What still arrives is read and dropped, within a bound, before the socket is destroyed.
 */
function closeLingering(socket: Socket): void {
  // The HTTP parser stays out of it: it would refuse the same bytes again.
  socket.removeAllListeners('data');
  let drained = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) {
      socket.destroy();
    }
  });
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.end();
  socket.resume();
}

/** A header of the raw request Node refused (its `rawPacket`), as far as it can be read. */
function headerOf(raw: unknown, name: string): string | undefined {
  if (!Buffer.isBuffer(raw)) {
    return undefined;
  }
  const head = raw.toString('latin1').split('\r\n\r\n', 1)[0];
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) {
      return line.slice(colon + 1).trim();
    }
  }
  return undefined;
}
