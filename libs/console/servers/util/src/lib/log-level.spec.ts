import { filterLogLines, logLevelRank, type LogOrigin, logOrigin, logTone } from './log-level';

type Line = LogOrigin & { id: number; text: string };

const lines: Line[] = [
  { id: 1, text: 'Starting server', stream: 'stderr', level: null },
  { id: 2, text: 'hello on stdout', stream: 'stdout', level: null },
  { id: 3, text: 'debug detail', stream: 'mcp', level: 'debug' },
  { id: 4, text: 'disk almost full', stream: 'mcp', level: 'warning' },
  { id: 5, text: 'database down', stream: 'mcp', level: 'critical' },
];
const ids = (items: readonly Line[]) => items.map((line) => line.id);

describe('logOrigin', () => {
  it('reads stream and level, defaulting to stderr without a level', () => {
    expect(logOrigin({ stream: 'mcp', level: 'error' })).toEqual({ stream: 'mcp', level: 'error' });
    expect(logOrigin({})).toEqual({ stream: 'stderr', level: null });
    expect(logOrigin({ stream: 'pipe', level: 'loud' })).toEqual({ stream: 'stderr', level: null });
  });
});

describe('logLevelRank', () => {
  it('orders levels least severe first', () => {
    expect(logLevelRank('debug')).toBe(0);
    expect(logLevelRank('warning')).toBeLessThan(logLevelRank('error'));
    expect(logLevelRank('emergency')).toBe(7);
    expect(logLevelRank(null)).toBe(-1);
  });
});

describe('logTone', () => {
  it('marks warnings, errors and above, and stdout noise as a warning', () => {
    expect(logTone({ stream: 'mcp', level: 'info' })).toBeNull();
    expect(logTone({ stream: 'mcp', level: 'notice' })).toBeNull();
    expect(logTone({ stream: 'mcp', level: 'warning' })).toBe('warning');
    expect(logTone({ stream: 'mcp', level: 'error' })).toBe('error');
    expect(logTone({ stream: 'mcp', level: 'alert' })).toBe('error');
    expect(logTone({ stream: 'stderr', level: null })).toBeNull();
    expect(logTone({ stream: 'stdout', level: null })).toBe('warning');
  });
});

describe('filterLogLines', () => {
  const all = { query: '', streams: [], minLevel: null };

  it('keeps everything with no filter', () => {
    expect(filterLogLines(lines, all)).toBe(lines);
  });

  it('filters by stream', () => {
    expect(ids(filterLogLines(lines, { ...all, streams: ['mcp'] }))).toEqual([3, 4, 5]);
    expect(ids(filterLogLines(lines, { ...all, streams: ['stderr', 'stdout'] }))).toEqual([1, 2]);
  });

  it('hides levelled lines below the minimum, keeping lines without a level', () => {
    expect(ids(filterLogLines(lines, { ...all, minLevel: 'warning' }))).toEqual([1, 2, 4, 5]);
    expect(ids(filterLogLines(lines, { ...all, streams: ['mcp'], minLevel: 'error' }))).toEqual([5]);
  });

  it('combines with the text filter', () => {
    expect(ids(filterLogLines(lines, { query: 'DOWN', streams: [], minLevel: 'debug' }))).toEqual([5]);
  });
});
