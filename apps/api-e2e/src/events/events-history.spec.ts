import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import { type ApiError, EVENT_TYPES, type EventPage, type FleetEvent, type McpServer, type Principal } from '@mcp-fleet/shared/contracts';

import {
  allEvents,
  correlationId,
  createUser,
  eventPage,
  failLogin,
  qs,
  registerServer,
  seqs,
  touchServer,
  whoAmI,
} from './events-helpers';

const ENV_SECRET = 'sk-live-HISTORY-SECRET-5e4d3c2b1a';
const REPLACED_SECRET = 'sk-live-HISTORY-REPLACED-0a1b2c3d';
const RESTRICTED = ['security', 'audit'];

interface Change {
  field: string;
  before: unknown;
  after: unknown;
  secret?: true;
}

describe('GET /api/mcp/events', () => {
  // Many failed sign-ins come from one address here; the per-address lock is not under test.
  const api = useApi({ LOGIN_MAX_FAILURES_PER_IP: '1000' });

  it('records register, update and delete as the admin, under the correlation id of each request, in seq order', async () => {
    const admin = await whoAmI(api);
    const ids = { register: correlationId('register'), update: correlationId('update'), delete: correlationId('delete') };
    const server = await registerServer(
      api,
      'history-subject',
      { command: 'node', args: ['a.js'], env: { LOG_LEVEL: 'debug', API_KEY: { secret: true, value: ENV_SECRET } } },
      { 'x-correlation-id': ids.register },
    );
    const update = await api.patch<McpServer>(
      `/api/mcp/servers/${server.id}`,
      {
        version: 1,
        description: 'documented',
        tags: ['prod'],
        config: { env: { LOG_LEVEL: 'info', API_KEY: { secret: true, value: REPLACED_SECRET } } },
      },
      { 'x-correlation-id': ids.update },
    );
    const removal = await api.delete(`/api/mcp/servers/${server.id}`, { 'x-correlation-id': ids.delete });

    const history = await api.get<EventPage>(`/api/mcp/events${qs({ serverId: server.id, afterSeq: 0 })}`);
    const [registered, updated, deleted] = history.body.items;

    expect([update.status, removal.status]).toEqual([200, 204]);
    expect(update.headers.get('x-correlation-id')).toBe(ids.update);
    expect(history.body.items.map((e) => [e.type, e.correlationId])).toEqual([
      [EVENT_TYPES.serverRegistered, ids.register],
      [EVENT_TYPES.serverUpdated, ids.update],
      [EVENT_TYPES.serverDeleted, ids.delete],
    ]);
    expect(registered.seq).toBeLessThan(updated.seq);
    expect(updated.seq).toBeLessThan(deleted.seq);
    for (const event of history.body.items) {
      expect(event).toMatchObject({
        serverId: server.id,
        serverName: 'history-subject',
        category: 'config',
        actor: { kind: 'user', id: admin.id, name: ADMIN.email },
      });
    }
    expect((registered.data['server'] as McpServer).config.env).toEqual({ LOG_LEVEL: 'debug', API_KEY: { secret: true } });
    const changes = updated.data['changes'] as Change[];
    expect(changes.map((c) => c.field).sort()).toEqual(['config.env.API_KEY', 'config.env.LOG_LEVEL', 'description', 'tags']);
    expect(changes.find((c) => c.field === 'config.env.API_KEY')).toEqual({
      field: 'config.env.API_KEY',
      before: { secret: true },
      after: { secret: true },
      secret: true,
    });
    expect(changes.find((c) => c.field === 'config.env.LOG_LEVEL')).toEqual({
      field: 'config.env.LOG_LEVEL',
      before: 'debug',
      after: 'info',
    });
    expect(changes.find((c) => c.field === 'tags')).toEqual({ field: 'tags', before: [], after: ['prod'] });
    expect(changes.find((c) => c.field === 'description')).toMatchObject({ after: 'documented' });
    const everything = JSON.stringify((await api.get(`/api/mcp/events${qs({ limit: 1000 })}`)).body);
    for (const text of [JSON.stringify(history.body), everything]) {
      expect(text).not.toContain(ENV_SECRET);
      expect(text).not.toContain(REPLACED_SECRET);
      expect(text).not.toContain('sealed');
    }
  });

  describe('filters', () => {
    const ctx = {} as { admin: Principal; alpha: McpServer; bravo: McpServer };

    beforeAll(async () => {
      ctx.admin = await whoAmI(api);
      await createUser(api, 'filter-viewer@example.com', 'viewer');
      ctx.alpha = await registerServer(api, 'filter-alpha');
      ctx.bravo = await registerServer(api, 'filter-bravo');
      await touchServer(api, ctx.alpha.id, 'alpha changed');
      await failLogin(api, 'intruder@example.com');
      await touchServer(api, ctx.bravo.id, 'bravo changed');
    });

    const find = (all: FleetEvent[], type: string, serverName: string | null) =>
      all.find((e) => e.type === type && e.serverName === serverName) as FleetEvent;
    /** From bravo's registration (inclusive) to the failed sign-in (exclusive). */
    const window = (all: FleetEvent[]) => ({
      from: find(all, EVENT_TYPES.serverRegistered, 'filter-bravo').timestamp,
      to: find(all, EVENT_TYPES.loginFailed, null).timestamp,
    });

    const cases: [string, (all: FleetEvent[]) => Record<string, string>, (e: FleetEvent, all: FleetEvent[]) => boolean][] = [
      ['serverId', () => ({ serverId: ctx.alpha.id }), (e) => e.serverId === ctx.alpha.id],
      ['an exact type', () => ({ type: 'server.updated' }), (e) => e.type === 'server.updated'],
      ['a type prefix', () => ({ type: 'server.*' }), (e) => e.type.startsWith('server.')],
      [
        'a comma-separated list of types',
        () => ({ type: 'server.registered,auth.login_failed' }),
        (e) => e.type === 'server.registered' || e.type === 'auth.login_failed',
      ],
      [
        'a list mixing a prefix and a type',
        () => ({ type: 'auth.*,server.updated' }),
        (e) => e.type.startsWith('auth.') || e.type === 'server.updated',
      ],
      ['category', () => ({ category: 'security' }), (e) => e.category === 'security'],
      ['severity', () => ({ severity: 'warning' }), (e) => e.severity === 'warning'],
      ['minSeverity', () => ({ minSeverity: 'warning' }), (e) => ['warning', 'error', 'critical'].includes(e.severity)],
      [
        'search in the server name, ignoring case',
        () => ({ search: 'FILTER-BRAVO' }),
        (e) => [e.message, e.type, e.serverName ?? ''].some((text) => text.toLowerCase().includes('filter-bravo')),
      ],
      ['search in the message', () => ({ search: 'intruder@' }), (e) => e.message.includes('intruder@')],
      ['actor email, ignoring case', () => ({ actor: 'FILTER-VIEWER@example.com' }), (e) => e.actor.name === 'filter-viewer@example.com'],
      ['actor id', () => ({ actor: ctx.admin.id }), (e) => e.actor.id === ctx.admin.id],
      [
        'from (inclusive) and to (exclusive)',
        (all) => window(all),
        (e, all) => e.timestamp >= window(all).from && e.timestamp < window(all).to,
      ],
      [
        'several filters at once',
        () => ({ serverId: ctx.bravo.id, type: 'server.updated' }),
        (e) => e.serverId === ctx.bravo.id && e.type === 'server.updated',
      ],
    ];

    it.each(cases)('by %s', async (_, params, matches) => {
      const all = await allEvents(api);
      const expected = seqs(all.filter((e) => matches(e, all)));

      const filtered = await eventPage(api, { ...params(all), afterSeq: 0, limit: 1000 });

      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect(seqs(filtered.items)).toEqual(expected);
      expect(filtered.total).toBe(expected.length);
    });

    it('without a cursor returns the newest first, with the total', async () => {
      const all = await allEvents(api);

      const page = await eventPage(api, { limit: 5 });

      expect(seqs(page.items)).toEqual(seqs(all).slice(-5).reverse());
      expect(page.total).toBe(all.length);
      expect(page.nextCursor).toBe(page.items[4].seq);
    });
  });

  it('pages forward with afterSeq, oldest first, with no gap or duplicate while events keep arriving', async () => {
    const server = await registerServer(api, 'paged-forward');
    const [{ max }] = await api.sql<{ max: string }>('SELECT max(seq)::text AS max FROM events');
    const start = Number(max);
    const state = { producing: true };
    const producer = (async () => {
      try {
        for (let i = 0; i < 60; i++) {
          await touchServer(api, server.id, `revision ${i}`);
          if (i % 6 === 0) {
            await failLogin(api, `pager-${i}@example.com`);
          }
        }
      } finally {
        state.producing = false;
      }
    })();

    const received: number[] = [];
    const fullPagesWithWrongCursor: unknown[] = [];
    let cursor = start;
    for (;;) {
      const finalRead = !state.producing;
      const page = await eventPage(api, { afterSeq: cursor, limit: 7 });
      received.push(...seqs(page.items));
      const expectedCursor = page.items.length === 7 ? page.items[6].seq : null;
      if (page.nextCursor !== expectedCursor) {
        fullPagesWithWrongCursor.push({ cursor, items: seqs(page.items), nextCursor: page.nextCursor });
      }
      cursor = page.items.at(-1)?.seq ?? cursor;
      if (finalRead && page.nextCursor === null) {
        break;
      }
    }
    await producer;
    const stored = await api.sql<{ seq: string }>('SELECT seq FROM events WHERE seq > $1 ORDER BY seq', [start]);

    expect(received).toEqual(stored.map((row) => Number(row.seq)));
    expect(received.length).toBeGreaterThanOrEqual(70);
    expect(fullPagesWithWrongCursor).toEqual([]);
  });

  it('pages backward with beforeSeq, newest first, to the very first event', async () => {
    const server = await registerServer(api, 'paged-backward');
    for (let i = 0; i < 25; i++) {
      await touchServer(api, server.id, `revision ${i}`);
    }
    const expected = seqs(await allEvents(api, { serverId: server.id })).reverse();

    const pages: number[][] = [];
    let page = await eventPage(api, { serverId: server.id, limit: 10 });
    pages.push(seqs(page.items));
    while (page.nextCursor !== null) {
      page = await eventPage(api, { serverId: server.id, limit: 10, beforeSeq: page.nextCursor });
      pages.push(seqs(page.items));
    }

    expect(expected).toHaveLength(26);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 6]);
    expect(pages.flat()).toEqual(expected);
  });

  it.each([
    ['a limit above 1000', { limit: 1001 }, 'limit'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['afterSeq and beforeSeq together', { afterSeq: 1, beforeSeq: 5 }, 'afterSeq'],
    ['an unknown category', { category: 'gossip' }, 'category'],
    ['an unknown severity', { severity: 'loud' }, 'severity'],
    ['an unknown minimum severity', { minSeverity: 'loud' }, 'minSeverity'],
    ['a serverId that is not a UUID', { serverId: 'server-1' }, 'serverId'],
    ['a malformed type', { type: 'server registered' }, 'type'],
    ['a date that is not ISO-8601', { from: 'yesterday' }, 'from'],
    ['to before from', { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' }, 'to'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_, params, field) => {
    const response = await api.get<ApiError>(`/api/mcp/events${qs(params)}`);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  it('accepts a limit of exactly 1000', async () => {
    const response = await api.get<EventPage>(`/api/mcp/events${qs({ limit: 1000 })}`);

    expect([response.status, response.body.pageSize]).toEqual([200, 1000]);
  });

  it('shows a viewer every event but security ones, which an admin sees', async () => {
    const viewer = await createUser(api, 'reader@example.com', 'viewer');
    await failLogin(api, 'reader@example.com');
    await registerServer(api, 'seen-by-viewers');

    const asAdmin = await allEvents(api);
    const asViewer = await allEvents(api.as(viewer.token));
    const securityForViewer = await eventPage(api.as(viewer.token), { category: 'security' });
    const searchForViewer = await eventPage(api.as(viewer.token), { search: 'reader@example.com' });
    const typeForViewer = await eventPage(api.as(viewer.token), { type: 'auth.*' });

    expect(asAdmin.some((e) => e.type === EVENT_TYPES.loginFailed && e.message.includes('reader@example.com'))).toBe(true);
    expect(asAdmin.some((e) => e.type === EVENT_TYPES.loginSucceeded && e.actor.id === viewer.user.id)).toBe(true);
    expect(asViewer.filter((e) => RESTRICTED.includes(e.category))).toEqual([]);
    expect(seqs(asViewer)).toEqual(seqs(asAdmin.filter((e) => !RESTRICTED.includes(e.category))));
    expect(asViewer.some((e) => e.serverName === 'seen-by-viewers')).toBe(true);
    expect([securityForViewer.total, securityForViewer.items]).toEqual([0, []]);
    expect([searchForViewer.total, searchForViewer.items]).toEqual([0, []]);
    expect([typeForViewer.total, typeForViewer.items]).toEqual([0, []]);
  });

  it('answers 401 UNAUTHENTICATED to anonymous callers', async () => {
    const response = await api.anonymous.get<ApiError>('/api/mcp/events');

    expect([response.status, response.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
