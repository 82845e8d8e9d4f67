import { HttpException, HttpStatus } from '@nestjs/common';

import type { ApiError, ErrorCode } from '@mcp-fleet/shared/contracts';

import { DomainError, HTTP_STATUS_BY_CODE } from './domain-error';

/** Codes of errors that Fastify raises before a route handler runs. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
};

const CODE_BY_HTTP_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

export interface ErrorResponse {
  body: ApiError;
  /** True when the error was not expected: log it with its stack. */
  unexpected: boolean;
}

/** Maps anything thrown while serving a request to the public error shape. */
export function toErrorResponse(error: unknown, correlationId: string): ErrorResponse {
  if (error instanceof DomainError) {
    return respond(HTTP_STATUS_BY_CODE[error.code], error.code, error.message, correlationId, error.details);
  }
  const fastifyCode = readString(error, 'code');
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return respond(HTTP_STATUS_BY_CODE[code], code, readString(error, 'message') ?? code, correlationId);
  }
  if (error instanceof SyntaxError && readNumber(error, 'statusCode') === 400) {
    return respond(400, 'INVALID_JSON', `Malformed JSON body: ${error.message}`, correlationId);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    const message = status === 404 ? 'No such route' : error.message;
    return respond(status, code, message, correlationId);
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is not reachable right now; try again shortly',
        correlationId,
      },
      unexpected: false,
    };
  }
  const status = readNumber(error, 'statusCode');
  if (status !== undefined && status >= 400 && status < 500) {
    const code = CODE_BY_HTTP_STATUS[status] ?? 'VALIDATION_FAILED';
    return respond(status, code, readString(error, 'message') ?? code, correlationId);
  }
  return {
    body: {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal error; quote the correlation id when reporting it',
      correlationId,
    },
    unexpected: true,
  };
}

function respond(statusCode: number, code: ErrorCode, message: string, correlationId: string, details?: unknown): ErrorResponse {
  const body: ApiError = { statusCode, code, message, correlationId };
  if (details !== undefined) {
    body.details = details;
  }
  return { body, unexpected: false };
}

function readString(value: unknown, key: string): string | undefined {
  const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

function readNumber(value: unknown, key: string): number | undefined {
  const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'number' ? field : undefined;
}

/**
 * The database is away (refused, reset, shutting down, too many connections, a pool timeout):
 * the request may succeed later, so it is a 503, not a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = readString(current, 'code');
    if (code && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code) || /^(08|57P|53)/.test(code))) {
      return true;
    }
    const message = readString(current, 'message') ?? '';
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i.test(
        message,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown; driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
