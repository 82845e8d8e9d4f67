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
  /** The server is disabled (`enabled: false`): it is never started, by a command or by anything else. */
  'SERVER_DISABLED',
  'VERSION_CONFLICT',
  /** The server has no revision with that number. */
  'REVISION_NOT_FOUND',
  'INVALID_TRANSITION',
  'COMMAND_IN_PROGRESS',
  'SERVER_NOT_RUNNING',
  'TOOL_NOT_FOUND',
  /** The tool is switched off for every client (PATCH .../tools/:tool). */
  'TOOL_DISABLED',
  'TOOL_NOT_APPROVED',
  'MCP_REQUEST_FAILED',
  'MCP_REQUEST_TIMEOUT',
  /** The server refused the parameters of a request (JSON-RPC -32602), for example a missing prompt argument. */
  'MCP_INVALID_PARAMS',
  /** The server has no resource at that URI (JSON-RPC -32002, or -32602 on resources/read). */
  'RESOURCE_NOT_FOUND',
  /** A read resource is larger than RESOURCE_READ_LIMITS.maxBytes. */
  'RESOURCE_TOO_LARGE',
  /** The server refused a prompt its catalog does not list. */
  'PROMPT_NOT_FOUND',
  /** The server did not announce `resources.subscribe` on its last start. */
  'RESOURCE_SUBSCRIBE_UNSUPPORTED',
  /** The server has RESOURCE_SUBSCRIPTION_LIMITS.maxPerServer subscriptions already. */
  'RESOURCE_SUBSCRIPTION_LIMIT',
  /** No undoable operation with that id (unknown, older than UNDO_WINDOW_DAYS, or it changed nothing). */
  /** A selection by filter matched more servers than one bulk operation takes (SELECTION_LIMITS.maxServers). */
  'TOO_MANY_MATCHES',
  'OPERATION_NOT_FOUND',
  /** The operation was undone already (or its undo is running). */
  'OPERATION_ALREADY_UNDONE',
  /** An undo item: the server's desired state was changed since the operation; it is left as it is. */
  'UNDO_CONFLICT',
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_KEY_MISMATCH',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  /** Changing one's own password: the current password given is wrong. */
  'WRONG_PASSWORD',
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
