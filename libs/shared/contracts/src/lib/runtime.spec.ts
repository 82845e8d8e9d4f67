import { COMMAND_ACCEPTED_FROM, commandAccepted, STATE_TRANSITIONS, statusOf } from './runtime';
import { SERVER_STATES, SERVER_STATUSES } from './server';

describe('COMMAND_ACCEPTED_FROM', () => {
  it('lets start, enter and exit maintenance follow the edges of the state machine, except a start out of maintenance', () => {
    for (const state of SERVER_STATES) {
      const startable = STATE_TRANSITIONS[state].includes('starting') && state !== 'maintenance';
      expect([state, commandAccepted('start', state)]).toEqual([state, startable]);
      expect([state, commandAccepted('enter_maintenance', state)]).toEqual([state, STATE_TRANSITIONS[state].includes('maintenance')]);
    }
    expect(COMMAND_ACCEPTED_FROM.exit_maintenance).toEqual(['maintenance']);
  });

  it('lets stop end anything but a stop under way or a server already stopped', () => {
    expect(SERVER_STATES.filter((state) => commandAccepted('stop', state))).toEqual(['starting', 'running', 'error', 'maintenance']);
  });

  it('maps every state to a coarse status (maintenance reads as stopped)', () => {
    for (const state of SERVER_STATES) {
      expect(SERVER_STATUSES).toContain(statusOf(state));
    }
    expect(statusOf('maintenance')).toBe('stopped');
  });
});
