import { seriesSummary } from './series-summary';
import { configPairs, PROTOCOL_OPTIONS, protocolSetting, SECRET_MASK } from './server-config';

describe('configPairs', () => {
  it('masks secrets and sorts by name', () => {
    expect(configPairs({ TOKEN: { secret: true }, API_URL: 'https://x' })).toEqual([
      { name: 'API_URL', value: 'https://x', secret: false },
      { name: 'TOKEN', value: SECRET_MASK, secret: true },
    ]);
  });

  it('never shows a secret value even when one is present', () => {
    expect(configPairs({ TOKEN: { secret: true, value: 'leak' } })[0].value).toBe(SECRET_MASK);
  });

  it('answers no rows for nothing', () => {
    expect(configPairs(undefined)).toEqual([]);
  });
});

describe('seriesSummary', () => {
  it('describes latest, minimum and maximum of the known values', () => {
    expect(seriesSummary('CPU', [1, null, 3, 2], '%')).toBe('CPU: latest 2.0%, minimum 1.0%, maximum 3.0%, over 3 points.');
    expect(seriesSummary('Memory', [12.25], 'MB')).toBe('Memory: latest 12.3 MB, minimum 12.3 MB, maximum 12.3 MB, over 1 point.');
  });

  it('says when there is no data', () => {
    expect(seriesSummary('Latency', [null, null], 'ms')).toBe('Latency: no data in this period.');
  });
});

describe('protocolSetting', () => {
  it('reads an absent setting as auto', () => {
    expect(protocolSetting(undefined)).toMatchObject({ value: 'auto', label: 'Auto' });
    expect(protocolSetting(null).value).toBe('auto');
    expect(protocolSetting('legacy').label).toBe('Legacy');
  });

  it('offers every protocol of the contract, auto first', () => {
    expect(PROTOCOL_OPTIONS.map((option) => option.value)).toEqual(['auto', '2026-07-28', 'legacy']);
  });
});
