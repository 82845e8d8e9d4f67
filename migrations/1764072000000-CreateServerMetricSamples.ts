import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Samples for charts: one row per running server per sample interval, kept for a bounded time. */
export class CreateServerMetricSamples1764072000000 implements MigrationInterface {
  name = 'CreateServerMetricSamples1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE server_metric_samples (
        server_id uuid NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
        sampled_at timestamptz NOT NULL,
        probe_latency_ms real,
        cpu_percent real,
        memory_mb real,
        requests integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        PRIMARY KEY (server_id, sampled_at)
      )`);
    await queryRunner.query(`CREATE INDEX server_metric_samples_at ON server_metric_samples (sampled_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE server_metric_samples`);
  }
}
