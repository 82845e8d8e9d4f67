import { createHash, randomUUID } from 'node:crypto';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { IdempotencyStore } from '@mcp-fleet/api/shared/database';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { type BulkOperationResponse, principalMayUse } from '@mcp-fleet/shared/contracts';

import type { OperationTag } from '../../domain/operation-tag';
import { OwnerRouter } from '../../ownership/owner-router';
import { BulkOperationCommand } from './bulk-operation.command';
import { BulkRunner } from './bulk-runner';

/**
 * Runs one lifecycle command on many servers through the BulkRunner (a result per server, live
 * progress, one summary event). Each item runs on the replica that owns its server; a server
 * outside a scoped token's servers answers SERVER_NOT_FOUND, untouched. Safe to retry with an
 * Idempotency-Key.
 */
@CommandHandler(BulkOperationCommand)
export class BulkOperationHandler implements ICommandHandler<BulkOperationCommand> {
  constructor(
    private readonly router: OwnerRouter,
    private readonly runner: BulkRunner,
    private readonly idempotency: IdempotencyStore,
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

  private run({ operation, serverIds, context, scope }: BulkOperationCommand): Promise<BulkOperationResponse> {
    // The bulk operation's id is also the operation each server's change is recorded under (to be undone).
    const tag: OperationTag = { id: randomUUID(), kind: 'bulk', command: operation };
    return this.runner.run(
      tag.id,
      operation,
      serverIds.map((serverId, position) => ({
        serverId,
        run: async () => {
          if (!principalMayUse({ serverIds: scope }, serverId)) {
            // Outside a token's scope a server answers as one that does not exist, and is not touched.
            throw serverNotFound(serverId);
          }
          const outcome = await this.router.run(operation, serverId, { context, operation: { ...tag, position } });
          return { success: outcome.success, message: outcome.message, state: outcome.server.state, code: outcome.errorCode };
        },
      })),
      context,
    );
  }
}
