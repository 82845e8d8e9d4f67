import type { Permission, SocketChannel, SubscriptionState } from '@mcp-fleet/shared/contracts';

/** The permission each channel needs. */
export const CHANNEL_PERMISSIONS: Record<SocketChannel, Permission> = {
  new_event: 'mcp:view_events',
  server_status_change: 'mcp:view_servers',
  bulk_operation_progress: 'mcp:view_servers',
  // stderr can carry data (secrets are redacted, the rest is the server's): as for the logs API.
  server_log: 'mcp:view_events',
};

/**
 * One socket's subscriptions: per channel either every server (`all`, which includes events
 * about no server) or a set of server ids.
 */
export class Subscriptions {
  private readonly channels = new Map<SocketChannel, 'all' | Set<string>>();

  /** Without server ids: the whole channel. With: those servers added (unless already all). */
  subscribe(channels: SocketChannel[], serverIds?: string[]): void {
    for (const channel of channels) {
      const current = this.channels.get(channel);
      if (!serverIds) {
        this.channels.set(channel, 'all');
      } else if (current !== 'all') {
        this.channels.set(channel, new Set([...(current ?? []), ...serverIds]));
      }
    }
  }

  /** Without server ids: the channel is dropped. With: those servers are removed from a limited channel. */
  unsubscribe(channels: SocketChannel[], serverIds?: string[]): void {
    for (const channel of channels) {
      const current = this.channels.get(channel);
      if (!serverIds) {
        this.channels.delete(channel);
      } else if (current instanceof Set) {
        serverIds.forEach((id) => current.delete(id));
        if (current.size === 0) {
          this.channels.delete(channel);
        }
      }
    }
  }

  /** Keeps only the channels `allowed` says yes to (after a permission change). */
  retain(allowed: (channel: SocketChannel) => boolean): void {
    for (const channel of [...this.channels.keys()]) {
      if (!allowed(channel)) {
        this.channels.delete(channel);
      }
    }
  }

  wants(channel: SocketChannel, serverId: string | null): boolean {
    const current = this.channels.get(channel);
    return current === 'all' || (current !== undefined && serverId !== null && current.has(serverId));
  }

  state(): Pick<SubscriptionState, 'subscriptions'> {
    const subscriptions: SubscriptionState['subscriptions'] = {};
    for (const [channel, servers] of this.channels) {
      subscriptions[channel] = servers === 'all' ? 'all' : [...servers].sort();
    }
    return { subscriptions };
  }
}
