import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { Permission } from '@mcp-fleet/shared/contracts';

export const unauthenticated = (why: string) => new DomainError('UNAUTHENTICATED', why);

/** Same answer for an unknown email, a wrong password and a disabled account. */
export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Email or password is wrong');

/** Changing one's own password: 400, not 401, so that a client does not take it for an expired session. */
export const wrongPassword = () => new DomainError('WRONG_PASSWORD', 'The current password is wrong');

/** API tokens have no password of their own. */
export const notAUser = () =>
  new DomainError('FORBIDDEN', 'Only a signed-in user can change their password; an API token has none', { required: [], missing: [] });

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(
    'TOO_MANY_ATTEMPTS',
    `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );

export const refreshTokenInvalid = () =>
  new DomainError('REFRESH_TOKEN_INVALID', 'The session has expired or was signed out; sign in again');

export const refreshTokenReused = () =>
  new DomainError(
    'REFRESH_TOKEN_REUSED',
    'This refresh token was already used; the whole session was revoked as a precaution. Sign in again',
  );

export const userNotFound = (id: string) => new DomainError('USER_NOT_FOUND', `User ${id} does not exist`, { userId: id });

export const emailTaken = (email: string) => new DomainError('EMAIL_TAKEN', `A user with the email ${email} already exists`, { email });

export const lastAdmin = () => new DomainError('LAST_ADMIN', 'This is the last active admin; make another user admin first');

export const apiTokenNotFound = (id: string) =>
  new DomainError('API_TOKEN_NOT_FOUND', `API token ${id} does not exist`, { apiTokenId: id });

/** Shaped like the global guard's refusal of a route: `details.missing` lists what the caller lacks. */
export const cannotGrant = (required: Permission[], missing: Permission[]) =>
  new DomainError('FORBIDDEN', `You can only grant permissions you hold; missing: ${missing.join(', ')}`, { required, missing });

export const cannotActOnUser = (email: string, required: Permission[], missing: Permission[]) =>
  new DomainError(
    'FORBIDDEN',
    `Changing ${email} needs permissions you do not hold (${missing.join(', ')}): whoever changes a user could become that user`,
    { required, missing },
  );
