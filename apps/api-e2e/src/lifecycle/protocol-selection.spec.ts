import { randomUUID } from 'node:crypto';

import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CommandResult, McpServer, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { command, commandOk, getServer, registerFixture, serverEvents, startOk, usePidJanitor } from '../support/mcp-runtime';

/**
 * Older stdio servers meet the 2026-07-28 `server/discover` probe badly: some never answer an
 * unknown method, some exit on any request before `initialize`, some print a banner on stdout.
 * The official SDK clients and Claude Desktop run all of them; so must the fleet.
 */
describe('protocol selection: older stdio servers start', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  /** A unique extra argument (the fixtures ignore it): whatever is left is killed after the file. */
  const marker = (label: string) => janitor.trackMarker(`--e2e-marker=${label}-${randomUUID()}`);

  /** The lines of the server's latest run, once a line matching `until` is stored. */
  async function logLines(serverId: string, until: RegExp): Promise<ServerLogPage['items']> {
    return eventually(async () => {
      const page = await api.get<ServerLogPage>(`/api/mcp/servers/${serverId}/logs?limit=200`);
      return page.body.items.some((item) => until.test(item.line)) ? page.body.items : undefined;
    }, `a log line matching ${until}`);
  }

  async function echo(server: McpServer, text: string): Promise<unknown> {
    const response = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text } });
    expect(response.status).toBe(200);
    return response.body.result['content'];
  }

  async function restart(server: McpServer): Promise<CommandResult> {
    await commandOk(api, server.id, 'stop');
    return startOk(api, server.id);
  }

  it('starts a legacy server that never answers the probe, well within its startup timeout', async () => {
    const server = await registerFixture(
      api,
      `silent-legacy-${randomUUID().slice(0, 8)}`,
      'legacy-server.mjs',
      ['silent', marker('silent')],
      {
        startupTimeoutMs: 15_000,
        retryAttempts: 0,
      },
    );

    const result = await command(api, server.id, 'start');

    expect(result.body).toMatchObject({ success: true, state: 'running' });
    expect((await serverEvents(api, server.id, 'server.started'))[0].data).toMatchObject({ protocolVersion: '2025-06-18' });
    expect(await echo(server, 'hello from the past')).toEqual([{ type: 'text', text: 'hello from the past' }]);
    await commandOk(api, server.id, 'stop');
  });

  it('starts a legacy server that exits on the probe, on a fresh process, and remembers it', async () => {
    const server = await registerFixture(
      api,
      `strict-legacy-${randomUUID().slice(0, 8)}`,
      'legacy-server.mjs',
      ['strict', marker('strict')],
      {
        retryAttempts: 0,
      },
    );

    const first = await command(api, server.id, 'start');

    expect(first.body).toMatchObject({ success: true, state: 'running' });
    expect(await echo(server, 'one')).toEqual([{ type: 'text', text: 'one' }]);
    // The probe's casualty told its story on stderr, in this run's log.
    expect((await logLines(server.id, /protocol violation/)).some((l) => /server\/discover before initialize/.test(l.line))).toBe(true);

    // The next start knows: no probe, so no violation in its log.
    await restart(server);
    const second = await logLines(server.id, /fixture legacy-server strict/);
    expect(second.some((l) => /protocol violation/.test(l.line))).toBe(false);
    expect(await echo(server, 'two')).toEqual([{ type: 'text', text: 'two' }]);

    // A new version of the server is probed again (it may speak 2026-07-28 now): the start on
    // the remembered verdict sees the new version and forgets it, the one after probes.
    const current = await getServer(api, server.id);
    const patched = await api.patch(`/api/mcp/servers/${server.id}`, {
      version: current.version,
      config: { env: { FIXTURE_VERSION: '1.0.0' } },
    });
    expect(patched.status).toBe(200);
    await restart(server);
    await logLines(server.id, /fixture legacy-server strict/);
    await restart(server);
    expect((await logLines(server.id, /protocol violation/)).length).toBeGreaterThan(0);
    await commandOk(api, server.id, 'stop');
  });

  it('pins a server to an era: legacy skips the probe, 2026-07-28 speaks it', async () => {
    const strict = await registerFixture(
      api,
      `pinned-legacy-${randomUUID().slice(0, 8)}`,
      'legacy-server.mjs',
      ['strict', marker('pinned')],
      {
        protocol: 'legacy',
        retryAttempts: 0,
      },
    );
    const modern = await registerFixture(api, `pinned-modern-${randomUUID().slice(0, 8)}`, 'v2-server.mjs', [marker('modern')], {
      protocol: '2026-07-28',
      retryAttempts: 0,
    });
    const modernAsLegacy = await registerFixture(
      api,
      `modern-as-legacy-${randomUUID().slice(0, 8)}`,
      'v2-server.mjs',
      [marker('as-legacy')],
      {
        protocol: 'legacy',
        retryAttempts: 0,
      },
    );

    await startOk(api, strict.id);
    await startOk(api, modern.id);
    await startOk(api, modernAsLegacy.id);

    const log = await logLines(strict.id, /fixture legacy-server strict/);
    expect(log.some((l) => /protocol violation/.test(l.line))).toBe(false);
    expect((await getServer(api, strict.id)).config.protocol).toBe('legacy');
    expect((await serverEvents(api, modern.id, 'server.started'))[0].data).toMatchObject({ protocolVersion: '2026-07-28' });
    expect((await serverEvents(api, modernAsLegacy.id, 'server.started'))[0].data).toMatchObject({ protocolVersion: '2025-11-25' });
    for (const server of [strict, modern, modernAsLegacy]) {
      await commandOk(api, server.id, 'stop');
    }
  });

  it('refuses an unknown protocol with a 400 naming the field', async () => {
    const response = await api.post<{ code: string; details: unknown }>('/api/mcp/servers', {
      name: `bad-protocol-${randomUUID().slice(0, 8)}`,
      transport: 'stdio',
      config: { command: process.execPath, args: ['x.mjs'], protocol: '2024-01-01' },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.body.details)).toContain('protocol');
  });

  it('keeps a banner on stdout as a warning in the log and serves on', async () => {
    const server = await registerFixture(
      api,
      `banner-${randomUUID().slice(0, 8)}`,
      'legacy-server.mjs',
      ['silent', 'banner', marker('banner')],
      {
        retryAttempts: 0,
      },
    );

    await startOk(api, server.id);
    expect(await echo(server, 'after the banner')).toEqual([{ type: 'text', text: 'after the banner' }]);

    const lines = await logLines(server.id, /client connected/);
    const banner = lines.find((l) => /this banner is not JSON/.test(l.line));
    expect(banner).toMatchObject({ stream: 'stdout', level: 'warning' });
    expect(lines.find((l) => /client connected/.test(l.line))).toMatchObject({ stream: 'stdout', level: 'warning' });
    expect((await getServer(api, server.id)).state).toBe('running');
    await commandOk(api, server.id, 'stop');
  });
});
