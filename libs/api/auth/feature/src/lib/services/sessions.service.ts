import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { RefreshTokensRepository, UsersRepository } from '@mcp-fleet/api/auth/data-access';
import { EventStore } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { LoginResponse, Principal, User } from '@mcp-fleet/shared/contracts';

import {
  invalidCredentials,
  notAUser,
  refreshTokenInvalid,
  refreshTokenReused,
  unauthenticated,
  wrongPassword,
} from '../domain/auth-errors';
import {
  loginFailed,
  loginSucceeded,
  refreshTokenReused as refreshTokenReusedEvent,
  userPasswordChanged,
} from '../domain/auth-event-records';
import { randomToken, sameHash, sha256Hex } from '../domain/secrets';
import { LoginRateLimiter } from './login-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { type AccessTokenClaims, PrincipalResolver } from './principal-resolver.service';

export interface Session extends LoginResponse {
  /** Goes into the httpOnly cookie only; `<id>.<secret>`, of which the server stores a hash. */
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Sign-in, refresh-token rotation with reuse detection, and sign-out. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly store: EventStore,
    private readonly principals: PrincipalResolver,
  ) {}

  async login(email: string, password: string, context: CallContext): Promise<Session> {
    const emailKey = email.trim().toLowerCase();
    const ip = context.ip ?? 'unknown';
    let attempt: string;
    try {
      attempt = await this.limiter.begin(emailKey, ip);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'TOO_MANY_ATTEMPTS') {
        await this.store.append(loginFailed(emailKey, 'too_many_attempts', context));
      }
      throw error;
    }
    const found = await this.users.findByEmailWithHash(emailKey);
    const passwordMatches = await this.hasher.verify(found?.passwordHash, password);
    if (!found || !passwordMatches || found.user.disabled) {
      await this.limiter.failed(attempt);
      await this.store.append(loginFailed(emailKey, 'invalid_credentials', context));
      throw invalidCredentials();
    }
    await this.limiter.succeeded(attempt, emailKey, ip);
    await this.users.touchLastLogin(found.user.id);
    await this.refreshTokens.purgeExpired(found.user.id);
    const user = { ...found.user, lastLoginAt: new Date().toISOString() };
    const refresh = this.newRefreshToken(user.id, randomUUID());
    await this.refreshTokens.insert(refresh.record);
    await this.store.append(loginSucceeded(user, context));
    return this.session(user, refresh);
  }

  async refresh(presented: string | undefined, context: CallContext): Promise<Session> {
    const parsed = parseRefreshToken(presented);
    const record = parsed ? await this.refreshTokens.findById(parsed.id) : undefined;
    if (!parsed || !record || !sameHash(record.tokenHash, sha256Hex(parsed.secret))) {
      throw refreshTokenInvalid();
    }
    if (record.usedAt || record.revokedAt) {
      // A rotated token came back: someone holds a copy. End the whole session family.
      await this.refreshTokens.revokeFamily(record.familyId);
      if (record.usedAt) {
        await this.store.append(refreshTokenReusedEvent(record.userId, context));
      }
      throw record.revokedAt && !record.usedAt ? refreshTokenInvalid() : refreshTokenReused();
    }
    if (record.expiresAt.getTime() <= Date.now()) {
      throw refreshTokenInvalid();
    }
    const user = await this.users.findById(record.userId);
    if (!user || user.disabled) {
      await this.refreshTokens.revokeFamily(record.familyId);
      throw refreshTokenInvalid();
    }
    const refresh = this.newRefreshToken(user.id, record.familyId);
    if (!(await this.refreshTokens.rotate(record.id, refresh.record))) {
      await this.refreshTokens.revokeFamily(record.familyId);
      await this.store.append(refreshTokenReusedEvent(record.userId, context));
      throw refreshTokenReused();
    }
    return this.session(user, refresh);
  }

  /**
   * The signed-in user changes their own password. A wrong current password counts as a failed
   * sign-in (same limiter, same lockout). Every session of the user ends, this one included, and
   * this caller gets a new one, so only the other devices have to sign in again.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, context: CallContext): Promise<Session> {
    if (principal.kind !== 'user') {
      throw notAUser();
    }
    const emailKey = principal.name.trim().toLowerCase();
    const ip = context.ip ?? 'unknown';
    const attempt = await this.limiter.begin(emailKey, ip);
    const found = await this.users.findByEmailWithHash(emailKey);
    const passwordMatches = await this.hasher.verify(found?.passwordHash, currentPassword);
    if (!found || found.user.id !== principal.id || !passwordMatches || found.user.disabled) {
      await this.limiter.failed(attempt);
      throw wrongPassword();
    }
    await this.limiter.succeeded(attempt, emailKey, ip);
    const validAfter = await this.users.setPasswordHash(found.user.id, await this.hasher.hash(newPassword));
    if (!validAfter) {
      throw unauthenticated('The account no longer exists');
    }
    await this.refreshTokens.revokeAllForUser(found.user.id);
    this.principals.forgetUser(found.user.id);
    await this.store.append(userPasswordChanged(found.user.id, context));
    const refresh = this.newRefreshToken(found.user.id, randomUUID());
    await this.refreshTokens.insert(refresh.record);
    return this.session(found.user, refresh, validAfter.getTime());
  }

  async logout(presented: string | undefined): Promise<void> {
    const parsed = parseRefreshToken(presented);
    const record = parsed ? await this.refreshTokens.findById(parsed.id) : undefined;
    if (parsed && record && sameHash(record.tokenHash, sha256Hex(parsed.secret))) {
      await this.refreshTokens.revokeFamily(record.familyId);
    }
  }

  private newRefreshToken(userId: string, familyId: string) {
    const id = randomUUID();
    const secret = randomToken();
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    return { value: `${id}.${secret}`, record: { id, userId, familyId, tokenHash: sha256Hex(secret), expiresAt } };
  }

  /** `notBeforeMs`: the token must count after a password change stamped by the database's clock. */
  private async session(user: User, refresh: { value: string; record: { expiresAt: Date } }, notBeforeMs = 0): Promise<Session> {
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access', iatMs: Math.max(Date.now(), notBeforeMs) };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return {
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user,
      refreshToken: refresh.value,
      refreshExpiresAt: refresh.record.expiresAt,
    };
  }
}

function parseRefreshToken(value: string | undefined): { id: string; secret: string } | undefined {
  const match = value ? /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,200})$/.exec(value) : null;
  return match ? { id: match[1], secret: match[2] } : undefined;
}
