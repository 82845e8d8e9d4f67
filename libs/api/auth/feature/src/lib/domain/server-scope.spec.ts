import { DomainError } from '@mcp-fleet/api/shared/errors';

import { assertUnscoped, grantableScope, serverOutOfScope, serverOutsideScope } from './server-scope';

const MINE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const scoped = { serverIds: [MINE] };
const everyServer = {};

function refusal(act: () => unknown): { code: string; details: unknown } | undefined {
  try {
    act();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) {
      throw error;
    }
    return { code: error.code, details: error.details };
  }
}

describe('serverOutsideScope', () => {
  it.each([
    '/api/mcp/servers/:id',
    '/api/mcp/servers/:id/start',
    '/api/mcp/servers/:id/tools/:tool/call',
    '/api/mcp/servers/:id/revisions/:rev/restore',
  ])('finds another server on %s', (route) => {
    expect(serverOutsideScope(scoped, route, { id: OTHER })).toBe(OTHER);
  });

  it('lets the token use its own server, whatever the case of the id', () => {
    expect(serverOutsideScope(scoped, '/api/mcp/servers/:id/tools', { id: MINE })).toBeNull();
    expect(serverOutsideScope(scoped, '/api/mcp/servers/:id/tools', { id: MINE.toUpperCase() })).toBeNull();
  });

  it('answers with the id as the id pipe normalises it', () => {
    expect(serverOutsideScope(scoped, '/api/mcp/servers/:id', { id: OTHER.toUpperCase() })).toBe(OTHER);
  });

  it('leaves callers without a scope alone', () => {
    expect(serverOutsideScope(everyServer, '/api/mcp/servers/:id', { id: OTHER })).toBeNull();
  });

  it.each([
    ['the list', '/api/mcp/servers', {}],
    ['a bulk route (a static segment, not an id)', '/api/mcp/servers/bulk/start', {}],
    ['a route whose id is not a server', '/api/mcp/api-tokens/:id', { id: OTHER }],
    ['a similar prefix', '/api/mcp/servers/:idx', { idx: OTHER }],
    ['no route pattern', undefined, { id: OTHER }],
  ])('ignores %s', (_, route, params) => {
    expect(serverOutsideScope(scoped, route, params)).toBeNull();
  });

  it('leaves an id that is no UUID to the id pipe (400 INVALID_ID for anyone)', () => {
    expect(serverOutsideScope(scoped, '/api/mcp/servers/:id', { id: 'not-a-uuid' })).toBeNull();
  });

  it('answers exactly like a server that does not exist', () => {
    const error = serverOutOfScope(OTHER);

    expect([error.code, error.message, error.details]).toEqual(['SERVER_NOT_FOUND', `Server ${OTHER} does not exist`, { serverId: OTHER }]);
  });
});

describe('grantableScope', () => {
  it('gives an unscoped creator what it asks, or every server', () => {
    expect(grantableScope(everyServer, [OTHER])).toEqual([OTHER]);
    expect(grantableScope(everyServer, undefined)).toBeNull();
  });

  it('lets a scoped creator narrow its own scope', () => {
    expect(grantableScope({ serverIds: [MINE, OTHER] }, [MINE])).toEqual([MINE]);
  });

  it('refuses a scoped creator a token for every server', () => {
    expect(refusal(() => grantableScope(scoped, undefined))?.code).toBe('FORBIDDEN');
  });

  it('refuses a scoped creator servers beyond its scope, naming them', () => {
    expect(refusal(() => grantableScope(scoped, [MINE, OTHER]))).toEqual({ code: 'FORBIDDEN', details: { serverIds: [OTHER] } });
  });
});

describe('assertUnscoped', () => {
  it('refuses a scoped token and lets users, unscoped tokens and the system through', () => {
    expect(refusal(() => assertUnscoped(scoped, 'create users'))?.code).toBe('FORBIDDEN');
    expect(refusal(() => assertUnscoped(everyServer, 'create users'))).toBeUndefined();
    expect(refusal(() => assertUnscoped(undefined, 'create users'))).toBeUndefined();
  });
});
