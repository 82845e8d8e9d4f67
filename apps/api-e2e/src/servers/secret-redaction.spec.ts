import { eventually, type HttpResult, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CommandResult, McpServer } from '@mcp-fleet/shared/contracts';

import type { FleetSocket } from '../support/fleet-socket';
import { useSockets } from '../support/fleet-socket';
import { command, eventsWhere, registerFixture, serverEvents, sleep, startOk } from '../support/mcp-runtime';

/** Printed by the fixture in plain text and in every common encoding. */
const SECRET = 'sk-live-R3d4ct-Me/Pl3ase+0k=';

/** The forms a leak would take: a test that only looked for the plain value would miss the rest. */
function leakedForms(text: string): string[] {
  const bytes = Buffer.from(SECRET, 'utf8');
  const forms = {
    plain: SECRET,
    core: 'R3d4ct-Me',
    base64: bytes.toString('base64').slice(0, 24),
    base64url: bytes.toString('base64url').slice(0, 24),
    'base64 of export KEY="…"': Buffer.from(`export API_KEY="${SECRET}"`).toString('base64').slice(24, 48),
    'url-encoded': encodeURIComponent(SECRET),
    hex: bytes.toString('hex'),
  };
  return Object.entries(forms)
    .filter(([, form]) => text.includes(form))
    .map(([name]) => name);
}

describe('a secret a server prints never leaves the API in clear', () => {
  const api = useApi({ LOG_LEVEL: 'debug' });
  const sockets = useSockets(() => api.url);
  const seen: { where: string; text: string }[] = [];
  const keep = <T>(where: string, response: HttpResult<T>): HttpResult<T> => {
    seen.push({
      where,
      text: typeof response.body === 'string' ? response.body : JSON.stringify(response.body),
    });
    return response;
  };
  let socket: FleetSocket;
  let exits: McpServer;
  let serves: McpServer;
  let startResult: CommandResult;

  beforeAll(async () => {
    socket = await sockets.connect(await api.login('admin@example.com', 'e2e-admin-password-1'));
    socket.onAny((name: string, payload: unknown) => seen.push({ where: `socket ${name}`, text: JSON.stringify(payload) }));
    socket.emit('subscribe', {
      events: ['new_event', 'server_status_change', 'server_log', 'bulk_operation_progress'],
    });
    const env = { API_KEY: { secret: true, value: SECRET } };
    exits = await registerFixture(api, 'prints-and-exits', 'print-secrets.mjs', ['exit'], { env, retryAttempts: 0 });
    serves = await registerFixture(api, 'prints-and-serves', 'print-secrets.mjs', ['serve'], { env });
  });

  it('keeps it out of the failed start: command result, events, logs', async () => {
    startResult = keep('start result', await command(api, exits.id, 'start')).body;
    expect(startResult).toMatchObject({ success: false, errorCode: 'EXITED' });
    const failed = await serverEvents(api, exits.id, 'server.start_failed');
    // The lines are there, masked: the operator still sees what the server said.
    const lastStderr = (failed[0].data['lastStderr'] as string[]).join('\n');
    expect(lastStderr).toContain('plain API_KEY=***');
    expect(leakedForms(lastStderr)).toEqual([]);
    // The server's last failure keeps its last lines, masked too (the check of every table below sees the column).
    const server = keep('server', await api.get<McpServer>(`/api/mcp/servers/${exits.id}`)).body;
    expect(server.lastFailure?.lastStderr).toHaveLength(5);
    expect(server.lastFailure?.lastStderr.join('\n')).toContain('json {"API_KEY":"***"}');
  });

  it('keeps it out of a running server’s logs, tool results and tool errors', async () => {
    keep('start', await command(api, serves.id, 'start'));
    await startOk(api, serves.id).catch(() => undefined);
    const reveal = keep('reveal', await api.post<CallToolResponse>(`/api/mcp/servers/${serves.id}/tools/reveal/call`, { arguments: {} }));
    const failure = keep(
      'reveal_error',
      await api.post(`/api/mcp/servers/${serves.id}/tools/reveal_error/call`, {
        arguments: {},
      }),
    );
    expect(reveal.status).toBe(200);
    expect(JSON.stringify(reveal.body.result)).toContain('plain API_KEY=***');
    expect(failure.status).toBeLessThan(600);
    await eventually(async () => {
      const logs = keep('logs', await api.get<{ items: { line: string }[] }>(`/api/mcp/servers/${serves.id}/logs?limit=100`));
      return logs.body.items.some((item) => item.line.includes('hex')) ? logs : undefined;
    }, 'the stderr lines stored');
    keep('tools', await api.get(`/api/mcp/servers/${serves.id}/tools`));
    keep('log download', await api.get(`/api/mcp/servers/${serves.id}/logs/download`));
    keep('log search', await api.get(`/api/mcp/servers/${serves.id}/logs?search=API_KEY`));
    keep('stop', await command(api, serves.id, 'stop'));
  });

  it('appears in no response, event, export, socket message, audit row, API log line or table', async () => {
    await sleep(500); // the last socket messages
    keep('events', {
      status: 200,
      headers: new Headers(),
      body: await eventsWhere(api),
    });
    keep('export ndjson', await api.get('/api/mcp/events/export?format=ndjson'));
    keep('export csv', await api.get('/api/mcp/events/export?format=csv'));
    keep('audit', await api.get('/api/mcp/audit?limit=1000'));
    keep('servers', await api.get('/api/mcp/servers'));
    keep('overview', await api.get('/api/mcp/overview'));
    const tables = await api.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    for (const { name } of tables) {
      const rows = await api.sql<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      seen.push({
        where: `table ${name}`,
        text: rows.map((r) => r.row).join('\n'),
      });
    }
    seen.push({ where: 'API log', text: api.output() });

    const leaks = seen.map(({ where, text }) => ({ where, forms: leakedForms(text) })).filter(({ forms }) => forms.length > 0);
    expect(leaks).toEqual([]);
    // The checks saw the places a leak would be: the stderr lines, masked, in events and logs.
    expect(seen.filter(({ text }) => text.includes('plain API_KEY=***')).length).toBeGreaterThan(3);
    expect(seen.some(({ where }) => where.startsWith('socket'))).toBe(true);
  });
});
