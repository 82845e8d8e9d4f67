import type { McpServer, ServerFailure } from '@mcp-fleet/shared/contracts';

import { nameList } from './name-list';
import { describeFailure, failureSummary, startRecord } from './server-failure';

const EXITED: ServerFailure = {
  kind: 'start',
  reason: 'EXITED',
  message: 'The process exited with code 7 before the handshake',
  exitCode: 7,
  signal: null,
  lastStderr: ['loading config', '', 'fatal: no API key'],
  at: '2026-12-03T10:00:00.000Z',
  failedStarts: 3,
};

function server(state: McpServer['state'], lastFailure: ServerFailure | null, lastStartedAt: string | null = null) {
  return { state, lastFailure, metrics: { lastStartedAt } as McpServer['metrics'] };
}

describe('describeFailure', () => {
  it('is null for a server that never failed', () => {
    expect(describeFailure(server('stopped', null))).toBeNull();
  });

  it('names the reason with its exit code, the last stderr line and the failed starts of a server in error', () => {
    const view = describeFailure(server('error', EXITED));

    expect(view).toEqual({
      current: true,
      title: 'Failed to start',
      cause: 'EXITED 7',
      exit: 'exit code 7',
      message: EXITED.message,
      stderr: ['loading config', 'fatal: no API key'],
      lastLine: 'fatal: no API key',
      attempts: '3 failed starts in a row',
      at: EXITED.at,
    });
  });

  it('names a signal when there is no exit code, and a bare reason when there is neither', () => {
    const killed = describeFailure(server('error', { ...EXITED, kind: 'run', exitCode: null, signal: 'SIGKILL', failedStarts: 0 }));
    expect([killed?.title, killed?.cause, killed?.exit, killed?.attempts]).toEqual(['Crashed', 'EXITED SIGKILL', 'signal SIGKILL', null]);

    const timeout = describeFailure(server('error', { ...EXITED, reason: 'STARTUP_TIMEOUT', exitCode: null, lastStderr: [] }));
    expect([timeout?.cause, timeout?.exit, timeout?.lastLine]).toEqual(['STARTUP_TIMEOUT', null, null]);

    const once = describeFailure(server('error', { ...EXITED, kind: 'unhealthy', reason: 'TIMEOUT', exitCode: null, failedStarts: 1 }));
    expect([once?.title, once?.attempts]).toEqual(['Stopped: unhealthy', '1 failed start']);
  });

  it('is a past failure once the server left error', () => {
    expect(describeFailure(server('running', { ...EXITED, failedStarts: 0 }))?.current).toBe(false);
  });
});

describe('failureSummary', () => {
  it('puts the cause, the time and the failed starts of a current failure on one line', () => {
    const view = describeFailure(server('error', EXITED));
    expect(view && failureSummary(view, '2 min ago')).toBe('EXITED 7 · 2 min ago · 3 failed starts in a row');
  });

  it('says a past failure quietly', () => {
    const view = describeFailure(server('running', { ...EXITED, failedStarts: 0 }));
    expect(view && failureSummary(view, '2 hr. ago')).toBe('Last failure 2 hr. ago: EXITED 7');
  });
});

describe('startRecord', () => {
  it('tells a server that never started from one whose starts failed', () => {
    expect(startRecord(server('stopped', null))).toBe('Never started');
    expect(startRecord(server('error', EXITED))).toBe('Failed to start 3 times');
    expect(startRecord(server('error', { ...EXITED, failedStarts: 1 }))).toBe('Failed to start once');
    expect(startRecord(server('error', EXITED, '2026-12-01T00:00:00.000Z'))).toBe('Failed to start 3 times');
  });

  it('is null when the last start worked: the caller shows its time', () => {
    expect(startRecord(server('running', { ...EXITED, failedStarts: 0 }, '2026-12-03T11:00:00.000Z'))).toBeNull();
    expect(startRecord(server('stopped', null, '2026-12-03T11:00:00.000Z'))).toBeNull();
  });
});

describe('nameList', () => {
  it('spells out a few names, and counts the rest', () => {
    expect(nameList(['a'])).toBe('a');
    expect(nameList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
    expect(nameList(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
