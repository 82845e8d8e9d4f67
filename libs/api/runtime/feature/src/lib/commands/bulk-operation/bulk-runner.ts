import { Injectable, Logger } from '@nestjs/common';

import { EventStore, LiveFeed } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  type BulkItemResult,
  type BulkOperation,
  type BulkOperationProgress,
  type BulkOperationResponse,
  EVENT_TYPES,
  type ServerState,
} from '@mcp-fleet/shared/contracts';

/** What one item of a bulk operation did (a DomainError it throws becomes a failed item with its code). */
export interface BulkItemOutcome {
  success: boolean;
  message: string;
  state?: ServerState;
  code?: string;
}

/** A bulk operation's answer; an undo's names its operation `undo`. */
export type BulkRunResponse<Operation extends BulkOperation | 'undo'> = Omit<BulkOperationResponse, 'operation'> & { operation: Operation };

/** One server of a bulk operation and how to run it. */
export interface BulkItem {
  serverId: string;
  run: () => Promise<BulkItemOutcome>;
}

/**
 * Runs the items of one bulk operation, a few at a time (`BULK_CONCURRENCY`), with a result per
 * server in the order given: one failure never fails the batch. Progress goes out live as
 * `bulk_operation_progress`; the summary is one `bulk.completed` event in the store. Bulk
 * operations and undos share it.
 */
@Injectable()
export class BulkRunner {
  private readonly logger = new Logger(BulkRunner.name);

  constructor(
    private readonly store: EventStore,
    private readonly live: LiveFeed,
    private readonly config: AppConfig,
  ) {}

  async run<Operation extends BulkOperation | 'undo'>(
    operationId: string,
    operation: Operation,
    items: BulkItem[],
    context: CallContext,
    summary: { undoneOperationId?: string } = {},
  ): Promise<BulkRunResponse<Operation>> {
    const begun = performance.now();
    const results: BulkItemResult[] = new Array<BulkItemResult>(items.length);
    const progress: BulkOperationProgress = { operationId, operation, total: items.length, completed: 0, succeeded: 0, failed: 0 };
    this.live.publish({ channel: 'bulk_operation_progress', payload: { ...progress } });
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        const item = await this.one(operation, items[index], context);
        results[index] = item;
        progress.completed += 1;
        progress[item.success ? 'succeeded' : 'failed'] += 1;
        this.live.publish({ channel: 'bulk_operation_progress', payload: { ...progress, serverId: item.serverId, success: item.success } });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.bulkConcurrency, items.length) }, worker));
    const response: BulkRunResponse<Operation> = {
      operationId,
      operation,
      total: items.length,
      succeeded: progress.succeeded,
      failed: progress.failed,
      executionTimeMs: Math.round(performance.now() - begun),
      results,
    };
    await this.store.append({
      type: EVENT_TYPES.bulkCompleted,
      severity: progress.failed > 0 ? 'warning' : 'info',
      message: `Bulk ${operation} of ${items.length} servers: ${progress.succeeded} succeeded, ${progress.failed} failed`,
      data: {
        operationId,
        operation,
        ...summary,
        total: items.length,
        succeeded: progress.succeeded,
        failed: progress.failed,
        failures: results.filter((r) => !r.success),
      },
      correlationId: context.correlationId,
      actor: context.actor,
    });
    return response;
  }

  private async one(operation: string, item: BulkItem, context: CallContext): Promise<BulkItemResult> {
    const { serverId } = item;
    const begun = performance.now();
    const elapsed = () => Math.round(performance.now() - begun);
    try {
      const outcome = await item.run();
      const result: BulkItemResult = { serverId, success: outcome.success, message: outcome.message, executionTimeMs: elapsed() };
      if (outcome.state) {
        result.state = outcome.state;
      }
      if (outcome.code) {
        result.code = outcome.code;
      }
      return result;
    } catch (error) {
      if (error instanceof DomainError) {
        return { serverId, success: false, code: error.code, message: error.message, executionTimeMs: elapsed() };
      }
      this.logger.error({ err: error, serverId, operation, correlationId: context.correlationId }, 'A bulk item failed unexpectedly');
      return { serverId, success: false, code: 'INTERNAL_ERROR', message: 'Unexpected error; see the API log', executionTimeMs: elapsed() };
    }
  }
}
