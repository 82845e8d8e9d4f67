import { Injectable } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { INITIAL_HEALTH, LiveFiguresRepository, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { DesiredState, McpServer, ServerState } from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import type { OperationTag } from '../domain/operation-tag';
import { canMove, invalidTransition } from '../domain/state-machine';
import { OperationsRepository } from '../operations/operations.repository';
import { LeaseKeeper } from '../ownership/lease-keeper';
import { ownerUnavailable } from '../ownership/owner-unavailable';

export type TransitionPatch = Parameters<McpServerRepository['transition']>[3];

/**
 * The only writer of a server's state: each move is one conditional UPDATE along an edge of the
 * state machine (refused when the server is no longer in one of the expected states, or when
 * this replica's lease on it is stale: the fence) and its `server.status_changed` event. A server
 * that comes to rest, not wanted running, gives its lease up.
 */
@Injectable()
export class ServerTransitions {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly figures: LiveFiguresRepository,
    private readonly store: EventStore,
    private readonly keeper: LeaseKeeper,
    private readonly operations: OperationsRepository,
  ) {}

  async move(
    server: McpServer,
    from: readonly ServerState[],
    to: ServerState,
    reason: string | null,
    context: CallContext,
    patch: TransitionPatch = {},
  ): Promise<McpServer> {
    const offEdge = from.filter((state) => !canMove(state, to));
    if (offEdge.length > 0) {
      throw new Error(`${offEdge.join(', ')} → ${to} is not an edge of the state machine`);
    }
    if ((to === 'stopped' || to === 'maintenance') && !patch.health) {
      // A server at rest has no health verdict: the last one (healthy, or why it failed) is history.
      patch = { ...patch, health: { ...INITIAL_HEALTH, lastCheckedAt: new Date().toISOString() } };
    }
    const moved = await this.servers.transition(server.id, from, to, patch, this.keeper.fenceOf(server.id));
    if (!moved) {
      const latest = await this.servers.findById(server.id);
      if (latest && from.includes(latest.state)) {
        throw ownerUnavailable(server.id, 'another replica owns it now');
      }
      throw invalidTransition(server.id, to, latest?.state ?? server.state, from);
    }
    await this.store.append(lifecycle.statusChanged(moved, server.state, to, reason, context));
    if ((to === 'stopped' || to === 'maintenance') && moved.desiredState !== 'running') {
      await this.keeper.release(server.id);
    }
    return moved;
  }

  /** Replaces the health verdict without a move or an event (a server given up on keeps its reason). */
  async amendHealth(server: McpServer, health: McpServer['health']): Promise<void> {
    await this.figures.setHealth(server.id, health);
  }

  /**
   * The state the owner reconciles toward; returns the server as it now reads. Under an
   * operation, the desired state before is recorded with the change (so it can be undone).
   */
  async want(server: McpServer, desired: DesiredState, operation?: OperationTag, context?: CallContext): Promise<McpServer> {
    if (operation && context) {
      await this.operations.wantRecorded(
        {
          id: operation.id,
          kind: operation.kind,
          command: operation.command,
          position: operation.position,
          actor: context.actor,
          correlationId: context.correlationId,
        },
        server.id,
        desired,
      );
    } else if (server.desiredState !== desired) {
      await this.servers.setDesiredState(server.id, desired);
    }
    return { ...server, desiredState: desired };
  }
}
