import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { McpServer } from '@mcp-fleet/shared/contracts';

/** What a start learnt about a server's protocol era. */
export interface LearntEra {
  era: 'legacy' | 'modern';
  /** `serverInfo.version` as the server reported it. */
  serverVersion: string | null;
  /** The era came from a probe (true) or from the remembered verdict (false). */
  probed: boolean;
}

/**
 * Legacy verdicts of `auto` servers, so the next start of the same launch skips the probe (a
 * silent legacy server costs the probe's bound at every start otherwise). A verdict holds for
 * one launch (transport, command, args, cwd, url) and one reported server version: a new
 * package version or a changed command is probed again.
 */
@Injectable()
export class ProtocolVerdictsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recall(server: McpServer): Promise<'legacy' | null> {
    const rows = await queryRows<{ era: string }>(
      this.dataSource,
      `SELECT era FROM protocol_verdicts WHERE server_id = $1 AND launch_fingerprint = $2`,
      [server.id, launchFingerprint(server)],
    );
    return rows[0]?.era === 'legacy' ? 'legacy' : null;
  }

  async learn(server: McpServer, learnt: LearntEra): Promise<void> {
    if (learnt.era === 'legacy' && learnt.probed) {
      await this.dataSource.query(
        `INSERT INTO protocol_verdicts (server_id, era, launch_fingerprint, server_version, decided_at)
         SELECT $1, 'legacy', $2, $3, now() WHERE EXISTS (SELECT 1 FROM mcp_servers WHERE id = $1)
         ON CONFLICT (server_id) DO UPDATE
           SET era = 'legacy', launch_fingerprint = EXCLUDED.launch_fingerprint,
               server_version = EXCLUDED.server_version, decided_at = now()`,
        [server.id, launchFingerprint(server), learnt.serverVersion],
      );
      return;
    }
    if (learnt.era === 'modern') {
      await this.dataSource.query(`DELETE FROM protocol_verdicts WHERE server_id = $1`, [server.id]);
      return;
    }
    // Connected on the remembered verdict: a different version is probed at the next start.
    await this.dataSource.query(`DELETE FROM protocol_verdicts WHERE server_id = $1 AND server_version IS DISTINCT FROM $2`, [
      server.id,
      learnt.serverVersion,
    ]);
  }
}

function launchFingerprint(server: McpServer): string {
  const { command, args, cwd, url } = server.config;
  return createHash('sha256')
    .update(JSON.stringify([server.transport, command ?? null, args ?? [], cwd ?? null, url ?? null]))
    .digest('hex');
}
