import type {} from '@fastify/cookie';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  Audit,
  type AuditedTarget,
  Authenticated,
  type CallContext,
  Caller,
  CurrentPrincipal,
  NotAudited,
  Public,
} from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import type { Actor, LoginResponse, Principal } from '@mcp-fleet/shared/contracts';

import { ChangePasswordDto, LoginDto } from '../dto/auth.dto';
import { type Session, SessionsService } from '../services/sessions.service';

/** The refresh cookie is scoped to the auth routes: it never travels with other requests. */
const REFRESH_COOKIE = 'mcp_fleet_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @Audit('auth.login', 'user', { target: ({ body }) => loginTarget(body), actor: ({ result }) => signedIn(result) })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in: access token in the body, refresh token in an httpOnly cookie' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS with Retry-After' })
  async login(
    @Body() body: LoginDto,
    @Caller() caller: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    return this.respond(await this.sessions.login(body.email, body.password, caller), request, reply);
  }

  @Post('refresh')
  @Public()
  @NotAudited('routine token rotation; a reused refresh token is recorded as a security event')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Rotate the refresh cookie and get a new access token' })
  async refresh(
    @Caller() caller: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    return this.respond(await this.sessions.refresh(request.cookies[REFRESH_COOKIE], caller), request, reply);
  }

  @Post('logout')
  @Audit('auth.logout', 'session')
  // The refresh cookie is the credential here (SameSite=Strict keeps other sites from
  // sending it), so a user whose access token has expired can still end the session.
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: revokes the session behind the refresh cookie' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.logout(request.cookies[REFRESH_COOKIE]);
    void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Post('password')
  @Authenticated()
  @Audit('auth.change_password', 'user', { target: ({ result }) => changedFor(result) })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change your own password: your other sessions end; this one gets a new access token and refresh cookie',
  })
  @ApiBadRequestResponse({ description: 'WRONG_PASSWORD, or VALIDATION_FAILED for a new password that breaks the rule' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS with Retry-After (wrong passwords count as failed sign-ins)' })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Caller() caller: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    return this.respond(await this.sessions.changePassword(principal, body.currentPassword, body.newPassword, caller), request, reply);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who the credentials belong to, with their permissions' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  private respond(session: Session, request: FastifyRequest, reply: FastifyReply): LoginResponse {
    void reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure === 'always' || (this.config.cookieSecure === 'auto' && request.protocol === 'https'),
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
    void reply.header('cache-control', 'no-store');
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  }
}

function loginTarget(body: unknown): AuditedTarget {
  const email = (body as Partial<LoginDto> | undefined)?.email;
  return { type: 'user', id: null, name: typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : null };
}

/** On success the user who signed in is the actor; on failure the caller stays anonymous. */
function signedIn(result: unknown): Actor | null {
  const user = (result as Partial<LoginResponse> | undefined)?.user;
  return user ? { kind: 'user', id: user.id, name: user.email } : null;
}

function changedFor(result: unknown): AuditedTarget | null {
  const user = (result as Partial<LoginResponse> | undefined)?.user;
  return user ? { type: 'user', id: user.id, name: user.email } : null;
}
