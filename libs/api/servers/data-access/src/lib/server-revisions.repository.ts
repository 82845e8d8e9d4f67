import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { Actor, FieldChangeRecord, RevisionAction, ServerRegistration, ServerRevision } from '@mcp-fleet/shared/contracts';

import type { SealedSecrets } from './revision-secrets';

/** A revision to record; its number is the server's next one, given by the insert. */
export interface NewRevision {
  serverId: string;
  action: RevisionAction;
  restoredFrom: number | null;
  actor: Actor;
  correlationId: string | null;
  registration: ServerRegistration;
  sealedSecrets: SealedSecrets;
  changes: FieldChangeRecord[];
}

/** A revision with the sealed texts of its secrets (never sent out: the restore uses them). */
export interface StoredRevision extends ServerRevision {
  sealedSecrets: SealedSecrets;
}

const COLUMNS = `server_id AS "serverId", revision, action, restored_from AS "restoredFrom",
  actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName", correlation_id AS "correlationId",
  created_at AS "createdAt", registration, changes, server_deleted_at AS "serverDeletedAt"`;

interface RevisionRow extends Omit<ServerRevision, 'actor' | 'createdAt' | 'serverDeletedAt'> {
  actorKind: Actor['kind'];
  actorId: string | null;
  actorName: string;
  createdAt: Date;
  serverDeletedAt: Date | null;
  sealedSecrets?: SealedSecrets;
  totalCount?: string;
}

/** The history of each server's registration: queries only, the rules live in the handlers. */
@Injectable()
export class ServerRevisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the server's next revision and returns its number. Called in the transaction that
   * changed the server, after that change: the server's row lock orders concurrent writers.
   */
  async append(revision: NewRevision, manager: EntityManager): Promise<number> {
    const [row] = await queryRows<{ revision: number }>(
      manager,
      `INSERT INTO server_revisions (server_id, revision, action, restored_from, actor_kind, actor_id, actor_name,
         correlation_id, registration, sealed_secrets, changes)
       SELECT $1, coalesce(max(revision), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10
         FROM server_revisions WHERE server_id = $1
       RETURNING revision`,
      [
        revision.serverId,
        revision.action,
        revision.restoredFrom,
        revision.actor.kind,
        revision.actor.id,
        revision.actor.name,
        revision.correlationId,
        JSON.stringify(revision.registration),
        JSON.stringify(revision.sealedSecrets),
        JSON.stringify(revision.changes),
      ],
    );
    return row.revision;
  }

  /** A page of a server's revisions, newest first. */
  async list(serverId: string, page: number, pageSize: number): Promise<{ items: ServerRevision[]; total: number }> {
    const rows = await queryRows<RevisionRow>(
      this.dataSource,
      `SELECT ${COLUMNS}, count(*) OVER () AS "totalCount" FROM server_revisions WHERE server_id = $1
        ORDER BY revision DESC LIMIT $2 OFFSET $3`,
      [serverId, pageSize, (page - 1) * pageSize],
    );
    const total = rows.length > 0 ? Number(rows[0].totalCount) : await this.count(serverId);
    return { items: rows.map(toRevision), total };
  }

  /** A revision as it may be shown (no sealed texts). */
  async find(serverId: string, revision: number): Promise<ServerRevision | undefined> {
    const rows = await queryRows<RevisionRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM server_revisions WHERE server_id = $1 AND revision = $2`,
      [serverId, revision],
    );
    return rows.length > 0 ? toRevision(rows[0]) : undefined;
  }

  /** A revision with the sealed texts of its secrets, for a restore inside `manager`'s transaction. */
  async findWithSecrets(serverId: string, revision: number, manager: EntityManager): Promise<StoredRevision | undefined> {
    const rows = await queryRows<RevisionRow>(
      manager,
      `SELECT ${COLUMNS}, sealed_secrets AS "sealedSecrets" FROM server_revisions WHERE server_id = $1 AND revision = $2`,
      [serverId, revision],
    );
    return rows.length > 0 ? { ...toRevision(rows[0]), sealedSecrets: rows[0].sealedSecrets ?? {} } : undefined;
  }

  /** The server's newest revision number; 0 when it has none (registered before revisions were kept). */
  async latestNumber(serverId: string, manager?: EntityManager): Promise<number> {
    const [{ latest }] = await queryRows<{ latest: number | null }>(
      manager ?? this.dataSource,
      `SELECT max(revision) AS latest FROM server_revisions WHERE server_id = $1`,
      [serverId],
    );
    return latest ?? 0;
  }

  async count(serverId: string): Promise<number> {
    const [{ count }] = await queryRows<{ count: string }>(
      this.dataSource,
      `SELECT count(*) AS count FROM server_revisions WHERE server_id = $1`,
      [serverId],
    );
    return Number(count);
  }

  /** The server is gone: its history stays, and its retention clock starts now. */
  async markServerDeleted(serverId: string, manager: EntityManager): Promise<void> {
    await queryRows(manager, `UPDATE server_revisions SET server_deleted_at = now() WHERE server_id = $1`, [serverId]);
  }

  /** Deletes up to `batchSize` revisions of servers deleted before `cutoff`; returns how many went. */
  async deleteOfServersDeletedBefore(cutoff: Date, batchSize: number): Promise<number> {
    const rows = await queryRows<{ serverId: string }>(
      this.dataSource,
      `DELETE FROM server_revisions WHERE (server_id, revision) IN (
         SELECT server_id, revision FROM server_revisions WHERE server_deleted_at < $1 LIMIT $2
       ) RETURNING server_id AS "serverId"`,
      [cutoff, batchSize],
    );
    return rows.length;
  }
}

function toRevision(row: RevisionRow): ServerRevision {
  return {
    serverId: row.serverId,
    revision: row.revision,
    action: row.action,
    restoredFrom: row.restoredFrom,
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    correlationId: row.correlationId,
    createdAt: new Date(row.createdAt).toISOString(),
    registration: row.registration,
    changes: row.changes,
    serverDeletedAt: row.serverDeletedAt ? new Date(row.serverDeletedAt).toISOString() : null,
  };
}
