import { RANGE_CHOICES, rangeChoice, rangeQuery } from './metric-range';

describe('metric ranges', () => {
  it('asks for the range ending now in about 60 buckets, never finer than a minute', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');

    expect(rangeQuery('1h', now)).toEqual({ from: '2026-12-03T11:00:00.000Z', to: '2026-12-03T12:00:00.000Z', step: 60 });
    expect(rangeQuery('24h', now)).toMatchObject({ from: '2026-12-02T12:00:00.000Z', step: 1440 });
    expect(rangeQuery('7d', now)).toMatchObject({ from: '2026-11-26T12:00:00.000Z', step: 10080 });
  });

  it('words each range one way for every chart', () => {
    expect(rangeChoice('7d').heading).toBe('Last 7 days');
    expect(rangeChoice('6h').period).toBe('the last 6 hours');
    expect(RANGE_CHOICES.map((choice) => choice.label)).toEqual(['1 h', '6 h', '24 h', '7 d']);
  });
});
