import { createHash, randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { EventStore, LiveFeed } from '@mcp-fleet/api/events/data-access';
import { serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { IdempotencyStore } from '@mcp-fleet/api/shared/database';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  type BulkItemResult,
  type BulkOperationProgress,
  type BulkOperationResponse,
  EVENT_TYPES,
  principalMayUse,
} from '@mcp-fleet/shared/contracts';

import { OwnerRouter } from '../../ownership/owner-router';
import { BulkOperationCommand } from './bulk-operation.command';

/**
 * Runs one lifecycle command on many servers, a few at a time (`BULK_CONCURRENCY`), with a
 * result per server: one failure never fails the batch. Each item runs on the replica that owns
 * its server; a server outside a scoped token's servers answers SERVER_NOT_FOUND, untouched.
 * Progress goes out live as `bulk_operation_progress`; the summary is one event in the store.
 */
@CommandHandler(BulkOperationCommand)
export class BulkOperationHandler implements ICommandHandler<BulkOperationCommand> {
  private readonly logger = new Logger(BulkOperationHandler.name);

  constructor(
    private readonly router: OwnerRouter,
    private readonly store: EventStore,
    private readonly live: LiveFeed,
    private readonly idempotency: IdempotencyStore,
    private readonly config: AppConfig,
  ) {}

  async execute(command: BulkOperationCommand): Promise<BulkOperationResponse> {
    const { idempotencyKey, context } = command;
    if (!idempotencyKey) {
      return this.run(command);
    }
    const principal = context.actor.id ?? context.actor.name;
    const hash = createHash('sha256')
      .update(JSON.stringify([command.operation, command.serverIds]))
      .digest('hex');
    const claim = await this.idempotency.claim<BulkOperationResponse>(principal, idempotencyKey, hash);
    if (claim.state === 'done') {
      return claim.response;
    }
    if (claim.state === 'in_progress') {
      throw new DomainError(
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this Idempotency-Key is still running; retry when it has finished',
        { idempotencyKey },
        { 'retry-after': '2' },
      );
    }
    if (claim.state === 'mismatch') {
      throw new DomainError('IDEMPOTENCY_KEY_MISMATCH', 'This Idempotency-Key was used for a different request', { idempotencyKey });
    }
    try {
      const response = await this.run(command);
      await this.idempotency.complete(principal, idempotencyKey, response);
      return response;
    } catch (error) {
      await this.idempotency.release(principal, idempotencyKey);
      throw error;
    }
  }

  private async run({ operation, serverIds, context, scope }: BulkOperationCommand): Promise<BulkOperationResponse> {
    const operationId = randomUUID();
    const begun = performance.now();
    const results: BulkItemResult[] = new Array<BulkItemResult>(serverIds.length);
    const progress: BulkOperationProgress = { operationId, operation, total: serverIds.length, completed: 0, succeeded: 0, failed: 0 };
    this.live.publish({ channel: 'bulk_operation_progress', payload: { ...progress } });
    let next = 0;
    const worker = async () => {
      while (next < serverIds.length) {
        const index = next++;
        const item = await this.one(operation, serverIds[index], context, scope);
        results[index] = item;
        progress.completed += 1;
        progress[item.success ? 'succeeded' : 'failed'] += 1;
        this.live.publish({ channel: 'bulk_operation_progress', payload: { ...progress, serverId: item.serverId, success: item.success } });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.bulkConcurrency, serverIds.length) }, worker));
    const response: BulkOperationResponse = {
      operationId,
      operation,
      total: serverIds.length,
      succeeded: progress.succeeded,
      failed: progress.failed,
      executionTimeMs: Math.round(performance.now() - begun),
      results,
    };
    await this.store.append({
      type: EVENT_TYPES.bulkCompleted,
      severity: progress.failed > 0 ? 'warning' : 'info',
      message: `Bulk ${operation} of ${serverIds.length} servers: ${progress.succeeded} succeeded, ${progress.failed} failed`,
      data: {
        operationId,
        operation,
        total: serverIds.length,
        succeeded: progress.succeeded,
        failed: progress.failed,
        failures: results.filter((r) => !r.success),
      },
      correlationId: context.correlationId,
      actor: context.actor,
    });
    return response;
  }

  private async one(
    operation: BulkOperationCommand['operation'],
    serverId: string,
    context: BulkOperationCommand['context'],
    scope: BulkOperationCommand['scope'],
  ): Promise<BulkItemResult> {
    const begun = performance.now();
    const elapsed = () => Math.round(performance.now() - begun);
    try {
      if (!principalMayUse({ serverIds: scope }, serverId)) {
        // Outside a token's scope a server answers as one that does not exist, and is not touched.
        throw serverNotFound(serverId);
      }
      const outcome = await this.router.run(operation, serverId, { context });
      const result: BulkItemResult = {
        serverId,
        success: outcome.success,
        message: outcome.message,
        state: outcome.server.state,
        executionTimeMs: elapsed(),
      };
      if (outcome.errorCode) {
        result.code = outcome.errorCode;
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
