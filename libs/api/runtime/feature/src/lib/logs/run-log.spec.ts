import { Redactor } from '../domain/redactor';
import { MAX_LINE } from '../process/stdio-process';
import { type LogEntry, RunLog } from './run-log';
import { TokenBucket } from './token-bucket';

const SERVER = '00000000-0000-4000-8000-000000000001';
const RUN = '00000000-0000-4000-8000-0000000000a1';

function harness(
  options: {
    perSecond?: number;
    burst?: number;
    secrets?: string[];
    room?: () => boolean;
  } = {},
) {
  const kept: LogEntry[] = [];
  let dropped = 0;
  let stored = true;
  const log = new RunLog(SERVER, RUN, new Redactor(options.secrets ?? []), new TokenBucket(options.perSecond ?? 10, options.burst ?? 5), {
    emit: (entry) => {
      kept.push(entry);
      return stored;
    },
    hasRoom: options.room ?? (() => true),
    dropped: (count) => (dropped += count),
  });
  return {
    log,
    kept,
    lines: () => kept.map((entry) => entry.line),
    dropped: () => dropped,
    storeFull: (full: boolean) => (stored = !full),
  };
}

describe('RunLog', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('numbers kept lines from 1 and redacts them', () => {
    const h = harness({ secrets: ['topsecret'] });
    h.log.write('starting with topsecret');
    h.log.write('ready');
    expect(h.kept.map((e) => [e.lineNo, e.line])).toEqual([
      [1, 'starting with ***'],
      [2, 'ready'],
    ]);
    expect(h.kept[0]).toMatchObject({
      serverId: SERVER,
      runId: RUN,
      timestamp: '2026-01-01T00:00:00.000Z',
    });
  });

  it('keeps a burst, drops the flood beyond it, and writes one marker a second with the count', () => {
    const h = harness({ perSecond: 10, burst: 5 });
    for (let i = 0; i < 1000; i++) h.log.write(`line ${i}`);
    expect(h.lines()).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(h.dropped()).toBe(995);

    jest.advanceTimersByTime(1000);
    expect(h.lines().at(-1)).toBe('[mcp-fleet] 995 lines dropped (rate limit)');
    expect(h.kept.at(-1)?.lineNo).toBe(6);

    // Refilled (10/s for 1 s, capped at the burst of 5): lines are kept again.
    for (let i = 0; i < 6; i++) h.log.write(`later ${i}`);
    expect(h.lines().slice(-5)).toEqual(['later 0', 'later 1', 'later 2', 'later 3', 'later 4']);
    expect(h.dropped()).toBe(996);
  });

  it('keeps the steady rate under a sustained flood, plus one marker a second', () => {
    const h = harness({ perSecond: 100, burst: 100 });
    for (let ms = 0; ms < 5000; ms += 10) {
      for (let i = 0; i < 50; i++) h.log.write('spam'); // 5,000 lines/s
      jest.advanceTimersByTime(10);
    }
    h.log.close();
    const markers = h.lines().filter((line) => line.startsWith('[mcp-fleet]'));
    const spam = h.lines().filter((line) => line === 'spam');
    expect(spam.length).toBeGreaterThanOrEqual(500);
    expect(spam.length).toBeLessThanOrEqual(600); // burst + 5 s at 100/s
    // One a second (the first drop is at ~20 ms), the last one at close.
    expect(markers.length).toBe(5);
    const reported = markers.reduce((sum, line) => sum + Number(/(\d+) lines dropped/.exec(line)?.[1]), 0);
    expect(reported).toBe(h.dropped());
    expect(h.dropped() + spam.length).toBe(25_000);
  });

  it('reports pending drops when the run closes, and ignores writes after', () => {
    const h = harness({ perSecond: 1, burst: 1 });
    h.log.write('a');
    h.log.write('b');
    h.log.write('c');
    h.log.close();
    h.log.write('d');
    expect(h.lines()).toEqual(['a', '[mcp-fleet] 2 lines dropped (rate limit)']);
    jest.advanceTimersByTime(5000);
    expect(h.lines()).toHaveLength(2);
  });

  it('says how many lines the store had no room for, once it has room again', () => {
    let room = false;
    const h = harness({ perSecond: 100, burst: 100, room: () => room });
    h.storeFull(true);
    h.log.write('one');
    h.log.write('two');
    h.storeFull(false);
    h.log.write('three'); // no room yet: no marker
    room = true;
    h.log.write('four');
    expect(h.lines()).toEqual(['one', 'two', 'three', '[mcp-fleet] 2 lines not stored (log store backlog)', 'four']);
    expect(h.kept.map((e) => e.lineNo)).toEqual([1, 2, 3, 4, 5]);
  });

  it('caps long lines and makes them storable (no NUL, no half surrogate pair)', () => {
    const h = harness();
    h.log.write('x'.repeat(MAX_LINE * 2));
    h.log.write('nul\u0000byte half\uD83D');
    expect(h.kept[0].line).toHaveLength(MAX_LINE + 1);
    expect(h.kept[1].line).toBe('nul\uFFFDbyte half\uFFFD');
  });

  it('keeps the stream and level of each line; a line without them, and a marker, is stderr without a level', () => {
    const h = harness({ secrets: ['topsecret'] });
    h.log.write('plain stderr');
    h.log.write('tools: ready with topsecret', { stream: 'mcp', level: 'info' });
    h.log.write('not json', { stream: 'stdout', level: 'warning' });
    expect(h.kept.map((e) => [e.stream, e.level, e.line])).toEqual([
      ['stderr', null, 'plain stderr'],
      ['mcp', 'info', 'tools: ready with ***'],
      ['stdout', 'warning', 'not json'],
    ]);
  });

  it('limits the rate of every stream together: MCP log messages cannot flood past it', () => {
    const h = harness({ perSecond: 10, burst: 5 });
    for (let i = 0; i < 20; i++) h.log.write(`message ${i}`, { stream: 'mcp', level: 'debug' });
    h.log.write('a stderr line in the flood');
    h.log.close();
    expect(h.kept.filter((e) => e.stream === 'mcp')).toHaveLength(5);
    expect(h.kept.at(-1)).toMatchObject({ stream: 'stderr', level: null, line: '[mcp-fleet] 16 lines dropped (rate limit)' });
  });
});
