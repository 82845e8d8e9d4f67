import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';

import type { SqlClient } from '@mcp-fleet/api/runtime/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

import { FENCE_AFTER_MS } from './timing';

/** A renewal slower than the self-fence bound is of no use: by then this replica has stopped its servers. */
const STATEMENT_TIMEOUT_MS = FENCE_AFTER_MS;

/**
 * The connection heartbeats and lease renewals go through: one of their own, so a pool busy
 * with requests never delays them into a self-fence. Opened again after any failure. On the
 * embedded database (one instance, nobody to fence against) the shared pool serves instead.
 */
@Injectable()
export class CoordinationConnection implements OnModuleDestroy {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /** Undefined: use the shared pool. */
  get sql(): SqlClient | undefined {
    return this.config.databaseUrl ? { query: (sql, params) => this.query(sql, params) } : undefined;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private async query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> {
    const client = await this.connected();
    try {
      return await client.query(sql, params);
    } catch (error) {
      // A statement error with a SQLSTATE leaves the connection usable; anything else does not.
      if (typeof (error as { code?: unknown }).code !== 'string' || (error as { code: string }).code === '57014') {
        this.drop(client);
      }
      throw error;
    }
  }

  private connected(): Promise<Client> {
    if (this.client) {
      return Promise.resolve(this.client);
    }
    if (this.closed) {
      return Promise.reject(new Error('The coordination connection is closed'));
    }
    this.connecting ??= (async () => {
      const client = new Client({
        connectionString: this.config.databaseUrl,
        application_name: 'mcp-fleet-leases',
        connectionTimeoutMillis: 3000,
        statement_timeout: STATEMENT_TIMEOUT_MS,
        query_timeout: STATEMENT_TIMEOUT_MS + 1000,
      });
      client.on('error', () => this.drop(client));
      try {
        await client.connect();
      } catch (error) {
        void client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private drop(client: Client): void {
    if (this.client === client) {
      this.client = undefined;
    }
    void client.end().catch(() => undefined);
  }
}
