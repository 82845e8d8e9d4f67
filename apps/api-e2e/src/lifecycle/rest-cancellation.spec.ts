import { ADMIN, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { AuditEntry, CallToolResponse, McpServer, Page } from '@mcp-fleet/shared/contracts';

import { registerFixture, startOk } from '../support/mcp-runtime';

/**
 * A REST client that hangs up on a long tool call cancels it on the server
 * (`notifications/cancelled`), as an MCP client of the gateway does; the call does not run on
 * until the request timeout.
 */
describe('REST tool calls: a client that goes away cancels the call upstream', () => {
  const api = useApi();
  let server: McpServer;

  beforeAll(async () => {
    server = await registerFixture(api, 'rest-cancel', 'v2-server.mjs', [], { requestTimeoutMs: 120_000 });
    await startOk(api, server.id);
  });

  it('ends the call at once when the client aborts, recorded as cancelled', async () => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const abort = new AbortController();
    const call = fetch(`${api.url}/api/mcp/servers/${server.id}/tools/sleep/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ arguments: { ms: 600_000 } }),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));

    abort.abort();

    expect(await call).toMatchObject({ name: 'AbortError' });
    // The audit row is written when the call ends: long before the 120 s request timeout.
    const row = await eventually(
      async () => {
        const audit = await api.get<Page<AuditEntry>>(`/api/mcp/audit?action=server.tool_call&targetId=${server.id}`);
        return audit.body.items.find((entry) => entry.target?.name === 'sleep');
      },
      'the audit row of the cancelled call',
      { timeoutMs: 20_000 },
    );
    expect(row).toMatchObject({ result: 'failure', errorCode: 'MCP_REQUEST_FAILED' });
    // The server is fine and answers the next call.
    const next = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text: 'still here' } });
    expect(next.body.result['content']).toEqual([{ type: 'text', text: 'still here' }]);
  });
});
