import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { allEvents, createUser, failLogin, qs, registerServer, seqs, touchServer, USER_PASSWORD } from './events-helpers';

const CSV_HEADER = [
  'seq',
  'timestamp',
  'type',
  'severity',
  'category',
  'serverId',
  'serverName',
  'message',
  'actorKind',
  'actorId',
  'actorName',
  'correlationId',
  'instanceId',
  'id',
  'data',
];

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    throw new Error(`The CSV does not end with CRLF: ${JSON.stringify(text.slice(-80))}`);
  }
  return rows;
}

/** Rows as objects keyed by the header. */
function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(text);
  return { header, records: rows.map((row) => Object.fromEntries(header.map((name, n) => [name, row[n]]))) };
}

function ndjsonLines(text: string): FleetEvent[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FleetEvent);
}

describe('GET /api/mcp/events/export', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_IP: '1000' });
  let server: McpServer;
  let viewerToken: string;

  beforeAll(async () => {
    server = await registerServer(api, 'exported', { command: 'node', args: ['a, "quoted" arg.js'] });
    await touchServer(api, server.id, 'has, commas and "quotes"\nand a second line');
    // Email addresses may start with =, + or -: a sign-in puts them at the start of the message
    // and of the actor name, where a spreadsheet would read them as a formula.
    for (const email of ['=cmd@example.com', '+sum@example.com', '-neg@example.com']) {
      await createUser(api, email, 'viewer');
    }
    viewerToken = await api.login('=cmd@example.com', USER_PASSWORD);
    await failLogin(api, 'a=b@example.com');
    await failLogin(api, '@sum(1+1)');
    await registerServer(api, 'exported-later');
  });

  it('exports CSV: a header row and one row per event, oldest first, as an attachment', async () => {
    const expected = await allEvents(api);

    const response = await api.get<string>('/api/mcp/events/export?format=csv');
    const { header, records } = csvRecords(response.body);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv\b/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mcp-fleet-events-[^"]+Z\.csv"$/);
    expect(header).toEqual(CSV_HEADER);
    expect(records.map((r) => Number(r['seq']))).toEqual(seqs(expected));
    const touched = expected.find((e) => e.serverId === server.id && e.type === 'server.updated') as FleetEvent;
    const row = records.find((r) => r['id'] === touched.id) as Record<string, string>;
    expect(row).toMatchObject({
      type: 'server.updated',
      severity: 'info',
      category: 'config',
      serverId: server.id,
      serverName: 'exported',
      message: touched.message,
      actorKind: 'user',
      actorId: touched.actor.id,
      actorName: 'admin@example.com',
      correlationId: touched.correlationId,
      timestamp: touched.timestamp,
    });
    expect(JSON.parse(row['data'])).toEqual(touched.data);
  });

  it('exports only the events matching the filters', async () => {
    const expected = await allEvents(api, { serverId: server.id });

    const response = await api.get<string>(`/api/mcp/events/export${qs({ format: 'csv', serverId: server.id })}`);
    const { records } = csvRecords(response.body);

    expect(expected).toHaveLength(2);
    expect(records.map((r) => Number(r['seq']))).toEqual(seqs(expected));
  });

  it('neutralises cells a spreadsheet would run as a formula, and leaves other cells alone', async () => {
    const response = await api.get<string>(`/api/mcp/events/export${qs({ format: 'csv', category: 'security' })}`);
    const { records } = csvRecords(response.body);
    const messages = records.map((r) => r['message']);
    const actorNames = records.map((r) => r['actorName']);

    expect(messages).toEqual(
      expect.arrayContaining([
        "'=cmd@example.com signed in",
        "'+sum@example.com signed in",
        "'-neg@example.com signed in",
        'Failed sign-in for a=b@example.com',
        'Failed sign-in for @sum(1+1)',
        'User =cmd@example.com created as viewer',
      ]),
    );
    expect(actorNames).toEqual(expect.arrayContaining(["'=cmd@example.com", "'+sum@example.com", "'-neg@example.com"]));
    const formulaCells = records.flatMap((r) => Object.values(r)).filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(formulaCells).toEqual([]);
  });

  it('exports NDJSON: one JSON object per line, the same events as the history for the same filters', async () => {
    const filters = [{}, { serverId: server.id }, { type: 'auth.*' }, { category: 'security', search: 'sign' }];
    for (const filter of filters) {
      const expected = await allEvents(api, filter);

      const response = await api.get<string>(`/api/mcp/events/export${qs({ ...filter, format: 'ndjson' })}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson\b/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mcp-fleet-events-[^"]+Z\.ndjson"$/);
      expect(expected.length).toBeGreaterThan(0);
      expect(ndjsonLines(response.body)).toEqual(expected);
    }
  });

  it('leaves security events out of a viewer export, as in the history', async () => {
    const asAdmin = ndjsonLines((await api.get<string>('/api/mcp/events/export?format=ndjson')).body);
    const asViewer = ndjsonLines((await api.as(viewerToken).get<string>('/api/mcp/events/export?format=ndjson')).body);

    expect(asAdmin.some((e) => e.category === 'security')).toBe(true);
    expect(asViewer.filter((e) => e.category === 'security' || e.category === 'audit')).toEqual([]);
    expect(asViewer).toEqual(asAdmin.filter((e) => e.category !== 'security' && e.category !== 'audit'));
    expect(asViewer).toEqual(await allEvents(api.as(viewerToken)));
  });

  it.each([
    ['an unknown format', { format: 'xml' }, 'format'],
    ['an unknown category', { format: 'csv', category: 'gossip' }, 'category'],
    ['to before from', { format: 'csv', from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' }, 'to'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_, params, field) => {
    const response = await api.get<ApiError>(`/api/mcp/events/export${qs(params)}`);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  it('answers 401 UNAUTHENTICATED to anonymous callers', async () => {
    const response = await api.anonymous.get<ApiError>('/api/mcp/events/export?format=csv');

    expect([response.status, response.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
