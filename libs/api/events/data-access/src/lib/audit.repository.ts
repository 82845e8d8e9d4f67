import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { storableJson } from '@mcp-fleet/api/shared/security';
import type { ActorKind, AuditEntry, AuditResult } from '@mcp-fleet/shared/contracts';

import { inInputOrder } from './events.repository';
import type { NewAuditEntry, Stamped } from './new-records';
import { poolOf } from './pg-pool';
import { actorCondition, prefixPattern, SqlWhere } from './sql-where';

export const AUDIT_WRITE_LOCK = 7_262_002;

const COLUMNS = `seq, id, occurred_at AS "timestamp", actor_kind AS "actorKind", actor_id AS "actorId",
  actor_name AS "actorName", action, target_type AS "targetType", target_id AS "targetId",
  target_name AS "targetName", ip, user_agent AS "userAgent", result, status_code AS "statusCode",
  error_code AS "errorCode", correlation_id AS "correlationId", via, instance_id AS "instanceId",
  duration_ms AS "durationMs"`;

interface AuditRow {
  seq: string;
  id: string;
  timestamp: Date;
  actorKind: ActorKind;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  ip: string | null;
  userAgent: string | null;
  result: AuditResult;
  statusCode: number | null;
  errorCode: string | null;
  correlationId: string | null;
  via: 'rest' | 'socket' | 'mcp';
  instanceId: string;
  durationMs: number | null;
}

export interface AuditFilter {
  actor?: string;
  /** An exact action, or a prefix ending in `*`. */
  action?: string;
  targetId?: string;
  /** Only entries whose target is one of these servers (a server-scoped reader). */
  serverIds?: readonly string[];
  result?: AuditResult;
  from?: Date;
  to?: Date;
  correlationId?: string;
}

/** One row as the table takes it: every text cut to its column and made storable. */
function auditRow({ id, timestamp, instanceId, record }: Stamped<NewAuditEntry>, n: number) {
  return {
    n,
    id,
    occurred_at: timestamp,
    actor_kind: record.actor.kind,
    actor_id: record.actor.id,
    actor_name: record.actor.name.slice(0, 254),
    action: record.action.slice(0, 100),
    target_type: record.target?.type.slice(0, 50) ?? null,
    target_id: record.target?.id?.slice(0, 100) ?? null,
    target_name: record.target?.name?.slice(0, 254) ?? null,
    ip: record.ip?.slice(0, 64) ?? null,
    user_agent: record.userAgent?.slice(0, 512) ?? null,
    result: record.result,
    status_code: record.statusCode,
    error_code: record.errorCode?.slice(0, 50) ?? null,
    correlation_id: record.correlationId?.slice(0, 128) ?? null,
    via: record.via,
    instance_id: instanceId.slice(0, 100),
    duration_ms: record.durationMs ?? null,
  };
}

/**
 * What is left of an entry the database refused even after it was made storable: who, what,
 * how it ended and when, with the caller-supplied texts (target, address, user agent) replaced
 * by their printable ASCII. An audit row is never dropped for the shape of its fields.
 */
