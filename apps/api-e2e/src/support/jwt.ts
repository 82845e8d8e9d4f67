import { createHmac } from 'node:crypto';

/** Signs an HS256 JWT by hand, to present the API with tokens it must refuse. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The Set-Cookie value of the refresh cookie, as `name=value`. */
export function refreshCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('mcp_fleet_refresh='));
  if (!cookie) {
    throw new Error('No refresh cookie in the response');
  }
  return cookie.split(';')[0];
}
