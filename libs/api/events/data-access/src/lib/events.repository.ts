import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';

import { storableJson } from '@mcp-fleet/api/shared/security';
import {
  type ActorKind,
  EVENT_SEVERITIES,
  EVENT_VOCABULARY,
  type EventCategory,
  type EventSeverity,
  type FleetEvent,
  isKnownEventType,
} from '@mcp-fleet/shared/contracts';

import type { NewEvent, Stamped } from './new-records';
import { poolOf } from './pg-pool';
import { actorCondition, containsPattern, prefixPattern, SqlWhere } from './sql-where';

/** Held for the length of a write transaction, so seq order is commit order across writers and instances. */
export const EVENTS_WRITE_LOCK = 7_262_001;

/** NOTIFY'd with every committed batch: the wake-up of every instance's event tail. */
export const EVENTS_CHANNEL = 'mcp_events';

const COLUMNS = `seq, id, occurred_at AS "timestamp", type, severity, category, server_id AS "serverId",
  server_name AS "serverName", message, data, correlation_id AS "correlationId", actor_kind AS "actorKind",
  actor_id AS "actorId", actor_name AS "actorName", instance_id AS "instanceId"`;

interface EventRow {
  seq: string;
  id: string;
  timestamp: Date;
  type: string;
  severity: EventSeverity;
  category: EventCategory;
  serverId: string | null;
  serverName: string | null;
  message: string;
  data: Record<string, unknown>;
  correlationId: string | null;
  actorKind: ActorKind;
  actorId: string | null;
  actorName: string;
  instanceId: string;
}

export interface EventFilter {
  serverId?: string;
  /** Only events of these servers (a server-scoped reader); events about no server are left out. */
  serverIds?: readonly string[];
  /** Exact types, or prefixes ending in `*` (`auth.*`). */
  types?: string[];
  severity?: EventSeverity;
  minSeverity?: EventSeverity;
  category?: EventCategory;
  /** Categories the reader may not see. */
  excludeCategories?: readonly EventCategory[];
  from?: Date;
  to?: Date;
  search?: string;
  actor?: string;
  correlationId?: string;
}

export interface EventPageQuery {
  filter: EventFilter;
  limit: number;
  offset: number;
  afterSeq?: number;
  beforeSeq?: number;
}

@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes a batch in one transaction under the write lock; returns the rows in seq order. */
  async insertBatch(batch: Stamped<NewEvent>[]): Promise<FleetEvent[]> {
    const client = await poolOf(this.dataSource).connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [EVENTS_WRITE_LOCK]);
      const rows = await insertRows(client, batch);
      // Delivered to listeners when (and only if) the batch commits.
      await client.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
      await client.query('COMMIT');
      return inInputOrder(batch, rows.map(toFleetEvent));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async page(query: EventPageQuery): Promise<{ items: FleetEvent[]; total: number }> {
    const where = whereFor(query.filter);
    const totalSql = `SELECT count(*)::int AS total FROM events ${where.sql}`;
    const totalParams = [...where.params];
    let order = 'DESC';
    if (query.afterSeq !== undefined) {
      where.and(`seq > ${where.param(query.afterSeq)}`);
      order = 'ASC';
    } else if (query.beforeSeq !== undefined) {
      where.and(`seq < ${where.param(query.beforeSeq)}`);
    }
    const pageSql = `SELECT ${COLUMNS} FROM events ${where.sql} ORDER BY seq ${order}
      LIMIT ${where.param(query.limit)} OFFSET ${where.param(query.offset)}`;
    const pool = poolOf(this.dataSource);
    const [rows, total] = await Promise.all([
      pool.query<EventRow>(pageSql, where.params),
      pool.query<{ total: number }>(totalSql, totalParams),
    ]);
    return { items: rows.rows.map(toFleetEvent), total: total.rows[0].total };
  }

  /** How many events match: one count(*) (a time range rides the occurred_at index). */
  async count(filter: EventFilter): Promise<number> {
    const where = whereFor(filter);
    const result = await poolOf(this.dataSource).query<{ total: number }>(
      `SELECT count(*)::int AS total FROM events ${where.sql}`,
      where.params,
    );
    return result.rows[0].total;
  }

  /** Events after `afterSeq` (up to `limit`), oldest first: for replay to reconnecting sockets. */
  async after(afterSeq: number, limit: number, filter: EventFilter = {}): Promise<FleetEvent[]> {
    const where = whereFor(filter);
    where.and(`seq > ${where.param(afterSeq)}`);
    const rows = await poolOf(this.dataSource).query<EventRow>(
      `SELECT ${COLUMNS} FROM events ${where.sql} ORDER BY seq ASC LIMIT ${where.param(limit)}`,
      where.params,
    );
    return rows.rows.map(toFleetEvent);
  }

  async lastSeq(): Promise<number> {
    const result = await poolOf(this.dataSource).query<{ seq: string | null }>('SELECT max(seq) AS seq FROM events');
    return Number(result.rows[0].seq ?? 0);
  }

  /**
   * Every matching event up to `upToSeq`, oldest first, read in keyset chunks: memory stays
   * flat however many rows match, and no connection is held between chunks.
   */
  async *stream(filter: EventFilter, upToSeq: number, chunkSize = 1000): AsyncGenerator<FleetEvent[]> {
    let afterSeq = 0;
    for (;;) {
      const where = whereFor(filter);
      where.and(`seq > ${where.param(afterSeq)}`).and(`seq <= ${where.param(upToSeq)}`);
      const rows = await poolOf(this.dataSource).query<EventRow>(
        `SELECT ${COLUMNS} FROM events ${where.sql} ORDER BY seq ASC LIMIT ${where.param(chunkSize)}`,
        where.params,
      );
      if (rows.rows.length === 0) {
        return;
      }
      yield rows.rows.map(toFleetEvent);
      if (rows.rows.length < chunkSize) {
        return;
      }
      afterSeq = Number(rows.rows[rows.rows.length - 1].seq);
    }
  }

  /** Deletes up to `batchSize` events older than `cutoff`; returns how many went. */
  async deleteOlderThan(cutoff: Date, batchSize: number): Promise<number> {
    const result = await poolOf(this.dataSource).query(
      `DELETE FROM events WHERE seq IN (
         SELECT seq FROM events WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2)`,
      [cutoff, batchSize],
    );
    return result.rowCount ?? 0;
  }
}

