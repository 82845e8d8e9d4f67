import { eventually } from '@mcp-fleet/api/shared/testing';
import type { CommandResult, FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { command, getServer, processesWithArg, registerFixture, serverEvents, sleep, startOk } from '../support/mcp-runtime';
import { useRestartableApi } from '../support/restartable-api';

/** The issues a refused start reports, from its command result or start_failed event. */
function issuesOf(details: unknown): { field: string; code: string }[] {
  return ((details as { issues?: { field: string; code: string }[] } | undefined)?.issues ?? []).map(({ field, code }) => ({
    field,
    code,
  }));
}

describe('the launch policy applies at every spawn, not only at registration', () => {
  const fleet = useRestartableApi();
  // An argument only this file's servers carry: other files running v2-server.mjs at the same time are not counted.
  const marker = `launch-policy-${process.pid}-${Date.now()}`;

  it('refuses to start servers registered before the policy was tightened, at boot and on request, and does not retry', async () => {
    const before = await fleet.boot();
    const running = await registerFixture(before, 'ran-before', 'v2-server.mjs', [marker]);
    const idle = await registerFixture(before, 'env-set-later', 'v2-server.mjs', [marker]);
    await startOk(before, running.id);
    expect(await before.kill('SIGTERM')).toBe(0);
    // A variable the policy refuses, written where no edit would have been allowed.
    await fleet.sql(`UPDATE mcp_servers SET config = jsonb_set(config, '{env}', '{"OPENSSL_CONF": "/tmp/evil.cnf"}') WHERE id = $1`, [
      idle.id,
    ]);

    const after = await fleet.boot({ STDIO_ALLOWED_COMMANDS: 'true' });
    // The reconciler tries to bring back the server that should run; the policy refuses it.
    const refused = await eventually(async () => {
      const server = await getServer(after, running.id);
      return server.state === 'error' ? server : undefined;
    }, 'the server left in error at boot');
    const startResult = (await command<CommandResult>(after, idle.id, 'start')).body;
    await sleep(2500); // longer than the first retry's backoff

    expect(refused.health.reason).toBe('STDIO_NOT_ALLOWED');
    const [bootFailure, ...moreBootFailures] = await serverEvents(after, running.id, 'server.start_failed');
    expect(moreBootFailures).toEqual([]);
    expect(bootFailure.data).toMatchObject({ reason: 'STDIO_NOT_ALLOWED' });
    expect(issuesOf(bootFailure.data)).toEqual([{ field: 'config.command', code: 'COMMAND_NOT_ALLOWED' }]);
    expect(startResult).toMatchObject({ success: false, errorCode: 'STDIO_NOT_ALLOWED', state: 'error' });
    expect(issuesOf(startResult.errorDetails)).toEqual([
      { field: 'config.command', code: 'COMMAND_NOT_ALLOWED' },
      { field: 'config.env.OPENSSL_CONF', code: 'ENV_NOT_ALLOWED' },
    ]);
    const retries: FleetEvent[] = await serverEvents(after, running.id, 'server.restart_scheduled');
    expect(retries).toEqual([]);
    expect(processesWithArg(marker)).toEqual([]);
    const stateOf = async (server: McpServer) => (await getServer(after, server.id)).state;
    expect([await stateOf(running), await stateOf(idle)]).toEqual(['error', 'error']);
  }, 90_000);
});
