import { Injectable } from '@nestjs/common';

import { ApiTokensRepository } from '@mcp-fleet/api/auth/data-access';
import { EventStore } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import type { ApiToken, CreateApiTokenRequest, CreateApiTokenResponse, Principal } from '@mcp-fleet/shared/contracts';

import { apiTokenNotFound } from '../domain/auth-errors';
import { apiTokenCreated, apiTokenRevoked } from '../domain/auth-event-records';
import { assertMayGrant } from '../domain/permission-grants';
import { API_TOKEN_PREFIX, randomToken, sha256Hex } from '../domain/secrets';
import { grantableScope } from '../domain/server-scope';
import { PrincipalResolver } from './principal-resolver.service';

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly principals: PrincipalResolver,
    private readonly store: EventStore,
  ) {}

  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  /**
   * The plain token is returned here once; only its SHA-256 is stored. Never wider than its
   * creator, in permissions and in servers; a server scope names registered servers only.
   */
  async create(request: CreateApiTokenRequest, creator: Principal, context: CallContext): Promise<CreateApiTokenResponse> {
    assertMayGrant(creator.permissions, request.permissions);
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) {
      throw validationFailed([{ field: 'expiresAt', messages: ['expiresAt must be a date-time like 2030-01-31T12:00:00Z'] }]);
    }
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw validationFailed([{ field: 'expiresAt', messages: ['expiresAt must be in the future'] }]);
    }
    const serverIds = grantableScope(creator, request.serverIds);
    if (serverIds) {
      const unknown = await this.tokens.unknownServerIds(serverIds);
      if (unknown.length > 0) {
        throw validationFailed([{ field: 'serverIds', messages: [`serverIds names servers that do not exist: ${unknown.join(', ')}`] }]);
      }
    }
    const token = `${API_TOKEN_PREFIX}${randomToken()}`;
    const apiToken = await this.tokens.insert({
      name: request.name.trim(),
      prefix: token.slice(0, 12),
      tokenHash: sha256Hex(token),
      permissions: [...new Set(request.permissions)],
      serverIds,
      expiresAt,
      createdBy: creator.kind === 'user' ? creator.id : null,
    });
    await this.store.append(apiTokenCreated(apiToken, context));
    return { token, apiToken };
  }

  async revoke(id: string, context: CallContext): Promise<ApiToken> {
    const revoked = await this.tokens.revoke(id);
    if (!revoked) {
      throw apiTokenNotFound(id);
    }
    this.principals.forgetApiTokens();
    await this.store.append(apiTokenRevoked(revoked, context));
    return revoked;
  }
}
