import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * stderr lines of stdio servers, per run (one start → exit), redacted and rate-capped before
 * they get here. Only the retention job deletes.
 */
export class CreateServerLogs1764068400000 implements MigrationInterface {
  name = 'CreateServerLogs1764068400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key, like server_runs: a crashed or deleted server's last logs stay readable.
    await queryRunner.query(`
      CREATE TABLE server_logs (
        seq bigserial PRIMARY KEY,
        run_id uuid NOT NULL,
        server_id uuid NOT NULL,
        line_no integer NOT NULL,
        logged_at timestamptz NOT NULL DEFAULT now(),
        line text NOT NULL
      )`);
    // Unique: a batch retried after a commit whose answer was lost is not stored twice.
    await queryRunner.query(`CREATE UNIQUE INDEX server_logs_run_line ON server_logs (run_id, line_no)`);
    await queryRunner.query(`CREATE INDEX server_logs_server_seq ON server_logs (server_id, seq)`);
    await queryRunner.query(`CREATE INDEX server_logs_logged_at ON server_logs (logged_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE server_logs`);
  }
}
