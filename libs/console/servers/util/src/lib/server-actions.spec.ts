import { allowedLifecycleActions } from './server-actions';

function labels(state: Parameters<typeof allowedLifecycleActions>[0]): string[] {
  return allowedLifecycleActions(state).map((action) => action.label);
}

describe('allowedLifecycleActions', () => {
  it('follows the edges of the state machine', () => {
    expect(labels('stopped')).toEqual(['Start', 'Enter maintenance']);
    expect(labels('running')).toEqual(['Stop', 'Restart', 'Enter maintenance']);
    expect(labels('error')).toEqual(['Start', 'Enter maintenance']);
    expect(labels('maintenance')).toEqual(['Start', 'Exit maintenance']);
  });

  it('offers nothing while a transition is under way', () => {
    expect(labels('starting')).toEqual([]);
    expect(labels('stopping')).toEqual([]);
  });
});
