import { byTraffic, errorRate, latency } from './figures';

describe('gateway figures', () => {
  it('shows the error rate with a precision that fits its size', () => {
    expect(errorRate({ requests: 0, errors: 0 })).toBe('—');
    expect(errorRate({ requests: 10, errors: 0 })).toBe('0 %');
    expect(errorRate({ requests: 1000, errors: 4 })).toBe('0.4 %');
    expect(errorRate({ requests: 100, errors: 5 })).toBe('5 %');
    expect(errorRate({ requests: 1000, errors: 55 })).toBe('5.5 %');
    expect(errorRate({ requests: 3, errors: 1 })).toBe('33 %');
  });

  it('shows latencies in ms or s, and a dash before any request', () => {
    expect(latency(null)).toBe('—');
    expect(latency(0.84)).toBe('0.8 ms');
    expect(latency(12.4)).toBe('12 ms');
    expect(latency(1450)).toBe('1.5 s');
  });

  it('orders servers by requests, then by name', () => {
    const rows = [
      { serverName: 'b', requests: 1, errors: 0 },
      { serverName: 'c', requests: 5, errors: 1 },
      { serverName: 'a', requests: 1, errors: 0 },
    ];
    expect(byTraffic(rows).map((row) => row.serverName)).toEqual(['c', 'a', 'b']);
    expect(rows[0].serverName).toBe('b');
  });
});
