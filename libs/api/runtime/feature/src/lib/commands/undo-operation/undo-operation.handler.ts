import { randomUUID } from 'node:crypto';

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  type DesiredState,
  type Principal,
  principalMayUse,
  UNDO_WINDOW_DAYS,
  type UndoOperationResponse,
} from '@mcp-fleet/shared/contracts';

import type { OperationTag } from '../../domain/operation-tag';
import { type OperationItem, OperationsRepository } from '../../operations/operations.repository';
import { OwnerRouter } from '../../ownership/owner-router';
import type { BulkItemOutcome } from '../bulk-operation/bulk-runner';
import { BulkRunner } from '../bulk-operation/bulk-runner';
import { UndoOperationCommand } from './undo-operation.command';

/** The command that brings a server back to a desired state, from any state that can have left it. */
const BACK_TO = { running: 'start', stopped: 'stop', maintenance: 'enterMaintenance' } as const satisfies Record<DesiredState, string>;

/** Undoing an operation that changed several servers is a bulk operation, with its permission. */
function refuseBulkWithoutPermission(items: readonly OperationItem[], principal: UndoOperationCommand['principal']): void {
  const servers = new Set(items.map((item) => item.serverId));
  if (servers.size > 1 && !principal.permissions.includes('mcp:bulk_operations')) {
    throw new DomainError('FORBIDDEN', `Undoing an operation on ${servers.size} servers is a bulk operation: missing mcp:bulk_operations`, {
      required: ['mcp:manage_servers', 'mcp:bulk_operations'],
      missing: ['mcp:bulk_operations'],
    });
  }
}

/**
 * Puts every server an operation changed back to its desired state before it, as a new bulk
 * operation (per-item results, progress, each item on the replica that runs its server, and
 * itself undoable). The operation is claimed first, in one transaction, so it is undone once;
 * each item is checked under its server's lock, and a server changed since is a conflict.
 */
@CommandHandler(UndoOperationCommand)
export class UndoOperationHandler implements ICommandHandler<UndoOperationCommand> {
  constructor(
    private readonly operations: OperationsRepository,
    private readonly router: OwnerRouter,
    private readonly runner: BulkRunner,
  ) {}

  async execute({ operationId, context, principal }: UndoOperationCommand): Promise<UndoOperationResponse> {
    // Read before the claim, so a refused caller leaves the operation to someone who may undo it.
    const items = await this.operations.itemsOf(operationId);
    refuseBulkWithoutPermission(items, principal);
    const undo: OperationTag = { id: randomUUID(), kind: 'undo', command: 'undo', reverts: operationId };
    const claim = await this.operations.claimUndo(
      operationId,
      { id: undo.id, kind: undo.kind, command: undo.command, actor: context.actor, correlationId: context.correlationId },
      UNDO_WINDOW_DAYS,
    );
    if (!claim.claimed && claim.reason === 'not_found') {
      throw new DomainError(
        'OPERATION_NOT_FOUND',
        `No operation ${operationId} to undo: unknown, older than ${UNDO_WINDOW_DAYS} days, or it changed no server`,
        { operationId },
      );
    }
    if (!claim.claimed) {
      throw new DomainError('OPERATION_ALREADY_UNDONE', `Operation ${operationId} was undone already`, {
        operationId,
        undoneBy: claim.undoneBy ?? null,
      });
    }
    try {
      const response = await this.runner.run(
        undo.id,
        'undo',
        items.map((item, position) => ({
          serverId: item.serverId,
          run: () => this.revert(item, { ...undo, position }, context, principal.serverIds),
        })),
        context,
        { undoneOperationId: operationId },
      );
      return {
        ...response,
        operation: 'undo',
        undoneOperationId: operationId,
        conflicts: response.results.filter((result) => result.code === 'UNDO_CONFLICT').length,
      };
    } catch (error) {
      await this.operations.releaseUndo(operationId, undo.id);
      throw error;
    }
  }

  private async revert(
    item: OperationItem,
    undo: OperationTag,
    context: UndoOperationCommand['context'],
    scope: Principal['serverIds'],
  ): Promise<BulkItemOutcome> {
    if (!principalMayUse({ serverIds: scope }, item.serverId)) {
      throw serverNotFound(item.serverId);
    }
    if (item.desiredBefore === item.desiredAfter) {
      return { success: true, message: `Nothing to undo: the operation left the desired state ${item.desiredBefore}` };
    }
    const outcome = await this.router.run(BACK_TO[item.desiredBefore], item.serverId, { context, operation: undo });
    return { success: outcome.success, message: outcome.message, state: outcome.server.state, code: outcome.errorCode };
  }
}
