import { DomainError } from '@mcp-fleet/api/shared/errors';
import { type ServerState, STATE_TRANSITIONS } from '@mcp-fleet/shared/contracts';

export function canMove(from: ServerState, to: ServerState): boolean {
  return STATE_TRANSITIONS[from].includes(to);
}

/** The states from which `to` may be entered. */
export function statesLeadingTo(to: ServerState): ServerState[] {
  return (Object.keys(STATE_TRANSITIONS) as ServerState[]).filter((from) => canMove(from, to));
}

export function invalidTransition(
  serverId: string,
  command: string,
  current: ServerState,
  allowedFrom: readonly ServerState[],
): DomainError {
  return new DomainError('INVALID_TRANSITION', `Cannot ${command.replace('_', ' ')} a server that is ${current}`, {
    serverId,
    command,
    currentState: current,
    allowedFrom,
    allowedTransitions: STATE_TRANSITIONS[current],
  });
}

/** A disabled server is never started: not by a command, a restart, a bulk operation or an undo. */
export function serverDisabled(server: { id: string; name: string }): DomainError {
  return new DomainError('SERVER_DISABLED', `${server.name} is disabled: enable it before starting it`, { serverId: server.id });
}
