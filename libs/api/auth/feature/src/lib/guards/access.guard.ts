import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { auditEntry, EventStore, MUTATING_METHODS, REQUEST_WRITE_WAIT_MS, WriteDeferredError } from '@mcp-fleet/api/events/data-access';
import {
  ACCESS_METADATA,
  type AccessRule,
  AUDIT_METADATA,
  type AuditRule,
  contextFromRequest,
  PRINCIPAL_KEY,
  type RequestWithPrincipal,
} from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';

import { accessDenied } from '../domain/auth-event-records';
import { serverOutOfScope, serverOutsideScope } from '../domain/server-scope';
import { PrincipalResolver } from '../services/principal-resolver.service';

/**
 * The global guard: a route is reachable only as its access rule says, and a route
 * that declares no rule is denied (and logged, since that is a bug). A server-scoped API
 * token finds no server outside its scope on any one-server route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    if (!rule) {
      this.logger.error({ method: request.method, url: request.url }, 'Route declares no access rule; denied');
      throw new DomainError('FORBIDDEN', 'This route is not open to anyone');
    }
    if (rule.kind === 'public') {
      return true;
    }
    const principal = await this.principals.resolve(request.headers.authorization);
    request[PRINCIPAL_KEY] = principal;
    if (rule.kind === 'permissions') {
      const missing = rule.permissions.filter((permission) => !principal.permissions.includes(permission));
      if (missing.length > 0) {
        await this.recordDenial(context, request, missing);
        throw new DomainError('FORBIDDEN', `Missing permission: ${missing.join(', ')}`, { required: rule.permissions, missing });
      }
    }
    // One place for every `/api/mcp/servers/:id…` route: a server outside a token's scope is not there.
    const outside = serverOutsideScope(principal, request.routeOptions.url, request.params);
    if (outside !== null) {
      throw serverOutOfScope(outside);
    }
    return true;
  }

  /**
   * A signed-in principal refused a route: a security event, and for a mutating route an audit
   * row. (Requests without valid credentials are not recorded one by one: an expired access
   * token produces one on every refresh cycle; failed sign-ins are recorded by the sessions service.)
   */
  private async recordDenial(context: ExecutionContext, request: RequestWithPrincipal, missing: string[]): Promise<void> {
    const call = contextFromRequest(request);
    const route = request.routeOptions.url ?? request.url;
    const wait = { waitMs: REQUEST_WRITE_WAIT_MS };
    const writes: Promise<unknown>[] = [this.store.append(accessDenied(request.method, route, missing, call), wait)];
    const rule = this.reflector.get<AuditRule | undefined>(AUDIT_METADATA, context.getHandler());
    if (MUTATING_METHODS.has(request.method) && rule?.audited !== false) {
      const params = (request.params ?? {}) as Record<string, string>;
      const target = rule?.audited ? (rule.target?.({ params, body: undefined, result: undefined }) ?? null) : null;
      const action = rule?.audited ? rule.action : `${request.method} ${route}`;
      writes.push(
        this.store.appendAudit(auditEntry(call, action, target, { result: 'denied', statusCode: 403, errorCode: 'FORBIDDEN' }), wait),
      );
    }
    try {
      await Promise.all(writes);
    } catch (error) {
      if (error instanceof WriteDeferredError) {
        this.logger.warn('Access denial queued until the database answers');
      } else {
        this.logger.error({ err: error }, 'Access denial not recorded');
      }
    }
  }
}
