import { randomUUID } from 'node:crypto';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { CommandResult, LifecycleCommand } from '@mcp-fleet/shared/contracts';

import type { OperationTag } from '../domain/operation-tag';
import type { Outcome } from '../supervisor/supervisor.service';

/**
 * Runs a supervisor call under a new operation (its change recorded, to be undone) and dresses
 * its outcome as the contract's command result, which names the operation.
 */
export async function timed(
  command: LifecycleCommand,
  context: CallContext,
  run: (operation: OperationTag) => Promise<Outcome>,
): Promise<CommandResult> {
  const begun = performance.now();
  const operation: OperationTag = { id: randomUUID(), kind: 'command', command };
  const outcome = await run(operation);
  const result: CommandResult = {
    success: outcome.success,
    serverId: outcome.server.id,
    serverName: outcome.server.name,
    commandType: command,
    message: outcome.message,
    state: outcome.server.state,
    executionTimeMs: Math.round(performance.now() - begun),
    timestamp: new Date().toISOString(),
    correlationId: context.correlationId,
    operationId: operation.id,
  };
  if (outcome.errorCode) {
    result.errorCode = outcome.errorCode;
    result.errorDetails = outcome.errorDetails;
  }
  return result;
}
