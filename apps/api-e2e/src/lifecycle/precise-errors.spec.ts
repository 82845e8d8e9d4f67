import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fixture, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CommandResult, McpServer } from '@mcp-fleet/shared/contracts';

import {
  command,
  commandOk,
  registerRemote,
  registerStdio,
  type RemoteFixture,
  serverEvents,
  sleep,
  startRemoteFixture,
} from '../support/mcp-runtime';

/**
 * A failed start says what an operator must fix: the OS reason of a spawn that cannot happen,
 * an HTTP answer as its status and a line of text (never a page of HTML), and the transport
 * the URL really answers when the configured one is wrong.
 */
describe('precise errors: a failed start names its cause', () => {
  const api = useApi();
  let dir: string;
  let htmlServer: http.Server;
  let htmlUrl: string;
  let sse: { url: string; process: ChildProcess };
  let streamable: RemoteFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-fleet-precise-'));
    htmlServer = http.createServer((_, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end(
        `<!DOCTYPE html><html><head><style>h1{color:red}</style><script>var x = 1;</script></head><body><h1>Not Found</h1><p>The page you asked for is not here.</p>${'<div>padding</div>'.repeat(200)}</body></html>`,
      );
    });
    await new Promise<void>((done) => htmlServer.listen(0, '127.0.0.1', done));
    htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}/mcp`;
    sse = await startSseFixture();
    streamable = await startRemoteFixture();
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    htmlServer.close();
    sse.process.kill('SIGKILL');
    await streamable.stop();
  });

  const name = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

  async function failedStart(server: McpServer): Promise<CommandResult> {
    const response = await command(api, server.id, 'start');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: false, state: 'error' });
    return response.body;
  }

  it('a command that is not on the PATH: SPAWN_FAILED with ENOENT, not an exit code 127', async () => {
    const server = await registerStdio(api, name('missing-command'), [], { command: 'no-such-mcp-server-anywhere', retryAttempts: 0 });

    const result = await failedStart(server);

    expect(result).toMatchObject({ errorCode: 'SPAWN_FAILED', errorDetails: { errno: 'ENOENT' } });
    expect(result.message).toContain('command not found: no-such-mcp-server-anywhere');
  });

  it('a file that is not executable: SPAWN_FAILED with EACCES', async () => {
    const file = join(dir, 'server.sh');
    writeFileSync(file, '#!/bin/sh\nexit 0\n');
    chmodSync(file, 0o644);
    const server = await registerStdio(api, name('not-executable'), [], { command: file, retryAttempts: 0 });

    expect(await failedStart(server)).toMatchObject({ errorCode: 'SPAWN_FAILED', errorDetails: { errno: 'EACCES' } });
  });

  it('a working directory that does not exist: SPAWN_FAILED naming it', async () => {
    const cwd = join(dir, 'gone');
    const server = await registerStdio(api, name('missing-cwd'), [fixture('v2-server.mjs')], { cwd, retryAttempts: 0 });

    const result = await failedStart(server);

    expect(result).toMatchObject({ errorCode: 'SPAWN_FAILED', errorDetails: { errno: 'ENOENT' } });
    expect(result.message).toContain(`the working directory ${cwd} does not exist`);
  });

  it('an HTTP error page: its status and one line of text, no HTML', async () => {
    const server = await registerRemote(api, name('html-404'), htmlUrl, { retryAttempts: 0 });

    const result = await failedStart(server);

    expect(result).toMatchObject({ errorCode: 'HTTP_ERROR', errorDetails: { status: 404 } });
    expect(result.message).toMatch(/^The server answered HTTP 404 Not Found: Not Found The page you asked for is not here\./);
    expect(result.message).not.toMatch(/[<>]|color:red|var x/);
    expect(result.message.length).toBeLessThan(300);
  });

  it('a host name that does not resolve: DNS_FAILED, retried like a refused connection, not a policy refusal', async () => {
    const server = await registerRemote(api, name('no-such-host'), 'http://no-such-host.invalid:8080/mcp', { retryAttempts: 0 });

    const result = await failedStart(server);

    expect(result).toMatchObject({ errorCode: 'DNS_FAILED' });
    expect(result.message).toContain('no-such-host.invalid could not be resolved');
  });

  it('an SSE server configured as Streamable HTTP: WRONG_TRANSPORT, suggesting sse, which then works', async () => {
    const server = await registerRemote(api, name('sse-as-streamable'), sse.url, { retryAttempts: 0 });

    const result = await failedStart(server);

    expect(result).toMatchObject({ errorCode: 'WRONG_TRANSPORT', errorDetails: { suggestedTransport: 'sse' } });
    expect(result.message).toContain('This URL answers SSE, not Streamable HTTP: use transport sse');

    const current = (await api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body;
    expect((await api.patch(`/api/mcp/servers/${server.id}`, { version: current.version, transport: 'sse' })).status).toBe(200);
    expect(await commandOk(api, server.id, 'start')).toMatchObject({ success: true, state: 'running' });
    const call = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text: 'over sse' } });
    expect(call.body.result['content']).toEqual([{ type: 'text', text: 'over sse' }]);
    await commandOk(api, server.id, 'stop');
  });

  it('a Streamable HTTP server configured as SSE: WRONG_TRANSPORT, suggesting streamable-http', async () => {
    const registered = await api.post<McpServer>('/api/mcp/servers', {
      name: name('streamable-as-sse'),
      transport: 'sse',
      config: { url: streamable.url, retryAttempts: 0 },
    });
    expect(registered.status).toBe(201);

    const result = await failedStart(registered.body);

    expect(result).toMatchObject({ errorCode: 'WRONG_TRANSPORT', errorDetails: { suggestedTransport: 'streamable-http' } });
    expect(result.message).toContain('use transport streamable-http');
    // The wrong transport stays wrong until an operator fixes it: no retries, though remote servers are retried forever.
    await sleep(2500);
    expect(await serverEvents(api, registered.body.id, 'server.restart_scheduled')).toEqual([]);
    expect((await api.get<McpServer>(`/api/mcp/servers/${registered.body.id}`)).body.state).toBe('error');
  });
});

function startSseFixture(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [fixture('sse-server.mjs'), '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`sse-server did not listen:\n${stderr}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /LISTENING (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], process: child });
      }
    });
  });
}
