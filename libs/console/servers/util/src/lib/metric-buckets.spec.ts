import { fillBuckets, isolatedIndexes } from './metric-buckets';

describe('fillBuckets', () => {
  it('covers the range with one bucket a step, points in their slots and gaps as null', () => {
    const points = [
      { at: '2026-01-01T10:01:30.000Z', v: 1 },
      { at: '2026-01-01T10:04:30.000Z', v: 2 },
    ];
    const result = fillBuckets(points, '2026-01-01T10:00:30.000Z', '2026-01-01T10:06:30.000Z', 60);
    expect(result.starts).toEqual([
      '2026-01-01T10:00:30.000Z',
      '2026-01-01T10:01:30.000Z',
      '2026-01-01T10:02:30.000Z',
      '2026-01-01T10:03:30.000Z',
      '2026-01-01T10:04:30.000Z',
      '2026-01-01T10:05:30.000Z',
    ]);
    expect(result.points.map((point) => point?.v ?? null)).toEqual([null, 1, null, null, 2, null]);
  });

  it('gives an hour of empty buckets when nothing was sampled', () => {
    const result = fillBuckets([], '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', 60);
    expect(result.points).toHaveLength(60);
    expect(result.points.every((point) => point === null)).toBe(true);
  });

  it('keeps the points as they are when the range makes no sense', () => {
    const points = [{ at: '2026-01-01T10:00:00.000Z' }];
    expect(fillBuckets(points, 'bad', 'worse', 60).points).toEqual(points);
  });
});

describe('isolatedIndexes', () => {
  it('finds values with no neighbours', () => {
    expect([...isolatedIndexes([1, null, 2, 3, null, null, 4])]).toEqual([0, 6]);
  });
});
