import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the supervisor remembers: every run of a server (one start → exit), with the pid and the
 * process start time that identify its process group after a crash of the API, and the
 * capabilities the server reported on its last successful start.
 */
export class CreateRuntimeTables1764064800000 implements MigrationInterface {
  name = 'CreateRuntimeTables1764064800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key: a deleted server's last runs (and their logs) stay readable.
    await queryRunner.query(`
      CREATE TABLE server_runs (
        run_id uuid PRIMARY KEY,
        server_id uuid NOT NULL,
        instance_id varchar(100) NOT NULL,
        transport varchar(20) NOT NULL,
        pid integer,
        process_start_ticks bigint,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        exit_code integer,
        exit_signal varchar(20),
        end_reason varchar(40)
      )`);
    await queryRunner.query(`CREATE INDEX server_runs_server ON server_runs (server_id, started_at DESC)`);
    await queryRunner.query(`CREATE INDEX server_runs_open ON server_runs (instance_id) WHERE ended_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE server_catalogs (
        server_id uuid PRIMARY KEY REFERENCES mcp_servers (id) ON DELETE CASCADE,
        protocol_version varchar(40),
        server_info jsonb NOT NULL DEFAULT '{}'::jsonb,
        capabilities jsonb NOT NULL DEFAULT '{}'::jsonb,
        tools jsonb NOT NULL DEFAULT '[]'::jsonb,
        resources jsonb NOT NULL DEFAULT '[]'::jsonb,
        prompts jsonb NOT NULL DEFAULT '[]'::jsonb,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE server_catalogs`);
    await queryRunner.query(`DROP TABLE server_runs`);
  }
}
