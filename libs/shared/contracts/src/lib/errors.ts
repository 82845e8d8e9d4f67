/** Stable error codes. Clients branch on these, never on messages. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_ID',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'ROUTE_NOT_FOUND',
  'SERVER_NOT_FOUND',
  'SERVER_NAME_TAKEN',
  'SERVER_NOT_STOPPED',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'COMMAND_IN_PROGRESS',
  'SERVER_NOT_RUNNING',
  'TOOL_NOT_FOUND',
  /** The tool is switched off for every client (PATCH .../tools/:tool). */
  'TOOL_DISABLED',
  'MCP_REQUEST_FAILED',
  'MCP_REQUEST_TIMEOUT',
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_KEY_MISMATCH',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'USER_NOT_FOUND',
  'EMAIL_TAKEN',
  'LAST_ADMIN',
  'API_TOKEN_NOT_FOUND',
  'URL_NOT_ALLOWED',
  'STDIO_NOT_ALLOWED',
  'SERVICE_UNAVAILABLE',
  /** The replica that runs the server does not answer (it is being replaced); retry shortly. */
  'OWNER_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, for example `config.url`. */
  field: string;
  messages: string[];
}

export interface ApiError {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  correlationId: string;
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
