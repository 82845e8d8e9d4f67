import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import type { Permission, Principal } from '@mcp-fleet/shared/contracts';

/** Route metadata read by the global guard. A route without any of it is denied. */
export const ACCESS_METADATA = 'mcp-fleet:access';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permissions'; permissions: Permission[] };

/** Anyone, signed in or not (health, readiness, login, refresh). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user or valid API token, whatever its permissions (who am I, logout). */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' }),
  );

/** Principals holding every one of `permissions`. */
export const RequirePermissions = (...permissions: [Permission, ...Permission[]]) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permissions', permissions } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' }),
    ApiForbiddenResponse({ description: `FORBIDDEN: needs ${permissions.join(', ')}` }),
  );

/** The guard stores the authenticated principal on the request under this key. */
export const PRINCIPAL_KEY = 'principal';

export type RequestWithPrincipal = FastifyRequest & { [PRINCIPAL_KEY]?: Principal };

/** Injects the principal the guard authenticated (undefined on public routes). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_KEY],
);
