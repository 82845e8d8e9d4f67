import { appendCapped, clipLine, filterLines, type LogLine, unseenLiveLines } from './log-buffer';

function line(id: number, text: string, timestamp = '2026-01-01T00:00:00.000Z', runId = 'r1'): LogLine {
  return { id, runId, timestamp, stream: 'stderr', level: null, text, shown: text };
}

describe('appendCapped', () => {
  it('appends and keeps the newest lines up to the cap', () => {
    expect(appendCapped([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendCapped([1], [2], 4)).toEqual([1, 2]);
  });

  it('drops a batch larger than the cap down to its newest lines', () => {
    expect(appendCapped([], [1, 2, 3, 4, 5, 6], 3)).toEqual([4, 5, 6]);
  });
});

describe('filterLines', () => {
  const lines = [line(1, 'Server started'), line(2, 'ERROR: boom'), line(3, 'error again')];

  it('matches case-insensitively', () => {
    expect(filterLines(lines, 'error').map((item) => item.id)).toEqual([2, 3]);
  });

  it('keeps everything for a blank query', () => {
    expect(filterLines(lines, '  ')).toBe(lines);
  });
});

describe('unseenLiveLines', () => {
  it('drops live lines the page already holds and keeps the rest in order', () => {
    const page = [line(1, 'a', 't1'), line(2, 'b', 't2')];
    const live = [line(10, 'b', 't2'), line(11, 'c', 't3'), line(12, 'd', 't4')];
    expect(unseenLiveLines(page, live).map((item) => item.text)).toEqual(['c', 'd']);
  });

  it('uses each page line once, so a repeated line still shows', () => {
    const page = [line(1, 'tick', 't1')];
    const live = [line(10, 'tick', 't1'), line(11, 'tick', 't1')];
    expect(unseenLiveLines(page, live).map((item) => item.id)).toEqual([11]);
  });

  it('keeps lines of another run', () => {
    const page = [line(1, 'a', 't1', 'r1')];
    expect(unseenLiveLines(page, [line(2, 'a', 't1', 'r2')])).toHaveLength(1);
  });
});

describe('clipLine', () => {
  it('keeps short lines and clips long ones, saying how much is left out', () => {
    expect(clipLine('short', 10)).toBe('short');
    expect(clipLine('x'.repeat(12_345), 10)).toBe(`${'x'.repeat(10)} … (12,335 more characters)`);
  });
});
