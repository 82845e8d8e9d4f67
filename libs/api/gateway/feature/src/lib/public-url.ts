import type { FastifyRequest } from 'fastify';

/**
 * The origin clients reach the API at, as a proxy in front of it says (`X-Forwarded-Proto`,
 * `X-Forwarded-Host`, first value of each) or else as the request shows it.
 */
export function publicOrigin(request: FastifyRequest): string {
  const proto = first(request.headers['x-forwarded-proto']) || request.protocol;
  const host = first(request.headers['x-forwarded-host']) || first(request.headers.host) || 'localhost';
  return `${proto}://${host}`;
}

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(',')[0]?.trim();
}