export function salvagedAuditEntry(entry: Stamped<NewAuditEntry>): Stamped<NewAuditEntry> {
  const { record } = entry;
  const ascii = (text: string | null | undefined) => (text === null || text === undefined ? null : text.replace(/[^\x20-\x7e]/g, '?'));
  return {
    ...entry,
    record: {
      ...record,
      actor: { ...record.actor, name: ascii(record.actor.name) ?? '' },
      action: ascii(record.action) ?? '',
      target: record.target && {
        type: ascii(record.target.type) ?? '',
        id: ascii(record.target.id),
        name: ascii(record.target.name),
      },
      ip: ascii(record.ip),
      userAgent: ascii(record.userAgent),
      errorCode: ascii(record.errorCode),
      correlationId: ascii(record.correlationId),
    },
  };
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertBatch(batch: Stamped<NewAuditEntry>[]): Promise<AuditEntry[]> {
    const records = storableJson(batch.map(auditRow));
    const client = await poolOf(this.dataSource).connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_WRITE_LOCK]);
      const result = await client.query<AuditRow>(
        `INSERT INTO audit_log (id, occurred_at, actor_kind, actor_id, actor_name, action, target_type, target_id,
           target_name, ip, user_agent, result, status_code, error_code, correlation_id, via, instance_id, duration_ms)
         SELECT id, occurred_at, actor_kind, actor_id, actor_name, action, target_type, target_id, target_name, ip,
           user_agent, result, status_code, error_code, correlation_id, via, instance_id, duration_ms
         FROM jsonb_to_recordset($1::jsonb) AS r(n int, id uuid, occurred_at timestamptz, actor_kind text,
           actor_id uuid, actor_name text, action text, target_type text, target_id text, target_name text, ip text,
           user_agent text, result text, status_code smallint, error_code text, correlation_id text, via text,
           instance_id text, duration_ms int)
         ORDER BY n
         RETURNING ${COLUMNS}`,
        [records],
      );
      await client.query('COMMIT');
      return inInputOrder(batch, result.rows.map(toAuditEntry));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async page(filter: AuditFilter, limit: number, offset: number, beforeSeq?: number): Promise<{ items: AuditEntry[]; total: number }> {
    const where = whereFor(filter);
    const totalSql = `SELECT count(*)::int AS total FROM audit_log ${where.sql}`;
    const totalParams = [...where.params];
    if (beforeSeq !== undefined) {
      where.and(`seq < ${where.param(beforeSeq)}`);
    }
    const pool = poolOf(this.dataSource);
    const [rows, total] = await Promise.all([
      pool.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ${where.sql} ORDER BY seq DESC LIMIT ${where.param(limit)} OFFSET ${where.param(offset)}`,
        where.params,
      ),
      pool.query<{ total: number }>(totalSql, totalParams),
    ]);
    return { items: rows.rows.map(toAuditEntry), total: total.rows[0].total };
  }

  async lastSeq(): Promise<number> {
    const result = await poolOf(this.dataSource).query<{ seq: string | null }>('SELECT max(seq) AS seq FROM audit_log');
    return Number(result.rows[0].seq ?? 0);
  }

  /** Every matching entry up to `upToSeq`, oldest first, in keyset chunks (an export: memory stays flat). */
  async *stream(filter: AuditFilter, upToSeq: number, chunkSize = 1000): AsyncGenerator<AuditEntry[]> {
    let afterSeq = 0;
    for (;;) {
      const where = whereFor(filter);
      where.and(`seq > ${where.param(afterSeq)}`).and(`seq <= ${where.param(upToSeq)}`);
      const rows = await poolOf(this.dataSource).query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log ${where.sql} ORDER BY seq ASC LIMIT ${where.param(chunkSize)}`,
        where.params,
      );
      const last = rows.rows.at(-1);
      if (!last) {
        return;
      }
      yield rows.rows.map(toAuditEntry);
      if (rows.rows.length < chunkSize) {
        return;
      }
      afterSeq = Number(last.seq);
    }
  }

  async deleteOlderThan(cutoff: Date, batchSize: number): Promise<number> {
    const result = await poolOf(this.dataSource).query(
      `DELETE FROM audit_log WHERE seq IN (
         SELECT seq FROM audit_log WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2)`,
      [cutoff, batchSize],
    );
    return result.rowCount ?? 0;
  }
}

function whereFor(filter: AuditFilter): SqlWhere {
  const where = new SqlWhere();
  if (filter.actor) {
    where.and(actorCondition(where, filter.actor));
  }
  if (filter.action) {
    where.and(
      filter.action.endsWith('*') ? `action LIKE ${where.param(prefixPattern(filter.action))}` : `action = ${where.param(filter.action)}`,
    );
  }
  if (filter.targetId) {
    where.and(`target_id = ${where.param(filter.targetId)}`);
  }
  if (filter.serverIds) {
    where.and(`target_type = 'server' AND target_id = ANY(${where.param(filter.serverIds)}::text[])`);
  }
  if (filter.result) {
    where.and(`result = ${where.param(filter.result)}`);
  }
  if (filter.from) {
    where.and(`occurred_at >= ${where.param(filter.from)}`);
  }
  if (filter.to) {
    where.and(`occurred_at < ${where.param(filter.to)}`);
  }
  if (filter.correlationId) {
    where.and(`correlation_id = ${where.param(filter.correlationId)}`);
  }
  return where;
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    timestamp: new Date(row.timestamp).toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    action: row.action,
    target: row.targetType ? { type: row.targetType, id: row.targetId, name: row.targetName } : null,
    ip: row.ip,
    userAgent: row.userAgent,
    result: row.result,
    statusCode: row.statusCode,
    errorCode: row.errorCode,
    correlationId: row.correlationId,
    via: row.via,
    durationMs: row.durationMs,
    instanceId: row.instanceId,
  };
}
