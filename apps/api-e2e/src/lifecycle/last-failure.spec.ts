import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { McpServer, Page } from '@mcp-fleet/shared/contracts';

import { command, commandOk, getServer, registerFixture, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

/** Why a server failed is on the server itself (overview, card, row), not only in its events. */
describe('the last failure of a server', () => {
  const api = useApi();
  const janitor = usePidJanitor();

  const listed = async (server: McpServer): Promise<McpServer | undefined> =>
    (await api.get<Page<McpServer>>(`/api/mcp/servers?search=${server.name}`)).body.items.find((item) => item.id === server.id);

  it('is null for a server that never failed', async () => {
    const server = await registerFixture(api, 'never-failed', 'v2-server.mjs');
    expect(server.lastFailure).toBeNull();
    expect((await listed(server))?.lastFailure).toBeNull();
  });

  it('records a failed start with its exit code and last stderr line, and counts failed starts in a row', async () => {
    const server = await registerFixture(api, 'fails-to-start', 'exit-immediately.mjs', ['7'], { retryAttempts: 0 });
    const first = await command(api, server.id, 'start');
    expect(first.body).toMatchObject({ success: false, errorCode: 'EXITED' });

    const failed = await getServer(api, server.id);
    expect(failed.state).toBe('error');
    expect(failed.lastFailure).toMatchObject({
      kind: 'start',
      reason: 'EXITED',
      exitCode: 7,
      signal: null,
      failedStarts: 1,
    });
    // (In protocol `auto` a probe that found the pipe closed is followed by one more try: two lines.)
    expect(failed.lastFailure?.lastStderr.at(-1)).toBe('fixture exit-immediately: exiting with code 7');
    expect(Date.parse(failed.lastFailure?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // The list row says the same, without a second request.
    expect((await listed(server))?.lastFailure).toEqual(failed.lastFailure);

    await command(api, server.id, 'start');
    expect((await getServer(api, server.id)).lastFailure).toMatchObject({ kind: 'start', failedStarts: 2 });
  });

  it('records a crash of a running server, and keeps it after a successful start, with no failed starts', async () => {
    const server = await registerFixture(api, 'crashes', 'exit-after.mjs', ['3', '5'], { retryAttempts: 0 });
    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    const crashed = await eventually(async () => {
      const current = await getServer(api, server.id);
      return current.state === 'error' ? current : undefined;
    }, 'the crash');
    expect(crashed.lastFailure).toMatchObject({ kind: 'run', reason: 'EXITED', exitCode: 5, failedStarts: 0 });
    expect(crashed.lastFailure?.lastStderr.at(-1)).toBe('fixture exit-after: exiting with code 5');

    await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    const again = await getServer(api, server.id);
    expect(again.lastFailure).toMatchObject({ kind: 'run', exitCode: 5, failedStarts: 0 });
    await command(api, server.id, 'stop');
  });
});
