import { randomUUID } from 'node:crypto';

import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { LifecycleCommand } from '@mcp-fleet/shared/contracts';

interface InFlight<T> {
  id: string;
  command: LifecycleCommand;
  correlationId: string | null;
  done: Promise<T>;
}

interface Slot<T> {
  running: InFlight<T>;
  /** A stop waits behind the running command: stopping is always possible, and never queues twice. */
  stop?: InFlight<T>;
}

/**
 * Admission of lifecycle commands, per server: one runs at a time and nothing queues without
 * bound. The same command as the one in flight joins it (its caller gets the same outcome); a
 * stop waits behind whatever runs (one stop at most; later stops join it); anything else is
 * refused at once with 409 COMMAND_IN_PROGRESS naming the command in the way.
 */
export class CommandsInFlight<T> {
  private readonly slots = new Map<string, Slot<T>>();

  admit(serverId: string, command: LifecycleCommand, correlationId: string | null, task: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(serverId);
    if (!slot) {
      const running = this.entry(command, correlationId, task());
      this.slots.set(serverId, { running });
      void this.settled(serverId, running);
      return running.done;
    }
    if (slot.stop) {
      if (command === 'stop') {
        return slot.stop.done;
      }
      throw commandInProgress(serverId, slot.stop);
    }
    if (slot.running.command === command) {
      return slot.running.done;
    }
    if (command !== 'stop') {
      throw commandInProgress(serverId, slot.running);
    }
    const after = slot.running.done.then(
      () => undefined,
      () => undefined,
    );
    const stop = this.entry(command, correlationId, after.then(task));
    slot.stop = stop;
    void this.settled(serverId, stop);
    return stop.done;
  }

  /** The command in flight on a server, if any (the queued stop when there is one). */
  current(serverId: string): { id: string; command: LifecycleCommand } | undefined {
    const slot = this.slots.get(serverId);
    const entry = slot?.stop ?? slot?.running;
    return entry && { id: entry.id, command: entry.command };
  }

  private entry(command: LifecycleCommand, correlationId: string | null, done: Promise<T>): InFlight<T> {
    return { id: randomUUID(), command, correlationId, done };
  }

  private async settled(serverId: string, entry: InFlight<T>): Promise<void> {
    await entry.done.catch(() => undefined);
    const slot = this.slots.get(serverId);
    if (!slot) {
      return;
    }
    if (slot.running === entry) {
      if (slot.stop) {
        this.slots.set(serverId, { running: slot.stop });
      } else {
        this.slots.delete(serverId);
      }
    } else if (slot.stop === entry) {
      slot.stop = undefined;
    }
  }
}

function commandInProgress(serverId: string, entry: InFlight<unknown>): DomainError {
  return new DomainError(
    'COMMAND_IN_PROGRESS',
    `A ${entry.command.replace('_', ' ')} of this server is in progress; try again when it is done`,
    {
      serverId,
      commandId: entry.id,
      command: entry.command,
      correlationId: entry.correlationId,
    },
  );
}
