export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small fetch wrapper: JSON in, parsed JSON (or text) out, never throws on 4xx/5xx. */
export async function http<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init).catch((error: unknown) => {
    // A kept-alive connection the server closed just as it was reused: a read is safe to send again.
    if (method === 'GET' && (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') {
      return fetch(`${baseUrl}${path}`, init);
    }
    throw error;
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  return { status: response.status, headers: response.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
}
