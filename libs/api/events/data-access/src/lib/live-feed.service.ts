import { Injectable } from '@nestjs/common';

import type { BulkOperationProgress, ServerLogLine } from '@mcp-fleet/shared/contracts';

export type LiveMessage =
  | { channel: 'bulk_operation_progress'; payload: BulkOperationProgress }
  | { channel: 'server_log'; payload: ServerLogLine };

/**
 * Live messages that are not rows of the event store (bulk progress ticks, stderr lines): the
 * Socket.IO gateway pushes them to the sockets subscribed to their channel. Best effort by
 * design; what must survive goes through the EventStore (bulk results) or the logs table.
 * A relay (LiveRelay, with several replicas) carries what this replica publishes to the others,
 * whose sockets then hear it too.
 */
@Injectable()
export class LiveFeed {
  private readonly listeners = new Set<(message: LiveMessage) => void>();
  private relay: ((message: LiveMessage) => void) | undefined;

  publish(message: LiveMessage): void {
    this.deliver(message);
    this.relay?.(message);
  }

  /** A message another replica published: for this replica's listeners only. */
  deliver(message: LiveMessage): void {
    for (const listener of this.listeners) {
      listener(message);
    }
  }

  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  relayTo(relay: ((message: LiveMessage) => void) | undefined): void {
    this.relay = relay;
  }
}
