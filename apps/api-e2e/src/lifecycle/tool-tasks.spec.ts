import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

import { ADMIN, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CreateApiTokenResponse, McpServer, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { registerFixture, registerStdio, SERVER_EVERYTHING, startOk } from '../support/mcp-runtime';

/** The events of a `text/event-stream` answer, in order. */
function eventsOf(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((chunk) => {
      const [event, data] = chunk.split('\n').map((line) => line.slice(line.indexOf(':') + 2));
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/**
 * A tool the server runs only as a task (`execution.taskSupport: required`, 2025-11-25 tasks)
 * answers a plain `tools/call` with "requires task augmentation". Through the API it runs to
 * completion: created as a task, polled at the server's interval, its result fetched.
 */
describe('task-augmented tool calls (server-everything over stdio)', () => {
  const api = useApi();
  let server: McpServer;

  beforeAll(async () => {
    server = await registerStdio(api, 'everything-tasks', [SERVER_EVERYTHING, 'stdio']);
    await startOk(api, server.id);
  });

  it('runs a task-only tool to completion and answers its result', async () => {
    const tools = await api.get<{ items: { name: string; execution?: { taskSupport?: string } }[] }>(`/api/mcp/servers/${server.id}/tools`);
    expect(tools.body.items.find((tool) => tool.name === 'simulate-research-query')?.execution).toEqual({ taskSupport: 'required' });

    const response = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/simulate-research-query/call`, {
      arguments: { topic: 'supervision trees' },
    });

    expect(response.status).toBe(200);
    expect(response.body.result['isError']).not.toBe(true);
    const text = (response.body.result['content'] as { text?: string }[])[0]?.text ?? '';
    expect(text).toContain('# Research Report: supervision trees');
    expect(text).toContain('Stage 4: Generating report');
  });

  it('still calls an ordinary tool of the same server directly', async () => {
    const response = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { message: 'plain' } });

    expect(response.status).toBe(200);
    expect(response.body.result['content']).toEqual([{ type: 'text', text: 'Echo: plain' }]);
  });

  it('streams the progress of a long call as server-sent events when asked, then its result', async () => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const response = await fetch(`${api.url}/api/mcp/servers/${server.id}/tools/trigger-long-running-operation/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ arguments: { duration: 1, steps: 4 } }),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = eventsOf(await response.text());
    // In order, before the result; the server's last one races its result (it may arrive after it and be dropped).
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual([1, 2, 3, 4].slice(0, progress.length).map((step) => ({ progress: step, total: 4 })));
    expect(events.at(-1)?.event).toBe('result');
    expect(JSON.stringify(events.at(-1)?.data)).toContain('Long running operation completed');
  });

  it('streams an error as the last event, with its code', async () => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const response = await fetch(`${api.url}/api/mcp/servers/${server.id}/tools/no-such-tool/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ arguments: {} }),
    });
    const text = await response.text();

    expect(text).toMatch(/^event: error\ndata: /);
    expect(JSON.parse(text.slice(text.indexOf('data: ') + 6))).toMatchObject({ code: 'TOOL_NOT_FOUND', statusCode: 404 });
  });
});

/**
 * 2026-07-28 tasks (the Tasks extension, SEP-2663): the fleet declares the extension, so the
 * server answers with a task handle (`resultType: 'task'`) instead of a result; the fleet polls
 * `tasks/get` to the task's outcome, for REST and gateway callers alike, and cancels the task
 * when its caller goes away.
 */
describe('2026-07-28 task tool calls (the Tasks extension)', () => {
  const api = useApi();
  let server: McpServer;

  beforeAll(async () => {
    server = await registerFixture(api, 'tasks-2026', 'task-server.mjs');
    await startOk(api, server.id);
  });

  const call = (tool: string, args: Record<string, unknown>) =>
    api.post<CallToolResponse & { code?: string; message?: string }>(`/api/mcp/servers/${server.id}/tools/${tool}/call`, {
      arguments: args,
    });

  it('runs a call the server made a task to its end and answers the task result', async () => {
    const response = await call('report', { steps: 3 });

    expect(response.status).toBe(200);
    // Not the answer the server gives a client without tasks ("at once"): the task ran its three steps.
    expect(response.body.result['content']).toEqual([{ type: 'text', text: 'report ready after 3 step(s)' }]);
    expect(response.body.result['isError']).toBeUndefined();
  });

  it("answers a failed task with the server's error", async () => {
    const response = await call('broken_job', {});

    expect(response.status).toBe(502);
    expect(response.body.message).toContain('job failed: disk full');
  });

  it("streams the task's status messages as progress, then its result", async () => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const response = await fetch(`${api.url}/api/mcp/servers/${server.id}/tools/report/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ arguments: { steps: 3 } }),
    });
    const events = eventsOf(await response.text());

    expect(events.filter((e) => e.event === 'progress').map((e) => e.data['message'])).toEqual(['2 step(s) to go', '1 step(s) to go']);
    expect(events.at(-1)?.event).toBe('result');
    expect(JSON.stringify(events.at(-1)?.data)).toContain('report ready after 3 step(s)');
  });

  it('cancels the task upstream (tasks/cancel) when the caller goes away', async () => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const caller = new AbortController();
    const pending = fetch(`${api.url}/api/mcp/servers/${server.id}/tools/report/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ arguments: { steps: 10_000 } }),
      signal: caller.signal,
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    caller.abort();
    await pending;

    await eventually(
      async () => {
        const page = await api.get<ServerLogPage>(`/api/mcp/servers/${server.id}/logs?limit=200`);
        return page.body.items.some((line) => /task-\d+ cancelled/.test(line.line)) ? true : undefined;
      },
      'the server logged the cancellation of its task',
      { timeoutMs: 15_000, intervalMs: 250 },
    );
  });

  it('settles the task for a client of the MCP gateway too', async () => {
    const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', { name: 'tasks', permissions: ['mcp:call_tools'] });
    const client = new Client({ name: 'e2e-tasks', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${api.url}/mcp/${server.name}`), {
        requestInit: { headers: { authorization: `Bearer ${created.body.token}` } },
      }),
    );
    try {
      const result = await client.callTool({ name: 'report', arguments: { steps: 2 } });

      expect(result.content).toEqual([{ type: 'text', text: 'report ready after 2 step(s)' }]);
    } finally {
      await client.close();
    }
  });
});
