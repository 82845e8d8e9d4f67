import { DomainError } from '@mcp-fleet/api/shared/errors';

import { CommandsInFlight } from './commands-in-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, details: error.details } : error;
  }
  return undefined;
};

describe('CommandsInFlight', () => {
  it('lets the same command join the one in flight: one run, one outcome for every caller', async () => {
    const inFlight = new CommandsInFlight<string>();
    const gate = deferred<string>();
    let runs = 0;
    const task = () => {
      runs += 1;
      return gate.promise;
    };
    const callers = Array.from({ length: 50 }, () => inFlight.admit('s1', 'start', 'c1', task));
    gate.resolve('started');

    expect(await Promise.all(callers)).toEqual(Array(50).fill('started'));
    expect(runs).toBe(1);
  });

  it('refuses another command at once with COMMAND_IN_PROGRESS naming the one in the way', () => {
    const inFlight = new CommandsInFlight<string>();
    void inFlight.admit('s1', 'start', 'corr-1', () => deferred<string>().promise);

    const refused = refusal(() => inFlight.admit('s1', 'restart', 'corr-2', () => Promise.resolve('no')));

    expect(refused).toEqual({
      code: 'COMMAND_IN_PROGRESS',
      details: { serverId: 's1', commandId: inFlight.current('s1')?.id, command: 'start', correlationId: 'corr-1' },
    });
  });

  it('lets one stop wait behind the running command, joins later stops to it, and refuses the rest meanwhile', async () => {
    const inFlight = new CommandsInFlight<string>();
    const start = deferred<string>();
    const order: string[] = [];
    const started = inFlight.admit('s1', 'start', null, () => start.promise.then((v) => (order.push(v), v)));
    const stops = [1, 2, 3].map(() => inFlight.admit('s1', 'stop', null, () => (order.push('stop'), Promise.resolve('stopped'))));

    expect(refusal(() => inFlight.admit('s1', 'start', null, () => Promise.resolve('again')))).toMatchObject({
      code: 'COMMAND_IN_PROGRESS',
      details: { command: 'stop' },
    });
    start.resolve('start');
    expect(await started).toBe('start');
    expect(await Promise.all(stops)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(order).toEqual(['start', 'stop']);
  });

  it('frees the server when the command ends, failed or not, and keeps servers apart', async () => {
    const inFlight = new CommandsInFlight<string>();
    await expect(inFlight.admit('s1', 'start', null, () => Promise.reject(new Error('spawn failed')))).rejects.toThrow('spawn failed');
    void inFlight.admit('s2', 'start', null, () => deferred<string>().promise);

    expect(inFlight.current('s1')).toBeUndefined();
    await expect(inFlight.admit('s1', 'restart', null, () => Promise.resolve('restarted'))).resolves.toBe('restarted');
    expect(inFlight.current('s2')).toMatchObject({ command: 'start' });
  });
});
