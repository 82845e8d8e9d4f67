import { register } from 'prom-client';

import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';
import { type FleetEvent, SYSTEM_ACTOR } from '@mcp-fleet/shared/contracts';

import { EventStore } from './event-store.service';
import { EventsRepository } from './events.repository';
import { EventsDataAccessModule } from './events-data-access.module';
import type { NewEvent } from './new-records';

const SERVER_A = '00000000-0000-4000-8000-00000000000a';
const SERVER_B = '00000000-0000-4000-8000-00000000000b';

/**
 * An event for the store's mechanics: by default of a type the vocabulary does not know (as a
 * newer replica could write one), which the store keeps under the category `system`.
 */
function event(overrides: Record<string, unknown> = {}): NewEvent {
  return {
    type: 'test.happened',
    severity: 'info',
    message: 'something happened',
    data: {},
    actor: SYSTEM_ACTOR,
    ...overrides,
  } as unknown as NewEvent;
}

describe('EventStore and EventsRepository (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let store: EventStore;
  let events: EventsRepository;

  beforeAll(async () => {
    ctx = await createIntegrationContext([EventsDataAccessModule], {
      INSTANCE_ID: 'test-instance',
    });
    store = ctx.module.get(EventStore);
    events = ctx.module.get(EventsRepository);
  });
  afterAll(() => ctx.close());

  it('gives each event a seq that grows in commit order, and tells listeners only after the commit', async () => {
    const heard: FleetEvent[] = [];
    const stop = store.onCommitted((batch) => heard.push(...batch));
    const before = await events.lastSeq();
    const stored = await Promise.all(Array.from({ length: 250 }, (_, i) => store.append(event({ message: `event ${i}` }))));
    stop();

    expect(stored.map((e) => e.message)).toEqual(Array.from({ length: 250 }, (_, i) => `event ${i}`));
    const seqs = stored.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(250);
    expect(seqs[0]).toBeGreaterThan(before);
    expect(heard.map((e) => e.seq)).toEqual(seqs);
    const { items } = await events.page({
      filter: {},
      limit: 1000,
      offset: 0,
      afterSeq: before,
    });
    expect(items.map((e) => e.seq)).toEqual(seqs);
    expect(items[0]).toMatchObject({
      instanceId: 'test-instance',
      actor: SYSTEM_ACTOR,
      category: 'system',
    });
  });

  it('counts committed events in mcp_events_total by type, severity and the category the vocabulary gives', async () => {
    const count = async () => {
      const metric = await register.getSingleMetric('mcp_events_total')?.get();
      const sample = metric?.values.find(
        (v) => v.labels['event_type'] === 'server.degraded' && v.labels['severity'] === 'warning' && v.labels['category'] === 'health',
      );
      return sample?.value ?? 0;
    };
    const before = await count();
    await Promise.all(
      [1, 2, 3].map(() =>
        store.append(
          event({
            type: 'server.degraded',
            severity: 'warning',
          }),
        ),
      ),
    );
    expect((await count()) - before).toBe(3);
  });

  it('stores NUL characters from a server as U+FFFD instead of failing the batch', async () => {
    const stored = await store.append(event({ message: 'bad\u0000byte', data: { line: 'x\u0000y' } }));
    expect(stored.message).toBe('bad\uFFFDbyte');
    expect(stored.data).toEqual({ line: 'x\uFFFDy' });
  });

  it('rejects an event the database refuses, and still commits the good ones batched with it', async () => {
    // `record` lingers, so the refused `append` right after it joins the same batch.
    store.record(event({ type: 'batch.neighbour', message: 'recorded next to a bad row' }));
    await expect(store.append(event({ severity: 'loud' }))).rejects.toMatchObject({ code: '23514' });
    await store.flush();
    const { items } = await events.page({
      filter: { types: ['batch.neighbour'] },
      limit: 10,
      offset: 0,
    });
    expect(items.map((e) => e.message)).toEqual(['recorded next to a bad row']);
  });

  it('rejects an event whose data cannot be serialised, without holding up the others', async () => {
    store.record(
      event({
        type: 'batch.neighbour',
        message: 'next to unserialisable data',
      }),
    );
    await expect(store.append(event({ data: { n: BigInt(10) } }))).rejects.toThrow(TypeError);
    await expect(store.append(event({ message: 'still writing' }))).resolves.toMatchObject({ message: 'still writing' });
    expect(store.pending).toBe(0);
  });

  describe('filters', () => {
    let first: number;

    beforeAll(async () => {
      first = await events.lastSeq();
      await Promise.all([
        store.append(
          event({
            type: 'server.registered',
            serverId: SERVER_A,
            serverName: 'alpha',
            message: 'Server alpha registered',
          }),
        ),
        store.append(
          event({
            type: 'server.updated',
            serverId: SERVER_B,
            serverName: 'bravo',
            message: 'Server bravo updated: 100% sure',
          }),
        ),
        store.append(
          event({
            type: 'auth.login_failed',
            severity: 'warning',
            message: 'Failed sign-in for eve@example.com',
          }),
        ),
        store.append(
          event({
            type: 'server.status_changed',
            severity: 'error',
            serverId: SERVER_A,
            serverName: 'alpha',
            message: 'alpha crashed',
            correlationId: 'corr-1',
            actor: {
              kind: 'user',
              id: '00000000-0000-4000-8000-0000000000ee',
              name: 'Ops@Example.com',
            },
          }),
        ),
      ]);
    });

    const types = async (filter: Parameters<EventsRepository['page']>[0]['filter']) =>
      (await events.page({ filter, limit: 100, offset: 0, afterSeq: first })).items.map((e) => e.type);

    it('by server, type (exact, list and prefix), category and severity', async () => {
      expect(await types({ serverId: SERVER_A })).toEqual(['server.registered', 'server.status_changed']);
      expect(await types({ types: ['server.updated', 'auth.login_failed'] })).toEqual(['server.updated', 'auth.login_failed']);
      expect(await types({ types: ['server.*'] })).toEqual(['server.registered', 'server.updated', 'server.status_changed']);
      expect(await types({ category: 'security' })).toEqual(['auth.login_failed']);
      expect(await types({ severity: 'warning' })).toEqual(['auth.login_failed']);
      expect(await types({ minSeverity: 'warning' })).toEqual(['auth.login_failed', 'server.status_changed']);
      expect(await types({ excludeCategories: ['security', 'audit'] })).not.toContain('auth.login_failed');
    });

    it('by text (literal % and _), actor (id or name, any case) and correlation id', async () => {
      expect(await types({ search: 'ALPHA' })).toEqual(['server.registered', 'server.status_changed']);
      expect(await types({ search: '100%' })).toEqual(['server.updated']);
      expect(await types({ search: '0%s' })).toEqual([]);
      expect(await types({ actor: 'ops@example.com' })).toEqual(['server.status_changed']);
      expect(await types({ actor: '00000000-0000-4000-8000-0000000000ee' })).toEqual(['server.status_changed']);
      expect(await types({ correlationId: 'corr-1' })).toEqual(['server.status_changed']);
    });

    it('by time range, and counts the total over the filter', async () => {
      const future = new Date(Date.now() + 60_000);
      expect(await types({ from: future })).toEqual([]);
      expect(await types({ to: future, serverId: SERVER_B })).toEqual(['server.updated']);
      const { total } = await events.page({
        filter: { types: ['server.*'] },
        limit: 1,
        offset: 0,
      });
      expect(total).toBeGreaterThanOrEqual(3);
    });
  });

  it('pages forward by cursor with no gap and no duplicate while new events keep arriving', async () => {
    const start = await events.lastSeq();
    let writerDone = false;
    const writing = (async () => {
      for (let i = 0; i < 30; i++) {
        await Promise.all(Array.from({ length: 10 }, (_, j) => store.append(event({ type: 'paging.test', message: `${i}-${j}` }))));
      }
      writerDone = true;
    })();
    const seen: number[] = [];
    let cursor = start;
    let pagesWhileWriting = 0;
    for (;;) {
      const finished = writerDone;
      const { items } = await events.page({
        filter: { types: ['paging.test'] },
        limit: 7,
        offset: 0,
        afterSeq: cursor,
      });
      seen.push(...items.map((e) => e.seq));
      cursor = items.at(-1)?.seq ?? cursor;
      pagesWhileWriting += finished ? 0 : 1;
      if (finished && items.length < 7) {
        break;
      }
    }
    await writing;
    expect(pagesWhileWriting).toBeGreaterThan(1);
    const all = await events.page({
      filter: { types: ['paging.test'] },
      limit: 1000,
      offset: 0,
      afterSeq: start,
    });
    expect(seen).toEqual(all.items.map((e) => e.seq));
    expect(seen).toHaveLength(300);
  });

  it('pages backward from newest with beforeSeq', async () => {
    const newest = await events.page({
      filter: { types: ['paging.test'] },
      limit: 5,
      offset: 0,
    });
    const older = await events.page({
      filter: { types: ['paging.test'] },
      limit: 5,
      offset: 0,
      beforeSeq: newest.items.at(-1)?.seq,
    });
    const seqs = [...newest.items, ...older.items].map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(10);
  });

  it('stores events and audit rows whatever text they carry: NUL and half surrogate pairs become U+FFFD', async () => {
    const hostile = 'a\u0000b\uD800c\uDFFFd';
    const stored = await store.append(
      event({
        message: hostile,
        data: { [hostile]: [hostile, { deeper: hostile }] },
      }),
    );
    const audited = await store.appendAudit({
      actor: { kind: 'user', id: null, name: hostile },
      action: `POST /x/${hostile}`,
      target: { type: 'tool', id: hostile.repeat(40), name: hostile },
      ip: hostile,
      userAgent: hostile,
      result: 'denied',
      statusCode: 403,
      errorCode: 'FORBIDDEN',
      correlationId: null,
      via: 'rest',
    });

    const clean = 'a\uFFFDb\uFFFDc\uFFFDd';
    expect(stored.message).toBe(clean);
    expect(stored.data).toEqual({ [clean]: [clean, { deeper: clean }] });
    expect(audited).toMatchObject({
      actor: { name: clean },
      target: { name: clean },
      userAgent: clean,
      result: 'denied',
    });
    expect(audited.target?.id).toHaveLength(100);
  });
});
