import { createIntegrationContext, eventually, type IntegrationContext } from '@mcp-fleet/api/shared/testing';
import { EVENT_TYPES, type FleetEvent, SYSTEM_ACTOR } from '@mcp-fleet/shared/contracts';

import { EventStore } from './event-store.service';
import { EventTail } from './event-tail.service';
import { EventsDataAccessModule } from './events-data-access.module';

describe('EventTail (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let tail: EventTail;
  let store: EventStore;
  const heard: FleetEvent[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext([EventsDataAccessModule], { INSTANCE_ID: 'tail-test' });
    tail = ctx.module.get(EventTail);
    store = ctx.module.get(EventStore);
    tail.onEvents((batch) => heard.push(...batch));
  });
  afterAll(() => ctx.close());

  /** What another API instance does: its own transaction, its own NOTIFY (or none). */
  async function writeElsewhere(message: string, notify: boolean): Promise<void> {
    await ctx.dataSource.query(
      `INSERT INTO events (id, type, severity, category, message, data, actor_kind, actor_name, instance_id)
       VALUES (gen_random_uuid(), 'server.deleted', 'info', 'config', $1, '{}', 'system', 'system', 'other-replica')`,
      [message],
    );
    if (notify) {
      await ctx.dataSource.query(`SELECT pg_notify('mcp_events', '')`);
    }
  }

  it('delivers events committed here and by other instances, in seq order, each once', async () => {
    const from = heard.length;
    await store.append({ type: EVENT_TYPES.serverDeleted, severity: 'info', message: 'here 1', data: {}, actor: SYSTEM_ACTOR });
    await writeElsewhere('elsewhere 1', true);
    await store.append({ type: EVENT_TYPES.serverDeleted, severity: 'info', message: 'here 2', data: {}, actor: SYSTEM_ACTOR });
    await writeElsewhere('elsewhere 2', true);

    const messages = await eventually(() => {
      const got = heard.slice(from).map((e) => e.message);
      return got.length >= 4 ? got : undefined;
    }, 'four events');
    expect(messages).toEqual(['here 1', 'elsewhere 1', 'here 2', 'elsewhere 2']);
    const seqs = heard.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('still delivers an event whose notification never came, by its poll', async () => {
    await writeElsewhere('not announced', false);

    await eventually(() => heard.some((e) => e.message === 'not announced'), 'the unannounced event', { timeoutMs: 5000 });
    expect(tail.seq).toBe(heard[heard.length - 1].seq);
  });
});
