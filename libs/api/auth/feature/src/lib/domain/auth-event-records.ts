import type { NewEventOf } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import {
  type Actor,
  type ApiToken,
  EVENT_TYPES,
  type EventDataMap,
  type EventType,
  type UpdateUserRequest,
  type User,
} from '@mcp-fleet/shared/contracts';

/** Event-store rows for sign-ins, access refusals, users and API tokens (category `security`). */

function securityEvent<T extends EventType>(
  type: T,
  severity: NewEventOf<T>['severity'],
  message: string,
  data: EventDataMap[T],
  context: Pick<CallContext, 'actor' | 'correlationId'>,
): NewEventOf<T> {
  return { type, severity, message, data, correlationId: context.correlationId, actor: context.actor };
}

export function loginSucceeded(user: User, context: CallContext): NewEventOf<'auth.login_succeeded'> {
  const actor: Actor = { kind: 'user', id: user.id, name: user.email };
  return securityEvent(
    EVENT_TYPES.loginSucceeded,
    'info',
    `${user.email} signed in`,
    { ip: context.ip, userAgent: context.userAgent },
    { ...context, actor },
  );
}

export function loginFailed(
  email: string,
  reason: 'invalid_credentials' | 'too_many_attempts',
  context: CallContext,
): NewEventOf<'auth.login_failed'> {
  return securityEvent(
    EVENT_TYPES.loginFailed,
    'warning',
    reason === 'too_many_attempts' ? `Sign-in for ${email} refused: too many attempts` : `Failed sign-in for ${email}`,
    { email, reason, ip: context.ip, userAgent: context.userAgent },
    context,
  );
}

export function refreshTokenReused(userId: string, context: CallContext): NewEventOf<'auth.refresh_token_reused'> {
  return securityEvent(
    EVENT_TYPES.refreshTokenReused,
    'error',
    'A used refresh token came back; the session was ended',
    { userId, ip: context.ip, userAgent: context.userAgent },
    context,
  );
}

export function accessDenied(method: string, route: string, missing: string[], context: CallContext): NewEventOf<'auth.access_denied'> {
  return securityEvent(
    EVENT_TYPES.accessDenied,
    'warning',
    `${context.actor.name} was refused ${method} ${route} (missing ${missing.join(', ')})`,
    { method, route, missing, ip: context.ip },
    context,
  );
}

export function apiTokenCreated(token: ApiToken, context: CallContext): NewEventOf<'auth.api_token_created'> {
  return securityEvent(
    EVENT_TYPES.apiTokenCreated,
    'info',
    `API token ${token.name} created`,
    {
      tokenId: token.id,
      name: token.name,
      prefix: token.prefix,
      permissions: token.permissions,
      serverIds: token.serverIds,
      expiresAt: token.expiresAt,
    },
    context,
  );
}

export function apiTokenRevoked(token: ApiToken, context: CallContext): NewEventOf<'auth.api_token_revoked'> {
  return securityEvent(
    EVENT_TYPES.apiTokenRevoked,
    'info',
    `API token ${token.name} revoked`,
    { tokenId: token.id, name: token.name },
    context,
  );
}

export function userCreated(user: User, context: CallContext): NewEventOf<'user.created'> {
  return securityEvent(
    EVENT_TYPES.userCreated,
    'info',
    `User ${user.email} created as ${user.role}`,
    { userId: user.id, email: user.email, role: user.role },
    context,
  );
}

export function userUpdated(before: User, after: User, requested: UpdateUserRequest, context: CallContext): NewEventOf<'user.updated'> {
  const changes = (Object.keys(requested) as (keyof UpdateUserRequest)[])
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field], after: after[field] }));
  return securityEvent(
    EVENT_TYPES.userUpdated,
    'info',
    `User ${after.email} updated: ${changes.map((c) => c.field).join(', ') || 'no change'}`,
    { userId: after.id, email: after.email, changes },
    context,
  );
}

export function userPasswordReset(userId: string, context: CallContext): NewEventOf<'user.password_reset'> {
  return securityEvent(EVENT_TYPES.userPasswordReset, 'info', 'Password reset; the user was signed out everywhere', { userId }, context);
}

export function userPasswordChanged(userId: string, context: CallContext): NewEventOf<'user.password_changed'> {
  return securityEvent(
    EVENT_TYPES.userPasswordChanged,
    'info',
    `${context.actor.name} changed their password; their other sessions were ended`,
    { userId },
    context,
  );
}
