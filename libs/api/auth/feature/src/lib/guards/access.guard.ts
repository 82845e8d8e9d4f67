import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { ACCESS_METADATA, type AccessRule, PRINCIPAL_KEY, type RequestWithPrincipal } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';

import { PrincipalResolver } from '../services/principal-resolver.service';

/**
 * The global guard: a route is reachable only as its access rule says, and a route
 * that declares no rule is denied (and logged, since that is a bug).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
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
        throw new DomainError('FORBIDDEN', `Missing permission: ${missing.join(', ')}`, { required: rule.permissions, missing });
      }
    }
    return true;
  }
}
