import type { AdminCredentials } from './api-process';

export interface Authentication {
  /** Headers to send with every request: a bearer access token, or none when the API has no sign-in. */
  headers: Record<string, string>;
  scheme: 'bearer access token' | 'none';
  /** The bare access token (for a Socket.IO handshake's `auth.token`); undefined without sign-in. */
  token: string | undefined;
}

/**
 * Signs in as the bootstrap admin. The list endpoint then pays for token verification
 * like it does for the console, which is part of what is measured.
 */
export async function signIn(baseUrl: string, admin: AdminCredentials): Promise<Authentication> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const body = await response.text();
  // Builds from before sign-in existed serve everything anonymously.
  if (response.status === 404) {
    return { headers: {}, scheme: 'none', token: undefined };
  }
  const token = response.ok ? (JSON.parse(body) as { accessToken?: unknown }).accessToken : undefined;
  if (typeof token !== 'string') {
    throw new Error(`Signing in as ${admin.email} failed: HTTP ${response.status} ${body.slice(0, 500)}`);
  }
  return { headers: { authorization: `Bearer ${token}` }, scheme: 'bearer access token', token };
}
