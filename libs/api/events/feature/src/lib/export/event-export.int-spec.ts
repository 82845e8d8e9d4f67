import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { EventsDataAccessModule, EventsRepository } from '@mcp-fleet/api/events/data-access';
import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { renderExport } from './event-export';

const ROWS = 100_000;

/** A full collection before each reading, so the heap measures what is held, not garbage not yet swept. */
function retainedHeap(): number {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('event export (real PostgreSQL, 100k rows)', () => {
  let ctx: IntegrationContext;
  let events: EventsRepository;

  beforeAll(async () => {
    ctx = await createIntegrationContext([EventsDataAccessModule]);
    events = ctx.module.get(EventsRepository);
    // Fat rows (~1 KiB each): holding them all at once would take far more memory than streaming.
    await ctx.dataSource.query(
      `INSERT INTO events (id, type, severity, category, message, data, actor_kind, actor_name, instance_id)
       SELECT gen_random_uuid(), 'export.test', 'info', 'system', 'row ' || n || ' ' || repeat('x', 400),
              jsonb_build_object('n', n, 'payload', repeat('y', 400)), 'system', 'system', 'seed'
       FROM generate_series(1, ${ROWS}) AS n`,
    );
  });
  afterAll(() => ctx.close());

  it('streams every row, in seq order, with memory that stays flat', async () => {
    const upToSeq = await events.lastSeq();
    const baseline = retainedHeap();
    let peak = baseline;
    let chunks = 0;
    let bytes = 0;
    let lines = 0;
    let lastN = 0;
    let ordered = true;
    for await (const chunk of renderExport('ndjson', events.stream({ types: ['export.test'] }, upToSeq))) {
      bytes += chunk.length;
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        const n = (JSON.parse(line) as { data: { n: number } }).data.n;
        ordered &&= n === lastN + 1;
        lastN = n;
        lines++;
      }
      if (++chunks % 10 === 0) {
        peak = Math.max(peak, retainedHeap());
      }
    }

    expect(lines).toBe(ROWS);
    expect(ordered).toBe(true);
    expect(bytes).toBeGreaterThan(80 * 1024 * 1024);
    // The whole export is > 80 MiB of text; what the heap holds while streaming is a few chunks.
    expect(chunks).toBeGreaterThanOrEqual(100);
    expect(peak - baseline).toBeLessThan(bytes / 10);
  });

  it('stops at the seq fixed when the export began, however many rows arrive meanwhile', async () => {
    const upToSeq = await events.lastSeq();
    const stream = events.stream({ types: ['export.test'] }, upToSeq, 50_000);
    const first = await stream.next();
    await ctx.dataSource.query(
      `INSERT INTO events (id, type, severity, category, message, actor_kind, actor_name, instance_id)
       SELECT gen_random_uuid(), 'export.test', 'info', 'system', 'late', 'system', 'system', 'seed' FROM generate_series(1, 10)`,
    );
    let count = first.done ? 0 : first.value.length;
    for await (const chunk of stream) {
      count += chunk.length;
    }
    expect(count).toBe(ROWS);
  });
});
