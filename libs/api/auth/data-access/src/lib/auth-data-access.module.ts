import { Module } from '@nestjs/common';

import { ApiTokensRepository } from './api-tokens.repository';
import { LoginFailuresRepository } from './login-failures.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UsersRepository } from './users.repository';

const REPOSITORIES = [UsersRepository, RefreshTokensRepository, ApiTokensRepository, LoginFailuresRepository];

@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class AuthDataAccessModule {}
