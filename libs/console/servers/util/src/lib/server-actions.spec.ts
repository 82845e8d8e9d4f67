import { COMMAND_ACCEPTED_FROM, LIFECYCLE_COMMANDS, SERVER_STATES, type ServerState } from '@mcp-fleet/shared/contracts';

import { actionBlockedBy, allowedLifecycleActions } from './server-actions';

function labels(state: ServerState): string[] {
  return allowedLifecycleActions(state).map((action) => action.label);
}

describe('allowedLifecycleActions', () => {
  it.each(SERVER_STATES)('offers, for a server that is %s, exactly the commands the API accepts', (state) => {
    const offered = allowedLifecycleActions(state).map((action) => action.command);

    expect(offered).toEqual(LIFECYCLE_COMMANDS.filter((command) => COMMAND_ACCEPTED_FROM[command].includes(state)));
  });

  it('offers Stop and Restart on a server in error, as the list does (they disagreed)', () => {
    expect(labels('error')).toEqual(['Start', 'Stop', 'Restart', 'Enter maintenance']);
    expect(labels('running')).toEqual(['Stop', 'Restart', 'Enter maintenance']);
    expect(labels('maintenance')).toEqual(['Stop', 'Exit maintenance']);
    expect(labels('starting')).toEqual(['Stop']);
    expect(labels('stopping')).toEqual([]);
  });
});

describe('actionBlockedBy', () => {
  it('blocks start and restart of a disabled server, as the API refuses them (SERVER_DISABLED)', () => {
    expect(LIFECYCLE_COMMANDS.filter((command) => actionBlockedBy(command, { enabled: false }) !== null)).toEqual(['start', 'restart']);
    expect(LIFECYCLE_COMMANDS.filter((command) => actionBlockedBy(command, { enabled: true }) !== null)).toEqual([]);
  });
});
