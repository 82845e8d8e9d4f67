import type { FleetEvent } from '@mcp-fleet/shared/contracts';

import { csvCell, csvHeader, csvRow, renderExport } from './event-export';

const event: FleetEvent = {
  seq: 7,
  id: '3f1c2a4e-0000-4000-8000-000000000001',
  timestamp: '2026-11-25T00:00:00.000Z',
  type: 'server.updated',
  severity: 'info',
  category: 'config',
  serverId: null,
  serverName: 'alpha',
  message: '=HYPERLINK("http://evil.example","click")',
  data: { changed: ['name'] },
  correlationId: 'abc',
  actor: { kind: 'user', id: null, name: '+admin@example.com' },
  instanceId: 'node-1',
};

describe('CSV export', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
  ])('neutralises formula triggers: %j becomes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
  });

  it('renders a row whose cells line up with the header, the formula defused', () => {
    const header = csvHeader().trimEnd().split(',');
    const row = csvRow(event);
    expect(row.endsWith('\r\n')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(row).toContain("'+admin@example.com");
    expect(header[0]).toBe('seq');
    expect(row.startsWith('7,2026-11-25T00:00:00.000Z,server.updated,info,config,,alpha,')).toBe(true);
  });

  it('streams a header then one line per event, and NDJSON as one object per line', async () => {
    function* chunks(): Generator<FleetEvent[]> {
      yield [event];
      yield [{ ...event, seq: 8 }];
    }
    const csv: string[] = [];
    for await (const part of renderExport('csv', chunks())) {
      csv.push(part);
    }
    expect(csv).toHaveLength(3);
    const ndjson: string[] = [];
    for await (const part of renderExport('ndjson', chunks())) {
      ndjson.push(part);
    }
    expect(
      ndjson
        .join('')
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as FleetEvent).seq),
    ).toEqual([7, 8]);
  });
});
