import { useApi } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { command, commandOk, getServer, registerFixture, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

describe('maintenance', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let server: McpServer;

  beforeAll(async () => {
    server = await registerFixture(api, 'under-maintenance', 'v2-server.mjs');
  });

  const moves = async () =>
    (await serverEvents(api, server.id, 'server.status_changed')).map((e) => `${String(e.data['from'])}→${String(e.data['to'])}`);

  it('takes a running server down in one edge of the state machine (running → maintenance), its process gone', async () => {
    await commandOk(api, server.id, 'start');
    const pid = startedPid((await serverEvents(api, server.id, 'server.started'))[0]);
    janitor.track(pid);

    const result = await commandOk(api, server.id, 'enter_maintenance');

    expect(result).toMatchObject({ success: true, commandType: 'enter_maintenance', state: 'maintenance' });
    expect(await getServer(api, server.id)).toMatchObject({ state: 'maintenance', status: 'stopped', desiredState: 'maintenance' });
    // A server that does not run has no health verdict: its last one (healthy) is history.
    expect((await getServer(api, server.id)).health).toMatchObject({ status: 'unknown', reason: null });
    expect((await moves()).slice(-1)).toEqual(['running→maintenance']);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses a start or restart in maintenance: leaving it is an explicit action', async () => {
    for (const which of ['restart', 'start'] as const) {
      const refused = await command(api, server.id, which);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentState: 'maintenance' } });
    }
    expect(await getServer(api, server.id)).toMatchObject({ state: 'maintenance', desiredState: 'maintenance' });

    await commandOk(api, server.id, 'exit_maintenance');
    const started = await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    expect(started).toMatchObject({ success: true, state: 'running' });
    expect((await moves()).slice(-3)).toEqual(['maintenance→stopped', 'stopped→starting', 'starting→running']);
    expect((await getServer(api, server.id)).health).toMatchObject({ status: 'healthy' });
    await commandOk(api, server.id, 'stop');
    expect((await getServer(api, server.id)).health).toMatchObject({ status: 'unknown', reason: null });
  });

  it('enters maintenance from stopped and leaves it to stopped; leaving twice is refused', async () => {
    await commandOk(api, server.id, 'enter_maintenance');
    const left = await commandOk(api, server.id, 'exit_maintenance');
    const again = await command(api, server.id, 'exit_maintenance');

    expect(left).toMatchObject({ success: true, state: 'stopped' });
    expect(await getServer(api, server.id)).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
    expect((await moves()).slice(-2)).toEqual(['stopped→maintenance', 'maintenance→stopped']);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentState: 'stopped' } });
  });
});
