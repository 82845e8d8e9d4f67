import { Injectable } from '@nestjs/common';

import { RefreshTokensRepository, USER_EMAIL_UNIQUE_INDEX, UsersRepository } from '@mcp-fleet/api/auth/data-access';
import { EventStore } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import type { CreateUserRequest, UpdateUserRequest, User } from '@mcp-fleet/shared/contracts';

import { emailTaken, lastAdmin, userNotFound } from '../domain/auth-errors';
import { userCreated, userPasswordReset, userUpdated } from '../domain/auth-event-records';
import { PasswordHasher } from './password-hasher.service';
import { PrincipalResolver } from './principal-resolver.service';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly principals: PrincipalResolver,
    private readonly store: EventStore,
  ) {}

  list(): Promise<User[]> {
    return this.users.list();
  }

  async create(request: CreateUserRequest, context: CallContext): Promise<User> {
    const passwordHash = await this.hasher.hash(request.password);
    let user: User;
    try {
      user = await this.users.insert({
        email: request.email.trim(),
        displayName: request.displayName?.trim() ?? '',
        role: request.role,
        passwordHash,
      });
    } catch (error) {
      if (isUniqueViolation(error, USER_EMAIL_UNIQUE_INDEX)) {
        throw emailTaken(request.email);
      }
      throw error;
    }
    await this.store.append(userCreated(user, context));
    return user;
  }

  /** Role and disabled changes never leave the system without an active admin. */
  async update(id: string, changes: UpdateUserRequest, context: CallContext): Promise<User> {
    const losesAdmin = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
    const { before, after } = await this.users.transaction(async (manager) => {
      // Only a change that can take admin rights away needs the admins' rows locked.
      const admins = losesAdmin ? await this.users.lockActiveAdminIds(manager) : [];
      const current = await this.users.findById(id, manager);
      if (!current) {
        throw userNotFound(id);
      }
      if (losesAdmin && admins.includes(id) && admins.length === 1) {
        throw lastAdmin();
      }
      return { before: current, after: (await this.users.update(id, changes, manager)) ?? current };
    });
    if (changes.disabled === true) {
      await this.refreshTokens.revokeAllForUser(id);
    }
    this.principals.forgetUser(id);
    await this.store.append(userUpdated(before, after, changes, context));
    return after;
  }

  /** Sets a new password and signs the user out everywhere. */
  async resetPassword(id: string, password: string, context: CallContext): Promise<void> {
    if (!(await this.users.setPasswordHash(id, await this.hasher.hash(password)))) {
      throw userNotFound(id);
    }
    await this.refreshTokens.revokeAllForUser(id);
    this.principals.forgetUser(id);
    await this.store.append(userPasswordReset(id, context));
  }
}
