import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { Role, User } from '@mcp-fleet/shared/contracts';

const COLUMNS = `id, email, display_name AS "displayName", role, disabled,
  last_login_at AS "lastLoginAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

interface UserRow extends Omit<User, 'lastLoginAt' | 'createdAt' | 'updatedAt'> {
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserWithHash {
  user: User;
  passwordHash: string;
}

export const USER_EMAIL_UNIQUE_INDEX = 'uq_users_email_lower';

export interface UserChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; repository calls inside must pass its manager. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async count(): Promise<number> {
    const [{ count }] = await queryRows<{ count: string }>(this.dataSource, 'SELECT count(*) AS count FROM users');
    return Number(count);
  }

  async list(): Promise<User[]> {
    const rows = await queryRows<UserRow>(this.dataSource, `SELECT ${COLUMNS} FROM users ORDER BY lower(email) COLLATE "C"`);
    return rows.map(toUser);
  }

  async findById(id: string, manager?: EntityManager): Promise<User | undefined> {
    const rows = await queryRows<UserRow>(manager ?? this.dataSource, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows.length > 0 ? toUser(rows[0]) : undefined;
  }

  /** Reads the user and locks the row until `manager`'s transaction ends. */
  async findByIdForUpdate(id: string, manager: EntityManager): Promise<User | undefined> {
    const rows = await queryRows<UserRow>(manager, `SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0 ? toUser(rows[0]) : undefined;
  }

  async findByEmailWithHash(email: string): Promise<UserWithHash | undefined> {
    const rows = await queryRows<UserRow & { passwordHash: string }>(
      this.dataSource,
      `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    if (rows.length === 0) {
      return undefined;
    }
    const { passwordHash, ...user } = rows[0];
    return { user: toUser(user), passwordHash };
  }

  async insert(user: { email: string; displayName: string; role: Role; passwordHash: string }): Promise<User> {
    const rows = await queryRows<UserRow>(
      this.dataSource,
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [user.email, user.displayName, user.role, user.passwordHash],
    );
    return toUser(rows[0]);
  }

  async update(id: string, changes: UserChanges, manager?: EntityManager): Promise<User | undefined> {
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.displayName !== undefined) set('display_name', changes.displayName);
    if (changes.role !== undefined) set('role', changes.role);
    if (changes.disabled !== undefined) set('disabled', changes.disabled);
    const rows = await queryRows<UserRow>(
      manager ?? this.dataSource,
      `UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return rows.length > 0 ? toUser(rows[0]) : undefined;
  }

  /**
   * Sets a new password and invalidates every access token issued before now. Returns that
   * instant (by the database's clock), or undefined when the user does not exist.
   */
  async setPasswordHash(id: string, passwordHash: string, manager?: EntityManager): Promise<Date | undefined> {
    const rows = await queryRows<{ validAfter: Date }>(
      manager ?? this.dataSource,
      `UPDATE users SET password_hash = $2, sessions_valid_after = now(), updated_at = now() WHERE id = $1
       RETURNING sessions_valid_after AS "validAfter"`,
      [id, passwordHash],
    );
    return rows[0]?.validAfter;
  }

  /** The user and the instant before which their access tokens no longer count (null: none). */
  async findForAuthentication(id: string): Promise<{ user: User; sessionsValidAfter: Date | null } | undefined> {
    const rows = await queryRows<UserRow & { sessionsValidAfter: Date | null }>(
      this.dataSource,
      `SELECT ${COLUMNS}, sessions_valid_after AS "sessionsValidAfter" FROM users WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) {
      return undefined;
    }
    const { sessionsValidAfter, ...user } = rows[0];
    return { user: toUser(user), sessionsValidAfter };
  }

  async touchLastLogin(id: string): Promise<void> {
    await queryRows(this.dataSource, 'UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /** Locks the active admins' rows, so two demotions cannot both pass the last-admin check. */
  async lockActiveAdminIds(manager: EntityManager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
