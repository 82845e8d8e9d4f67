import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { queryRows } from '@mcp-fleet/api/shared/database';
import type { Actor, DesiredState } from '@mcp-fleet/shared/contracts';

/** An operation as it is recorded: a single command, a bulk operation, or an undo. */
export interface OperationHeader {
  id: string;
  /** The server's place in the request (recorded with the item). */
  position?: number;
  kind: 'command' | 'bulk' | 'undo';
  command: string;
  actor: Actor;
  correlationId: string | null;
}

/** One server an operation changed: its desired state before and after. */
export interface OperationItem {
  serverId: string;
  desiredBefore: DesiredState;
  desiredAfter: DesiredState;
}

/** A later change of a server's desired state, by another operation. */
export interface LaterChange {
  operationId: string;
  command: string;
  actorName: string;
  createdAt: string;
  desiredAfter: DesiredState;
}

export type UndoClaim = { claimed: true } | { claimed: false; reason: 'not_found' | 'already_undone'; undoneBy?: string | null };

/**
 * The undo records of lifecycle operations: per server each operation changed, the desired
 * state before and after it, written in the very statement that changes the desired state.
 */
@Injectable()
export class OperationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Sets the server's desired state and records it under the operation, in one statement: there
   * is never a change without its record, or a record without its change. A server recorded
   * twice under one operation keeps its first "before".
   */
  async wantRecorded(operation: OperationHeader, serverId: string, desired: DesiredState): Promise<void> {
    await queryRows(
      this.dataSource,
      `WITH op AS (
         INSERT INTO lifecycle_operations (id, kind, command, actor_kind, actor_id, actor_name, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING
       ), item AS (
         INSERT INTO lifecycle_operation_items (operation_id, server_id, position, desired_before, desired_after)
         SELECT $1, s.id, $10, s.desired_state, $9 FROM mcp_servers s WHERE s.id = $8
         ON CONFLICT (operation_id, server_id) DO NOTHING
       )
       UPDATE mcp_servers SET desired_state = $9 WHERE id = $8 AND desired_state <> $9`,
      [
        operation.id,
        operation.kind,
        operation.command,
        operation.actor.kind,
        operation.actor.id,
        operation.actor.name,
        operation.correlationId,
        serverId,
        desired,
        operation.position ?? 0,
      ],
    );
  }

  /**
   * Marks the operation undone by `undo` (and records the undo itself) if it exists, is younger
   * than `windowDays` and was not undone yet: one transaction, the row locked, so two undos of
   * one operation never both run.
   */
  claimUndo(operationId: string, undo: OperationHeader, windowDays: number): Promise<UndoClaim> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<{ undoneBy: string | null; undone: boolean }>(
        manager,
        `SELECT undone_by AS "undoneBy", undone_at IS NOT NULL AS undone FROM lifecycle_operations
         WHERE id = $1 AND created_at > now() - make_interval(days => $2::int) FOR UPDATE`,
        [operationId, windowDays],
      );
      if (!row) {
        return { claimed: false, reason: 'not_found' };
      }
      if (row.undone) {
        return { claimed: false, reason: 'already_undone', undoneBy: row.undoneBy };
      }
      await queryRows(manager, `UPDATE lifecycle_operations SET undone_at = now(), undone_by = $2 WHERE id = $1`, [operationId, undo.id]);
      await queryRows(
        manager,
        `INSERT INTO lifecycle_operations (id, kind, command, actor_kind, actor_id, actor_name, correlation_id, undoes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [undo.id, undo.kind, undo.command, undo.actor.kind, undo.actor.id, undo.actor.name, undo.correlationId, operationId],
      );
      return { claimed: true } as const;
    });
  }

  /** Gives an undo's claim back (the undo failed before it could run). */
  async releaseUndo(operationId: string, undoId: string): Promise<void> {
    await queryRows(
      this.dataSource,
      `UPDATE lifecycle_operations SET undone_at = NULL, undone_by = NULL WHERE id = $1 AND undone_by = $2`,
      [operationId, undoId],
    );
  }

  /** The servers the operation changed, in the order of its request. */
  itemsOf(operationId: string): Promise<OperationItem[]> {
    return queryRows<OperationItem>(
      this.dataSource,
      `SELECT server_id AS "serverId", desired_before AS "desiredBefore", desired_after AS "desiredAfter"
       FROM lifecycle_operation_items WHERE operation_id = $1 ORDER BY position, seq`,
      [operationId],
    );
  }

  /**
   * What the operation left the server at, and the latest change of its desired state by a later
   * operation (one that changed it; a command that left it as it was does not count).
   */
  async sinceOperation(
    operationId: string,
    serverId: string,
  ): Promise<{ desiredAfter: DesiredState; later: LaterChange | null } | undefined> {
    const [row] = await queryRows<{ desiredAfter: DesiredState; later: LaterChange | null }>(
      this.dataSource,
      `SELECT i.desired_after AS "desiredAfter",
         (SELECT json_build_object('operationId', o.id, 'command', o.command, 'actorName', o.actor_name,
                                   'createdAt', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'desiredAfter', l.desired_after)
          FROM lifecycle_operation_items l JOIN lifecycle_operations o ON o.id = l.operation_id
          WHERE l.server_id = i.server_id AND l.seq > i.seq AND l.desired_before <> l.desired_after
          ORDER BY l.seq DESC LIMIT 1) AS later
       FROM lifecycle_operation_items i WHERE i.operation_id = $1 AND i.server_id = $2`,
      [operationId, serverId],
    );
    return row;
  }

  /** Removes up to `limit` operations (with their items) recorded before `cutoff`; returns how many. */
  async deleteOlderThan(cutoff: Date, limit: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `DELETE FROM lifecycle_operations WHERE id IN (
         SELECT id FROM lifecycle_operations WHERE created_at < $1 ORDER BY created_at LIMIT $2
       ) RETURNING id`,
      [cutoff, limit],
    );
    return rows.length;
  }
}
