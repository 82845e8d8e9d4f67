import { createSecretKey } from 'node:crypto';

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';

import { AuthDataAccessModule } from '@mcp-fleet/api/auth/data-access';
import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { CredentialVerifier } from '@mcp-fleet/api/shared/authz';
import { KeyRing } from '@mcp-fleet/api/shared/config';

import { ApiTokensController } from './controllers/api-tokens.controller';
import { AuthController } from './controllers/auth.controller';
import { UsersController } from './controllers/users.controller';
import { AccessGuard } from './guards/access.guard';
import { ApiTokensService } from './services/api-tokens.service';
import { FirstAdminBootstrap } from './services/first-admin.bootstrap';
import { LoginRateLimiter } from './services/login-rate-limiter.service';
import { PasswordHasher } from './services/password-hasher.service';
import { PrincipalResolver } from './services/principal-resolver.service';
import { SessionsService } from './services/sessions.service';
import { SocketAuthenticator } from './services/socket-authenticator.service';
import { UsersService } from './services/users.service';

/** Global: its guard protects every route, and it provides the CredentialVerifier port to other features. */
@Global()
@Module({
  imports: [
    AuthDataAccessModule,
    EventsDataAccessModule,
    JwtModule.registerAsync({
      inject: [KeyRing],
      useFactory: (keys: KeyRing) => {
        // A KeyObject made once: given a string, jsonwebtoken re-parses it (first as a public key) on every call.
        const key = createSecretKey(Buffer.from(keys.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: 'mcp-fleet', audience: 'mcp-fleet-api' },
          verifyOptions: { algorithms: ['HS256'], issuer: 'mcp-fleet', audience: 'mcp-fleet-api' },
        };
      },
    }),
  ],
  controllers: [AuthController, UsersController, ApiTokensController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    PrincipalResolver,
    PasswordHasher,
    LoginRateLimiter,
    SessionsService,
    UsersService,
    ApiTokensService,
    FirstAdminBootstrap,
    SocketAuthenticator,
    { provide: CredentialVerifier, useExisting: SocketAuthenticator },
  ],
  exports: [PrincipalResolver, SocketAuthenticator, CredentialVerifier, UsersService],
})
export class AuthFeatureModule {}
