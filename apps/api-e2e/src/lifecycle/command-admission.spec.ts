import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, CommandResult, LifecycleCommand } from '@mcp-fleet/shared/contracts';

import { command, fixture, getServer, processesWithArg, registerFixture, serverEvents } from '../support/mcp-runtime';

type Answer = { status: number; body: CommandResult & Partial<ApiError> };

describe('commands on one server never queue without bound', () => {
  const api = useApi();

  it('joins the same command in flight and refuses others at once with COMMAND_IN_PROGRESS', async () => {
    const server = await registerFixture(api, 'slow-to-start', 'slow-start.mjs', ['2']);
    const first = command(api, server.id, 'start');
    await eventually(async () => ((await getServer(api, server.id)).state === 'starting' ? true : undefined), 'the start under way');

    const send = (which: LifecycleCommand, n: number) => Array.from({ length: n }, () => command(api, server.id, which) as Promise<Answer>);
    const [starts, others] = await Promise.all([
      Promise.all(send('start', 50)),
      Promise.all([...send('restart', 50), ...send('enter_maintenance', 50)]),
    ]);
    const firstAnswer = (await first) as Answer;

    expect(firstAnswer.body).toMatchObject({ success: true, state: 'running' });
    expect(starts.map((a) => [a.status, a.body.success, a.body.state])).toEqual(Array(50).fill([200, true, 'running']));
    expect(new Set(others.map((a) => `${a.status} ${a.body.code} ${JSON.stringify(a.body.details)}`)).size).toBe(1);
    expect(others[0].status).toBe(409);
    expect(others[0].body).toMatchObject({ code: 'COMMAND_IN_PROGRESS', details: { serverId: server.id, command: 'start' } });
    expect(await serverEvents(api, server.id, 'server.started')).toHaveLength(1);
    expect(processesWithArg(fixture('slow-start.mjs'))).toHaveLength(1);
  });

  it('answers every one of 200 mixed commands, and ends with processes matching the state', async () => {
    const server = await registerFixture(api, 'mixed-commands', 'v2-server.mjs');
    const commands: LifecycleCommand[] = ['start', 'stop', 'restart', 'enter_maintenance', 'exit_maintenance'];
    const answers = (await Promise.all(
      Array.from({ length: 200 }, (_, i) => command(api, server.id, commands[(i * 7) % commands.length])),
    )) as Answer[];

    const outcomes = new Set(answers.map((a) => (a.status === 200 ? '200' : `${a.status} ${a.body.code}`)));
    expect([...outcomes].every((o) => ['200', '409 COMMAND_IN_PROGRESS', '409 INVALID_TRANSITION'].includes(o))).toBe(true);
    // Most were refused at once: only a handful of the 200 actually ran.
    expect(answers.filter((a) => a.status === 200).length).toBeLessThan(100);
    const settled = await eventually(async () => {
      const detail = await getServer(api, server.id);
      return ['running', 'stopped', 'maintenance', 'error'].includes(detail.state) ? detail : undefined;
    }, 'a settled state');
    expect(processesWithArg(fixture('v2-server.mjs')).length).toBe(settled.state === 'running' ? 1 : 0);
  });
});
