import { AuditRepository, EventsDataAccessModule, EventsRepository } from '@mcp-fleet/api/events/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { RetentionService } from './retention.service';

describe('RetentionService (real PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([EventsDataAccessModule], { EVENT_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '365' });
  });
  afterAll(() => ctx.close());

  const service = (overrides: Partial<AppConfig> = {}) =>
    new RetentionService(
      ctx.module.get(EventsRepository),
      ctx.module.get(AuditRepository),
      new AppConfig({ ...ctx.module.get(AppConfig), ...overrides } as AppConfig),
    );

  it('deletes only the rows past their retention, in batches, from both tables', async () => {
    await ctx.dataSource.query(
      `INSERT INTO events (id, occurred_at, type, severity, category, message, actor_kind, actor_name, instance_id)
       SELECT gen_random_uuid(), now() - (CASE WHEN n <= 12000 THEN interval '31 days' ELSE interval '29 days' END),
              'retention.test', 'info', 'system', 'm', 'system', 'system', 'seed'
       FROM generate_series(1, 12500) AS n`,
    );
    await ctx.dataSource.query(
      `INSERT INTO audit_log (id, occurred_at, actor_kind, actor_name, action, result, via, instance_id)
       SELECT gen_random_uuid(), now() - (CASE WHEN n <= 3 THEN interval '366 days' ELSE interval '31 days' END),
              'system', 'system', 'server.update', 'success', 'rest', 'seed'
       FROM generate_series(1, 5) AS n`,
    );

    const result = await service().purge();

    expect(result).toEqual({ events: 12000, audit: 3 });
    const [{ events }] = await ctx.dataSource.query<{ events: number }[]>(`SELECT count(*)::int AS events FROM events`);
    const [{ audit }] = await ctx.dataSource.query<{ audit: number }[]>(`SELECT count(*)::int AS audit FROM audit_log`);
    expect({ events, audit }).toEqual({ events: 500, audit: 2 });
  });

  it('keeps everything when the retention is 0 days', async () => {
    await ctx.dataSource.query(
      `INSERT INTO events (id, occurred_at, type, severity, category, message, actor_kind, actor_name, instance_id)
       VALUES (gen_random_uuid(), now() - interval '10 years', 'retention.test', 'info', 'system', 'ancient', 'system', 'system', 'seed')`,
    );

    expect(await service({ eventRetentionDays: 0, auditRetentionDays: 0 }).purge()).toEqual({ events: 0, audit: 0 });
    const [{ ancient }] = await ctx.dataSource.query<{ ancient: number }[]>(
      `SELECT count(*)::int AS ancient FROM events WHERE message = 'ancient'`,
    );
    expect(ancient).toBe(1);
  });
});
