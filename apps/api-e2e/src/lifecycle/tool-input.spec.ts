import { useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, McpServer } from '@mcp-fleet/shared/contracts';

import { registerFixture, startOk } from '../support/mcp-runtime';

/**
 * 2026-07-28 elicitation: a tool answers `resultType: 'input_required'` with the questions and an
 * opaque state; the caller answers by sending the call again with `inputResponses` and the state.
 * The fleet relays both ways (it answers nothing itself).
 */
describe('tool calls that ask their caller for input (2026-07-28 input_required)', () => {
  const api = useApi();
  let server: McpServer;
  const call = (body: Record<string, unknown>) => api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/deploy/call`, body);

  beforeAll(async () => {
    server = await registerFixture(api, 'input-server', 'input-server.mjs');
    await startOk(api, server.id);
  });

  it('hands the question to the REST caller, and runs the call once it is answered', async () => {
    const asked = await call({ arguments: { env: 'prod' } });

    expect(asked.status).toBe(200);
    expect(asked.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { confirm: { method: 'elicitation/create', params: { message: 'Deploy to prod?' } } },
      requestState: 'deploy:prod',
    });

    const answered = await call({
      arguments: { env: 'prod' },
      inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
      requestState: asked.body.result['requestState'],
    });

    expect(answered.status).toBe(200);
    expect(answered.body.result['content']).toEqual([{ type: 'text', text: 'deployed to prod' }]);
  });

  it('asks again when the answer declines, and refuses a malformed answer with a 400', async () => {
    const declined = await call({
      arguments: { env: 'prod' },
      inputResponses: { confirm: { action: 'decline' } },
      requestState: 'deploy:prod',
    });
    const malformed = await call({ arguments: { env: 'prod' }, inputResponses: 'yes', requestState: 42 });

    expect(declined.body.result['resultType']).toBe('input_required');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('takes a null requestState as none (a server refuses a null state: it was a 502)', async () => {
    const none = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, {
      arguments: { text: 'hi' },
      requestState: null,
      inputResponses: null,
    });

    expect(none.status).toBe(200);
    expect(none.body.result['content']).toEqual([{ type: 'text', text: 'hi' }]);
  });
});
