import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';

export interface FailureWindow {
  count: number;
  /** The oldest failure still inside the window, when there is one. */
  oldest: Date | null;
}

/** Failed logins live in the database so every API instance enforces the same limits. */
@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an attempt as failed up front; returns its id so a success can withdraw it. */
  async record(emailKey: string, ip: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      this.dataSource,
      'INSERT INTO login_failures (email_key, ip) VALUES ($1, $2) RETURNING id',
      [emailKey, ip],
    );
    return row.id;
  }

  async withdraw(id: string): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE id = $1', [id]);
  }

  async windowForEmail(emailKey: string, since: Date): Promise<FailureWindow> {
    return this.window('email_key', emailKey, since);
  }

  async windowForIp(ip: string, since: Date): Promise<FailureWindow> {
    return this.window('ip', ip, since);
  }

  async clearForEmail(emailKey: string): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE email_key = $1', [emailKey]);
  }

  async purgeOlderThan(before: Date): Promise<void> {
    await queryRows(this.dataSource, 'DELETE FROM login_failures WHERE failed_at < $1', [before]);
  }

  private async window(column: 'email_key' | 'ip', value: string, since: Date): Promise<FailureWindow> {
    const [row] = await queryRows<{ count: string; oldest: Date | null }>(
      this.dataSource,
      `SELECT count(*) AS count, min(failed_at) AS oldest FROM login_failures WHERE ${column} = $1 AND failed_at >= $2`,
      [value, since],
    );
    return { count: Number(row.count), oldest: row.oldest };
  }
}
