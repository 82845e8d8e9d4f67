import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { commandOk, getServer, registerFixture, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

/** Finding a line in a run's log, and taking the whole log away as a file. */
describe('search and download of a run log', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let server: McpServer;
  let runId: string;

  const logs = (query: string) => api.get<ServerLogPage & ApiError>(`/api/mcp/servers/${server.id}/logs${query}`);

  beforeAll(async () => {
    server = await registerFixture(api, 'logs-then-exits', 'exit-after.mjs', ['3', '5'], { retryAttempts: 0 });
    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    await eventually(async () => ((await getServer(api, server.id)).state === 'error' ? true : undefined), 'the exit');
    const page = await eventually(async () => {
      const current = await logs('');
      return current.body.items.some((item) => item.line.includes('exiting with code 5') && item.seq !== null) ? current : undefined;
    }, 'the last line stored');
    runId = page.body.runId ?? '';
  });

  it('finds the lines containing a text, case-insensitively', async () => {
    const found = await logs('?search=CODE%205');

    expect(found.status).toBe(200);
    expect(found.body.items.map((item) => item.line)).toEqual(['fixture exit-after: exiting with code 5']);
    expect((await logs('?search=exiting%20with')).body.items).toHaveLength(2);
  });

  it('takes % and _ literally, and refuses an empty or over-long search with 400', async () => {
    expect((await logs('?search=%25')).body.items).toEqual([]);
    expect((await logs('?search=exit_after')).body.items).toEqual([]);
    for (const bad of ['?search=', `?search=${'x'.repeat(201)}`]) {
      const refused = await logs(bad);
      expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('downloads the whole run as a text file, one line per entry', async () => {
    const file = await api.get<string>(`/api/mcp/servers/${server.id}/logs/download`);

    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/plain');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="logs-then-exits-${runId}.log"`);
    const lines = file.body.trimEnd().split('\n');
    expect(lines).toHaveLength((await logs('')).body.items.length);
    expect(lines.at(-1)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z stderr fixture exit-after: exiting with code 5$/);
    // The same file by its run id; an unknown server is 404.
    expect((await api.get<string>(`/api/mcp/servers/${server.id}/logs/download?runId=${runId}`)).body).toBe(file.body);
    const unknown = await api.get<ApiError>('/api/mcp/servers/00000000-0000-4000-8000-000000000000/logs/download');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
  });
});
