import type { BulkOperation, LifecycleCommand } from '@mcp-fleet/shared/contracts';

/**
 * The operation a lifecycle command runs under: each server it changes is recorded with its
 * desired state before, under `id`, so the operation can be undone. Travels with a command that
 * is forwarded to the replica running the server.
 */
export interface OperationTag {
  id: string;
  kind: 'command' | 'bulk' | 'undo';
  command: LifecycleCommand | BulkOperation | 'undo';
  /** The server's place in the operation's request, so an undo answers in that order. */
  position?: number;
  /** An undo's item: refused (UNDO_CONFLICT) when a later operation changed the server since this one. */
  reverts?: string;
}
