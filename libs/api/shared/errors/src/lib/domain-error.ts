import type { ErrorCode } from '@mcp-fleet/shared/contracts';

/**
 * An expected failure with a stable code. Thrown by handlers and pipes; the global
 * filter turns it into `{ statusCode, code, message, details, correlationId }`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Response headers that belong to this error, such as Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** HTTP status for each code: the one place that decides it. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_ID: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  ROUTE_NOT_FOUND: 404,
  SERVER_NOT_FOUND: 404,
  SERVER_NAME_TAKEN: 409,
  SERVER_NOT_STOPPED: 409,
  SERVER_DISABLED: 409,
  VERSION_CONFLICT: 409,
  REVISION_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  COMMAND_IN_PROGRESS: 409,
  SERVER_NOT_RUNNING: 409,
  TOOL_NOT_FOUND: 404,
  TOOL_DISABLED: 403,
  TOOL_NOT_APPROVED: 409,
  MCP_REQUEST_FAILED: 502,
  MCP_REQUEST_TIMEOUT: 504,
  MCP_INVALID_PARAMS: 400,
  RESOURCE_NOT_FOUND: 404,
  RESOURCE_TOO_LARGE: 413,
  PROMPT_NOT_FOUND: 404,
  RESOURCE_SUBSCRIBE_UNSUPPORTED: 409,
  RESOURCE_SUBSCRIPTION_LIMIT: 409,
  TOO_MANY_MATCHES: 422,
  OPERATION_NOT_FOUND: 404,
  OPERATION_ALREADY_UNDONE: 409,
  UNDO_CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_MISMATCH: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 400,
  TOO_MANY_ATTEMPTS: 429,
  REFRESH_TOKEN_INVALID: 401,
  REFRESH_TOKEN_REUSED: 401,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  LAST_ADMIN: 409,
  API_TOKEN_NOT_FOUND: 404,
  URL_NOT_ALLOWED: 400,
  STDIO_NOT_ALLOWED: 400,
  SERVICE_UNAVAILABLE: 503,
  OWNER_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};