export function inInputOrder<T extends { id: string }>(batch: { id: string }[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return batch.map(({ id }) => {
    const row = byId.get(id);
    if (!row) {
      throw new Error(`The store did not return the row ${id}`);
    }
    return row;
  });
}

async function insertRows(client: PoolClient, batch: Stamped<NewEvent>[]): Promise<EventRow[]> {
  const records = batch.map(({ id, timestamp, instanceId, record }, n) => ({
    n,
    id,
    occurred_at: timestamp,
    type: record.type,
    severity: record.severity,
    category: categoryOf(record.type),
    server_id: record.serverId ?? null,
    server_name: record.serverName ?? null,
    message: record.message,
    data: record.data ?? {},
    correlation_id: record.correlationId ?? null,
    actor_kind: record.actor.kind,
    actor_id: record.actor.id,
    actor_name: record.actor.name,
    instance_id: instanceId,
  }));
  const result = await client.query<EventRow>(
    `INSERT INTO events (id, occurred_at, type, severity, category, server_id, server_name, message, data,
       correlation_id, actor_kind, actor_id, actor_name, instance_id)
     SELECT id, occurred_at, type, severity, category, server_id, server_name, message, data,
       correlation_id, actor_kind, actor_id, actor_name, instance_id
     FROM jsonb_to_recordset($1::jsonb) AS r(n int, id uuid, occurred_at timestamptz, type text,
       severity text, category text, server_id uuid, server_name text, message text, data jsonb,
       correlation_id text, actor_kind text, actor_id uuid, actor_name text, instance_id text)
     ORDER BY n
     RETURNING ${COLUMNS}`,
    // A server's output (in messages and data) may hold NUL or half a surrogate pair.
    [storableJson(records)],
  );
  return result.rows;
}

/** The category the vocabulary gives a type; `system` for a type it does not know (a newer replica's). */
function categoryOf(type: string): EventCategory {
  return isKnownEventType(type) ? EVENT_VOCABULARY[type].category : 'system';
}

function whereFor(filter: EventFilter): SqlWhere {
  const where = new SqlWhere();
  if (filter.serverId) {
    where.and(`server_id = ${where.param(filter.serverId)}`);
  }
  if (filter.serverIds) {
    where.and(`server_id = ANY(${where.param(filter.serverIds)}::uuid[])`);
  }
  if (filter.types && filter.types.length > 0) {
    const exact = filter.types.filter((t) => !t.endsWith('*'));
    const prefixes = filter.types.filter((t) => t.endsWith('*')).map(prefixPattern);
    const parts: string[] = [];
    if (exact.length > 0) {
      parts.push(`type = ANY(${where.param(exact)}::text[])`);
    }
    if (prefixes.length > 0) {
      parts.push(`type LIKE ANY(${where.param(prefixes)}::text[])`);
    }
    where.and(`(${parts.join(' OR ')})`);
  }
  if (filter.severity) {
    where.and(`severity = ${where.param(filter.severity)}`);
  }
  if (filter.minSeverity) {
    where.and(`severity = ANY(${where.param(EVENT_SEVERITIES.slice(EVENT_SEVERITIES.indexOf(filter.minSeverity)))}::text[])`);
  }
  if (filter.category) {
    where.and(`category = ${where.param(filter.category)}`);
  }
  if (filter.excludeCategories && filter.excludeCategories.length > 0) {
    where.and(`category <> ALL(${where.param(filter.excludeCategories)}::text[])`);
  }
  if (filter.from) {
    where.and(`occurred_at >= ${where.param(filter.from)}`);
  }
  if (filter.to) {
    where.and(`occurred_at < ${where.param(filter.to)}`);
  }
  if (filter.search) {
    const pattern = where.param(containsPattern(filter.search));
    where.and(`(message ILIKE ${pattern} OR type ILIKE ${pattern} OR server_name ILIKE ${pattern})`);
  }
  if (filter.actor) {
    where.and(actorCondition(where, filter.actor));
  }
  if (filter.correlationId) {
    where.and(`correlation_id = ${where.param(filter.correlationId)}`);
  }
  return where;
}

function toFleetEvent(row: EventRow): FleetEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    timestamp: new Date(row.timestamp).toISOString(),
    type: row.type,
    severity: row.severity,
    category: row.category,
    serverId: row.serverId,
    serverName: row.serverName,
    message: row.message,
    data: row.data,
    correlationId: row.correlationId,
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    instanceId: row.instanceId,
  };
}
