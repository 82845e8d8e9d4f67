import { HttpErrorResponse } from '@angular/common/http';

import type { ApiError, FieldError } from '@mcp-fleet/shared/contracts';

/** An API failure as the console shows it: the stable code, a sentence, and per-field errors. */
export interface ConsoleError {
  status: number;
  code: string;
  message: string;
  fields: FieldError[];
  correlationId: string | null;
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body;
}

/**
 * Field details as `{ field, messages }`. Validation errors carry `messages`; the security
 * checks (STDIO_NOT_ALLOWED, URL_NOT_ALLOWED) carry one `message` and a `code` per field.
 */
function fieldErrors(details: unknown[]): FieldError[] {
  return details.flatMap((item) => {
    if (typeof item !== 'object' || item === null || typeof (item as { field?: unknown }).field !== 'string') {
      return [];
    }
    const { field, messages, message } = item as { field: string; messages?: unknown; message?: unknown };
    const texts = Array.isArray(messages) ? messages.map(String) : typeof message === 'string' ? [message] : [];
    return [{ field, messages: texts }];
  });
}

/** Turns whatever an HTTP call threw into one shape the pages can render. */
export function toConsoleError(error: unknown): ConsoleError {
  if (error instanceof HttpErrorResponse) {
    if (isApiError(error.error)) {
      const details = error.error.details;
      return {
        status: error.status,
        code: error.error.code,
        message: error.error.message,
        fields: Array.isArray(details) ? fieldErrors(details) : [],
        correlationId: error.error.correlationId ?? null,
      };
    }
    if (error.status === 0) {
      return {
        status: 0,
        code: 'NETWORK_ERROR',
        message: 'The API cannot be reached. Check your connection.',
        fields: [],
        correlationId: null,
      };
    }
    return { status: error.status, code: `HTTP_${error.status}`, message: error.message, fields: [], correlationId: null };
  }
  return {
    status: 0,
    code: 'CLIENT_ERROR',
    message: error instanceof Error ? error.message : String(error),
    fields: [],
    correlationId: null,
  };
}

/** A failed Blob request carries the API's JSON error as a Blob; read it so the message and code show. */
export async function readBlobError(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) {
    return error;
  }
  try {
    const body: unknown = JSON.parse(await error.error.text());
    return new HttpErrorResponse({ error: body, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
  } catch {
    return error;
  }
}

/** The messages for one form field (`config.command`, `name`, ...), exact path or its children. */
export function fieldMessages(error: ConsoleError | null, field: string): string[] {
  if (!error) {
    return [];
  }
  return error.fields.filter((item) => item.field === field || item.field.startsWith(`${field}.`)).flatMap((item) => item.messages);
}
