import { Injectable } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { LiveFiguresRepository, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { DesiredState, McpServer, ServerState } from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import { canMove, invalidTransition } from '../domain/state-machine';
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

  /** The state the owner reconciles toward; returns the server as it now reads. */
  async want(server: McpServer, desired: DesiredState): Promise<McpServer> {
    if (server.desiredState !== desired) {
      await this.servers.setDesiredState(server.id, desired);
    }
    return { ...server, desiredState: desired };
  }
}
