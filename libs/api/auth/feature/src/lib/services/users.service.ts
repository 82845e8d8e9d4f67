import { Injectable } from '@nestjs/common';

import { RefreshTokensRepository, USER_EMAIL_UNIQUE_INDEX, UsersRepository } from '@mcp-fleet/api/auth/data-access';
import { EventStore } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { isUniqueViolation } from '@mcp-fleet/api/shared/database';
import { type CreateUserRequest, type Principal, ROLE_PERMISSIONS, type UpdateUserRequest, type User } from '@mcp-fleet/shared/contracts';

import { emailTaken, lastAdmin, userNotFound } from '../domain/auth-errors';
import { userCreated, userPasswordReset, userUpdated } from '../domain/auth-event-records';
import { assertMayActOn, assertMayGrant, grantablePermissions } from '../domain/permission-grants';
import { assertUnscoped } from '../domain/server-scope';
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

  /**
   * `creator` is the principal asking over REST; the API's own work (first admin, `user:create`)
   * passes none. Nobody gives a role with permissions they do not hold.
   */
  async create(request: CreateUserRequest, context: CallContext, creator?: Principal): Promise<User> {
    assertUnscoped(creator, 'create users');
    assertMayGrant(grantablePermissions(creator, context), ROLE_PERMISSIONS[request.role]);
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

  /**
   * Role and disabled changes never leave the system without an active admin. Only a caller
   * holding everything the user holds, and everything the new role gives, may change them.
   */
  async update(id: string, changes: UpdateUserRequest, context: CallContext, caller: Principal): Promise<User> {
    if (changes.role !== undefined) {
      assertUnscoped(caller, "change a user's role");
    }
    const losesAdmin = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
    const { before, after } = await this.users.transaction(async (manager) => {
      // Only a change that can take admin rights away needs the admins' rows locked.
      const admins = losesAdmin ? await this.users.lockActiveAdminIds(manager) : [];
      // Locked, so a concurrent promotion cannot slip between the check below and the change.
      const current = await this.users.findByIdForUpdate(id, manager);
      if (!current) {
        throw userNotFound(id);
      }
      assertMayActOn(caller.permissions, current, changes.role);
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

  /** Sets a new password and signs the user out everywhere: taking the account over, so only for a caller holding all it holds. */
  async resetPassword(id: string, password: string, context: CallContext, caller: Principal): Promise<void> {
    assertUnscoped(caller, "reset a user's password");
    const passwordHash = await this.hasher.hash(password);
    await this.users.transaction(async (manager) => {
      const target = await this.users.findByIdForUpdate(id, manager);
      if (!target) {
        throw userNotFound(id);
      }
      assertMayActOn(caller.permissions, target);
      await this.users.setPasswordHash(id, passwordHash, manager);
    });
    await this.refreshTokens.revokeAllForUser(id);
    this.principals.forgetUser(id);
    await this.store.append(userPasswordReset(id, context));
  }
}
