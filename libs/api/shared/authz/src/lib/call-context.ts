import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

import { type Actor, type Principal, SYSTEM_ACTOR } from '@mcp-fleet/shared/contracts';

import { PRINCIPAL_KEY, type RequestWithPrincipal } from './access.decorators';

/**
 * Who asked for something and how: carried by commands and service calls into the events and
 * audit rows they produce. Built from the request for REST, from the socket for Socket.IO,
 * and `systemContext()` for the API's own work.
 */
export interface CallContext {
  actor: Actor;
  correlationId: string | null;
  ip: string | null;
  userAgent: string | null;
  via: 'rest' | 'socket' | 'mcp' | 'system';
}

const ANONYMOUS: Actor = { kind: 'anonymous', id: null, name: 'anonymous' };
const MAX_USER_AGENT = 512;

export function actorOf(principal: Principal | undefined): Actor {
  return principal ? { kind: principal.kind, id: principal.id, name: principal.name } : ANONYMOUS;
}

export function systemContext(correlationId: string | null = null): CallContext {
  return { actor: SYSTEM_ACTOR, correlationId, ip: null, userAgent: null, via: 'system' };
}

export function contextFromRequest(request: RequestWithPrincipal): CallContext {
  const userAgent = request.headers['user-agent'];
  return {
    actor: actorOf(request[PRINCIPAL_KEY]),
    correlationId: request.id,
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT) : null,
    via: 'rest',
  };
}

/** Injects the caller's context (principal set by the global guard, correlation id, address). */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallContext => contextFromRequest(context.switchToHttp().getRequest<RequestWithPrincipal>()),
);
