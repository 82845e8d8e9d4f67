import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { ApiTokensRepository, UsersRepository } from '@mcp-fleet/api/auth/data-access';
import { type ApiToken, type Principal, ROLE_PERMISSIONS, type User } from '@mcp-fleet/shared/contracts';

import { unauthenticated } from '../domain/auth-errors';
import { API_TOKEN_PREFIX, sha256Hex } from '../domain/secrets';
import { TtlCache } from '../domain/ttl-cache';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** Issue time in milliseconds (`iat` has only seconds), compared with a password reset. */
  iatMs: number;
}

/** How long a user or token lookup is reused; a role change or revocation shows after at most this. */
const CACHE_MS = 5_000;
const USE_RECORD_INTERVAL_MS = 60_000;

/**
 * Turns a bearer credential (an access JWT or an API token) into a principal, or throws
 * UNAUTHENTICATED. Used by the HTTP guard and by the Socket.IO handshake alike.
 */
@Injectable()
export class PrincipalResolver {
  private readonly logger = new Logger(PrincipalResolver.name);
  private readonly users = new TtlCache<string, { user: User; sessionsValidAfter: Date | null } | null>(CACHE_MS, 10_000);
  private readonly tokens = new TtlCache<string, ApiToken | null>(CACHE_MS, 10_000);
  private readonly lastRecordedUse = new TtlCache<string, number>(USE_RECORD_INTERVAL_MS, 10_000);
  /** Verified access tokens: the same token arrives on every request, its signature need not be checked each time. */
  private readonly verified = new TtlCache<string, AccessTokenClaims & { exp: number }>(CACHE_MS, 10_000);

  constructor(
    private readonly jwt: JwtService,
    private readonly usersRepository: UsersRepository,
    private readonly apiTokens: ApiTokensRepository,
  ) {}

  /** Accepts `Bearer <token>` (HTTP header) or the bare token (Socket.IO `auth.token`). */
  async resolve(credential: string | undefined): Promise<Principal> {
    const token = credential?.replace(/^Bearer\s+/i, '').trim();
    if (!token) {
      throw unauthenticated('Send Authorization: Bearer <access token or API token>');
    }
    return token.startsWith(API_TOKEN_PREFIX) ? this.fromApiToken(token) : this.fromAccessToken(token);
  }

  forgetUser(userId: string): void {
    this.users.delete(userId);
  }

  forgetApiTokens(): void {
    this.tokens.clear();
  }

  private async fromAccessToken(token: string): Promise<Principal> {
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp: number }>(token);
      } catch {
        throw unauthenticated('The access token is invalid or has expired');
      }
      this.verified.set(token, claims);
    }
    if (claims.exp * 1000 <= Date.now() || claims.typ !== 'access') {
      throw unauthenticated('The access token is invalid or has expired');
    }
    let found = this.users.get(claims.sub);
    if (found === undefined) {
      found = (await this.usersRepository.findForAuthentication(claims.sub)) ?? null;
      this.users.set(claims.sub, found);
    }
    if (!found || found.user.disabled) {
      throw unauthenticated('The account no longer exists or is disabled');
    }
    if (found.sessionsValidAfter && !(claims.iatMs >= found.sessionsValidAfter.getTime())) {
      throw unauthenticated('The password was reset after this token was issued; sign in again');
    }
    const user = found.user;
    return { kind: 'user', id: user.id, name: user.email, role: user.role, permissions: [...ROLE_PERMISSIONS[user.role]] };
  }

  /** Writes `lastUsedAt` at most once a minute per token and instance, so busy services cost no write per call. */
  private async recordUse(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastRecordedUse.get(id) ?? 0) < USE_RECORD_INTERVAL_MS) {
      return;
    }
    this.lastRecordedUse.set(id, now);
    try {
      await this.apiTokens.touchLastUsed(id);
    } catch (error) {
      // Losing a lastUsedAt update must not turn a valid request away.
      this.logger.warn({ err: error, apiTokenId: id }, 'Could not record API token use');
    }
  }

  private async fromApiToken(token: string): Promise<Principal> {
    const hash = sha256Hex(token);
    let record = this.tokens.get(hash);
    if (record === undefined) {
      record = (await this.apiTokens.findByHash(hash)) ?? null;
      this.tokens.set(hash, record);
    }
    if (!record || record.revokedAt || (record.expiresAt && Date.parse(record.expiresAt) <= Date.now())) {
      throw unauthenticated('The API token is unknown, revoked or expired');
    }
    await this.recordUse(record.id);
    const principal: Principal = { kind: 'token', id: record.id, name: record.name, role: null, permissions: [...record.permissions] };
    if (record.serverIds) {
      principal.serverIds = record.serverIds; // absent, not empty, means every server
    }
    return principal;
  }
}
