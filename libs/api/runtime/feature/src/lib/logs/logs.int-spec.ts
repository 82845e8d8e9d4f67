import { randomUUID } from 'node:crypto';

import { Module } from '@nestjs/common';

import { EventsDataAccessModule, LiveFeed, type LiveMessage } from '@mcp-fleet/api/events/data-access';
import { LogsRepository, RunsRepository, RuntimeDataAccessModule } from '@mcp-fleet/api/runtime/data-access';
import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';
import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { Redactor } from '../domain/redactor';
import { GetLogsHandler } from '../queries/get-logs/get-logs.handler';
import { GetLogsQuery } from '../queries/get-logs/get-logs.query';
import { LogRetention } from './log-retention.service';
import { LogSink, RATE_BURST, RATE_PER_SECOND } from './log-sink.service';

@Module({
  imports: [EventsDataAccessModule, RuntimeDataAccessModule, ServersDataAccessModule],
  providers: [LogSink, LogRetention, GetLogsHandler],
})
class LogsTestModule {}

describe('server logs (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let sink: LogSink;
  let runs: RunsRepository;
  let logs: LogsRepository;
  let handler: GetLogsHandler;
  let live: LiveFeed;

  beforeAll(async () => {
    ctx = await createIntegrationContext([LogsTestModule], {
      INSTANCE_ID: 'logs-test',
    });
    sink = ctx.module.get(LogSink);
    runs = ctx.module.get(RunsRepository);
    logs = ctx.module.get(LogsRepository);
    handler = ctx.module.get(GetLogsHandler);
    live = ctx.module.get(LiveFeed);
  });
  afterAll(() => ctx.close());

  /** A run of a server that has no mcp_servers row: deleted, or never registered here. */
  async function run(serverId = randomUUID()) {
    const runId = randomUUID();
    await runs.open({
      runId,
      serverId,
      instanceId: 'logs-test',
      transport: 'stdio',
    });
    return { serverId, runId };
  }

  const get = (serverId: string, params: GetLogsQuery['params'] = {}) => handler.execute(new GetLogsQuery(serverId, params));

  it('stores lines redacted and numbered, sends them live, and pages them by seq', async () => {
    const { serverId, runId } = await run();
    const heard: LiveMessage[] = [];
    const stop = live.subscribe((message) => heard.push(message));
    const log = sink.open({
      serverId,
      runId,
      redactor: new Redactor(['sk-live-0123456789']),
    });
    for (let i = 1; i <= 25; i++) log.write(`line ${i} key=sk-live-0123456789`);
    await log.close();
    stop();

    expect(heard).toHaveLength(25);
    expect(heard[0]).toMatchObject({
      channel: 'server_log',
      payload: { serverId, runId, stream: 'stderr', level: null, line: 'line 1 key=***' },
    });
    expect(heard.every((m) => m.channel === 'server_log' && !m.payload.line.includes('sk-live'))).toBe(true);

    const tail = await get(serverId, { limit: 10 });
    expect(tail.runId).toBe(runId);
    expect(tail.items.map((i) => i.lineNo)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(tail.items[0]).toMatchObject({ runId, line: 'line 16 key=***' });
    expect(tail.items.every((i) => typeof i.seq === 'number')).toBe(true);
    expect(tail.runs.map((r) => r.runId)).toEqual([runId]);

    const first = await get(serverId, { since: '0', limit: 10 });
    expect(first.items.map((i) => i.lineNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const second = await get(serverId, {
      since: String(first.nextCursor),
      limit: 10,
    });
    expect(second.items.map((i) => i.lineNo)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const last = await get(serverId, {
      since: String(second.nextCursor),
      limit: 10,
    });
    expect(last.items.map((i) => i.lineNo)).toEqual([21, 22, 23, 24, 25]);
    const none = await get(serverId, {
      since: String(last.nextCursor),
      limit: 10,
    });
    expect(none.items).toEqual([]);
    expect(none.nextCursor).toBe(last.nextCursor);
  });

  it('keeps the stream and level of each line in the store, in memory and live', async () => {
    const { serverId, runId } = await run();
    const heard: LiveMessage[] = [];
    const stop = live.subscribe((message) => heard.push(message));
    const log = sink.open({ serverId, runId, redactor: new Redactor([]) });
    log.write('a stderr line');
    log.write('tools: ready', { stream: 'mcp', level: 'notice' });
    log.write('not MCP', { stream: 'stdout', level: 'warning' });
    const early = await get(serverId);
    await log.close();
    stop();

    const expected = [
      ['stderr', null, 'a stderr line'],
      ['mcp', 'notice', 'tools: ready'],
      ['stdout', 'warning', 'not MCP'],
    ];
    expect(early.items.map((i) => [i.stream, i.level, i.line])).toEqual(expected);
    expect((await get(serverId)).items.map((i) => [i.stream, i.level, i.line, i.seq !== null])).toEqual(expected.map((e) => [...e, true]));
    expect(heard.map((m) => m.channel === 'server_log' && [m.payload.stream, m.payload.level, m.payload.line])).toEqual(expected);
  });

  it('reads the latest run by default, an older one by runId, and lines since a time', async () => {
    const older = await run();
    const first = sink.open({ ...older, redactor: new Redactor([]) });
    first.write('from the first run');
    await first.close();
    // "Latest" is by start time; two runs opened back to back can share a clock tick (PGlite's
    // clock is coarse), so the older one starts a second earlier, as a real earlier run would.
    await ctx.dataSource.query(`UPDATE server_runs SET started_at = started_at - interval '1 second' WHERE run_id = $1`, [older.runId]);
    const newer = await run(older.serverId);
    const second = sink.open({ ...newer, redactor: new Redactor([]) });
    second.write('from the second run');
    await second.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cut = new Date();
    await logs.insertBatch([
      {
        ...newer,
        lineNo: 2,
        timestamp: new Date(cut.getTime() + 5).toISOString(),
        line: 'after the cut',
      },
    ]);

    expect((await get(older.serverId)).items.map((i) => i.line)).toEqual(['from the second run', 'after the cut']);
    expect((await get(older.serverId, { runId: older.runId })).items.map((i) => i.line)).toEqual(['from the first run']);
    expect((await get(older.serverId, { since: cut.toISOString() })).items.map((i) => i.line)).toEqual(['after the cut']);
  });

  it('serves lines not stored yet from memory (seq null), then from the store', async () => {
    const { serverId, runId } = await run();
    const log = sink.open({ serverId, runId, redactor: new Redactor([]) });
    log.write('one');
    log.write('two');
    const early = await get(serverId);
    expect(early.items.map((i) => [i.lineNo, i.line])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    await sink.flush();
    log.write('three');
    const mixed = await get(serverId);
    expect(mixed.items.map((i) => [i.lineNo, i.seq === null])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(mixed.nextCursor).toBe(mixed.items[1].seq);
    await log.close();
    expect((await get(serverId)).items.every((i) => i.seq !== null)).toBe(true);
    expect(sink.recent(serverId)).toBeUndefined();
  });

  it('stores a flood as the burst plus one marker line', async () => {
    const { serverId, runId } = await run();
    const log = sink.open({ serverId, runId, redactor: new Redactor([]) });
    const total = RATE_BURST * 5;
    const begun = performance.now();
    for (let i = 0; i < total; i++) log.write(`flood ${i}`);
    // What the bucket may refill while the loop ran: measured, so a slow machine does not fail it.
    const refilled = Math.ceil(((performance.now() - begun) / 1000) * RATE_PER_SECOND) + 1;
    await log.close();
    const stored = await logs.page(serverId, {
      runId,
      sinceSeq: 0,
      limit: total,
    });
    const kept = stored.filter((l) => l.line.startsWith('flood ')).length;
    const marker = /^\[mcp-fleet\] (\d+) lines dropped \(rate limit\)$/.exec(stored.at(-1)?.line ?? '');
    // The burst, plus what the bucket refilled while the loop ran, never the whole flood.
    expect(kept).toBeGreaterThanOrEqual(RATE_BURST);
    expect(kept).toBeLessThanOrEqual(RATE_BURST + refilled);
    expect(kept).toBeLessThan(total);
    expect(Number(marker?.[1])).toBe(total - kept);
    expect(stored.map((l) => l.lineNo)).toEqual(Array.from({ length: kept + 1 }, (_, i) => i + 1));
  });

  it('keeps a deleted server readable while its runs exist, and answers SERVER_NOT_FOUND for an unknown id', async () => {
    const { serverId } = await run();
    await expect(get(serverId)).resolves.toMatchObject({ serverId, items: [] });
    await expect(get(randomUUID())).rejects.toMatchObject({
      code: 'SERVER_NOT_FOUND',
    });
  });

  it('deletes lines older than the retention, and only those', async () => {
    const { serverId, runId } = await run();
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    await logs.insertBatch([
      { serverId, runId, lineNo: 1, timestamp: daysAgo(10), line: 'old' },
      { serverId, runId, lineNo: 2, timestamp: daysAgo(8), line: 'old too' },
      { serverId, runId, lineNo: 3, timestamp: daysAgo(1), line: 'recent' },
    ]);
    // Other tests' lines are all recent.
    expect(await ctx.module.get(LogRetention).purge(now, 7)).toBe(2);
    expect((await get(serverId, { runId })).items.map((i) => i.line)).toEqual(['recent']);
  });

  it('skips a retried batch that was already stored instead of doubling it', async () => {
    const { serverId, runId } = await run();
    const batch = [
      {
        serverId,
        runId,
        lineNo: 1,
        timestamp: new Date().toISOString(),
        line: 'once',
      },
    ];
    await logs.insertBatch(batch);
    await logs.insertBatch(batch);
    expect((await get(serverId)).items).toHaveLength(1);
  });
});
