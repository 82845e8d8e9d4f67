import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several replicas on one database: `api_instances` is each replica's heartbeat and internal
 * address; `server_leases` says which replica runs a server. A lease row is never deleted
 * while its server exists (a release expires it), so `generation` only grows: it fences every
 * runtime write of an owner that lost the lease.
 */
export class CreateOwnership1796190000000 implements MigrationInterface {
  name = 'CreateOwnership1796190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_instances (
        instance_id text PRIMARY KEY,
        address text NOT NULL,
        version text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        leaving boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`
      CREATE TABLE server_leases (
        server_id uuid PRIMARY KEY REFERENCES mcp_servers (id) ON DELETE CASCADE,
        owner text NOT NULL,
        generation bigint NOT NULL,
        acquired_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        released_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX ix_server_leases_owner ON server_leases (owner, expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE server_leases`);
    await queryRunner.query(`DROP TABLE api_instances`);
  }
}
