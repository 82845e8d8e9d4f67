import { eventually, type HttpResult, useApi } from '@mcp-fleet/api/shared/testing';
import { type ApiError, type AuditEntry, ERROR_CODES, type Page, type User } from '@mcp-fleet/shared/contracts';

import { registerFixture } from '../support/mcp-runtime';

const SERVER_ID = '00000000-0000-4000-8000-000000000001';

/** A body in the error shape, with the status it was sent with. */
function expectError(response: HttpResult<unknown>, status: number, code: ApiError['code']): void {
  const body = response.body as ApiError;
  expect([response.status, body.statusCode, body.code]).toEqual([status, status, code]);
  expect(ERROR_CODES).toContain(body.code);
  expect(typeof body.correlationId).toBe('string');
}

describe('hostile input is answered 4xx in the error shape, and breaks nothing', () => {
  const api = useApi();

  it('refuses a megabyte of nested arrays with 400 before parsing it, anonymous or signed in, on every route', async () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const answers = await Promise.all([
      api.anonymous.post('/api/auth/login', deep),
      api.anonymous.post('/api/auth/login', deep),
      api.anonymous.post('/api/auth/login', deep),
      api.post('/api/mcp/servers', deep),
      api.post(`/api/mcp/servers/${SERVER_ID}/tools/echo/call`, `{"arguments":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`),
    ]);

    for (const answer of answers) {
      expectError(answer, 400, 'VALIDATION_FAILED');
    }
    expect((await api.get('/health')).status).toBe(200);
  });

  it('refuses lone surrogates and NUL in JSON fields with 400 naming the field, anonymous login included', async () => {
    const surrogate = await api.anonymous.post('/api/auth/login', '{"email":"a\\ud800@example.com","password":"x"}');
    const nul = await api.post('/api/mcp/servers', '{"name":"ok","transport":"stdio","config":{"command":"node","env":{"A":"x\\u0000y"}}}');

    expectError(surrogate, 400, 'VALIDATION_FAILED');
    expect((surrogate.body as ApiError).details).toEqual([{ field: 'email', messages: [expect.stringMatching(/surrogate/)] }]);
    expectError(nul, 400, 'VALIDATION_FAILED');
    expect((nul.body as ApiError).details).toEqual([{ field: 'config.env.A', messages: [expect.stringMatching(/NUL/)] }]);
  });

  it('refuses NUL and broken UTF-8 in paths and queries with 400', async () => {
    expectError(await api.get('/api/mcp/servers?search=a%00b'), 400, 'VALIDATION_FAILED');
    expectError(await api.get('/api/mcp/events?type=a%ED%A0%80'), 400, 'VALIDATION_FAILED');
    expectError(await api.get(`/api/mcp/servers/${SERVER_ID}/tools/%ED%A0%80/call`), 400, 'VALIDATION_FAILED');
    expectError(
      await api.post(`/api/mcp/servers/${SERVER_ID}/tools/a%00b/call`, {
        arguments: {},
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it.each(['1e308', '9223372036854775808', '9007199254740992', '-1', '1.5', 'NaN'])(
    'refuses the cursor afterSeq=%s with 400, and the database keeps answering everyone',
    async (cursor) => {
      expectError(await api.get(`/api/mcp/events?afterSeq=${cursor}`), 400, 'VALIDATION_FAILED');
      expectError(await api.get(`/api/mcp/events?beforeSeq=${cursor}`), 400, 'VALIDATION_FAILED');
      expectError(await api.get(`/api/mcp/audit?beforeSeq=${cursor}`), 400, 'VALIDATION_FAILED');

      // A new page shape each time: the list cache cannot answer in place of the database.
      const list = await api.get<Page<unknown>>(`/api/mcp/servers?pageSize=${7 + cursor.length}`);
      expect(list.status).toBe(200);
      expect((await api.get('/api/mcp/overview')).status).toBe(200);
    },
  );

  it('accepts the largest cursor that is exact', async () => {
    expect((await api.get(`/api/mcp/events?afterSeq=${Number.MAX_SAFE_INTEGER}`)).status).toBe(200);
  });

  it('refuses null for fields that cannot be empty in a user update', async () => {
    const user = await api.post<User>('/api/mcp/users', {
      email: 'nulls@example.com',
      role: 'viewer',
      password: 'a-long-password-1',
    });
    for (const field of ['displayName', 'disabled', 'role']) {
      expectError(await api.patch(`/api/mcp/users/${user.body.id}`, { [field]: null }), 400, 'VALIDATION_FAILED');
    }
  });

  it('records a refused tool call with NUL in the tool name in the audit trail, with the text made storable', async () => {
    const server = await registerFixture(api, 'audited-nul', 'v2-server.mjs');
    const viewer = await api.post<User>('/api/mcp/users', {
      email: 'nul-viewer@example.com',
      role: 'viewer',
      password: 'a-long-password-1',
    });
    expect(viewer.status).toBe(201);
    const token = await api.login('nul-viewer@example.com', 'a-long-password-1');

    const denied = await api
      .as(token)
      .post(`/api/mcp/servers/${server.id}/tools/rm%00rf/call`, { arguments: {} }, { 'x-correlation-id': 'nul-denied' });
    const invalid = await api.post(
      `/api/mcp/servers/${server.id}/tools/rm%00rf/call`,
      { arguments: {} },
      { 'x-correlation-id': 'nul-invalid' },
    );

    expectError(denied, 403, 'FORBIDDEN');
    expectError(invalid, 400, 'VALIDATION_FAILED');
    // A tool call's audit row joins the next batch (the answer does not wait for it): wait for it.
    const rows = await eventually(async () => {
      const items = (await api.get<Page<AuditEntry>>('/api/mcp/audit?limit=100')).body.items;
      return items.some((row) => row.correlationId === 'nul-invalid') ? items : undefined;
    }, 'the tool call audit rows');
    expect(rows.find((row) => row.correlationId === 'nul-denied')).toMatchObject({ result: 'denied', statusCode: 403 });
    expect(rows.find((row) => row.correlationId === 'nul-invalid')).toMatchObject({
      result: 'failure',
      statusCode: 400,
      errorCode: 'VALIDATION_FAILED',
    });
  });

  it('answers odd x-correlation-id and Idempotency-Key headers in the error shape or normally, never 500', async () => {
    for (const correlation of ['', ' ', 'x'.repeat(129), '\t', 'a b', 'ünï']) {
      const response = await api.get('/api/auth/me', {
        'x-correlation-id': correlation,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }
    for (const key of ['', ' ', 'k'.repeat(129), 'a b', 'ünï', 'a,b']) {
      const response = await api.post('/api/mcp/servers/bulk/start', { serverIds: [SERVER_ID] }, { 'idempotency-key': key });
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) {
        expectError(response, 400, 'VALIDATION_FAILED');
      }
    }
  });
});
