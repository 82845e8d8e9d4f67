import type { BulkOperationProgress } from '@mcp-fleet/shared/contracts';

/** How far one bulk operation has come. */
export interface BulkTally {
  total: number;
  completed: number;
  succeeded: number;
  failed: number;
}

/**
 * Picks the progress of the one bulk operation this client started out of the
 * `bulk_operation_progress` feed, which carries every caller's operations.
 *
 * The API answers the POST only when the whole batch is done, so the operation id arrives
 * after (nearly) all of its progress. Until then a message is a candidate when its operation
 * and total match what was asked; a message reporting a server that is not ours rules its
 * operation out, and the first one reporting a server of ours makes its operation the one
 * shown. Every candidate keeps its tally, so `confirm` with the id from the response settles
 * any doubt (two callers running the same command on the same servers at once).
 */
export class BulkProgressMatcher {
  private readonly serverIds: ReadonlySet<string>;
  private readonly tallies = new Map<string, BulkTally>();
  private readonly ruledOut = new Set<string>();
  /** The operation shown: a best guess until `confirm`. */
  private shown: string | null = null;
  private confirmed = false;

  constructor(
    private readonly operation: string,
    serverIds: readonly string[],
  ) {
    this.serverIds = new Set(serverIds);
  }

  get total(): number {
    return this.serverIds.size;
  }

  /** The tally to show after this message, or null when the message is not about the operation shown. */
  accept(progress: BulkOperationProgress): BulkTally | null {
    if (!this.isCandidate(progress)) {
      return null;
    }
    const previous = this.tallies.get(progress.operationId);
    // Messages of one operation can overtake each other; the counters only ever grow.
    const tally: BulkTally =
      previous && previous.completed > progress.completed
        ? previous
        : { total: progress.total, completed: progress.completed, succeeded: progress.succeeded, failed: progress.failed };
    this.tallies.set(progress.operationId, tally);
    if (this.shown === null && progress.serverId !== undefined) {
      this.shown = progress.operationId;
    }
    return this.shown === null || this.shown === progress.operationId ? tally : null;
  }

  /** The response named the operation: only its messages count from now on. */
  confirm(operationId: string): BulkTally | null {
    this.shown = operationId;
    this.confirmed = true;
    return this.tallies.get(operationId) ?? null;
  }

  private isCandidate(progress: BulkOperationProgress): boolean {
    if (this.confirmed) {
      return progress.operationId === this.shown;
    }
    if (progress.operation !== this.operation || progress.total !== this.total || this.ruledOut.has(progress.operationId)) {
      return false;
    }
    if (progress.serverId !== undefined && !this.serverIds.has(progress.serverId)) {
      this.ruledOut.add(progress.operationId);
      this.tallies.delete(progress.operationId);
      if (this.shown === progress.operationId) {
        this.shown = null;
      }
      return false;
    }
    return true;
  }
}
