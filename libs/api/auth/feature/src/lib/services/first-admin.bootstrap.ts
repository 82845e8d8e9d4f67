import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { UsersRepository } from '@mcp-fleet/api/auth/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import type { DomainError } from '@mcp-fleet/api/shared/errors';

import { UsersService } from './users.service';

/** On an empty database, creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) {
      if ((await this.users.count()) === 0) {
        this.logger.warn('No users yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run user:create`');
      }
      return;
    }
    if ((await this.users.count()) > 0) {
      return;
    }
    try {
      await this.usersService.create(
        { email: adminEmail, role: 'admin', password: adminPassword, displayName: 'Administrator' },
        systemContext(),
      );
      this.logger.log({ email: adminEmail }, 'Created the first admin from ADMIN_EMAIL');
    } catch (error) {
      // Another replica booting at the same moment may have created it first.
      if ((error as DomainError).code !== 'EMAIL_TAKEN') {
        throw error;
      }
    }
  }
}
