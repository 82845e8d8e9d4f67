import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { CommandResult, LifecycleCommand } from '@mcp-fleet/shared/contracts';

import type { Outcome } from '../supervisor/supervisor.service';

/** Runs a supervisor call and dresses its outcome as the contract's command result. */
export async function timed(command: LifecycleCommand, context: CallContext, run: () => Promise<Outcome>): Promise<CommandResult> {
  const begun = performance.now();
  const outcome = await run();
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
  };
  if (outcome.errorCode) {
    result.errorCode = outcome.errorCode;
    result.errorDetails = outcome.errorDetails;
  }
  return result;
}
