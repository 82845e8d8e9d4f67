import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of a server's registration as a numbered revision: who, when, the masked
 * registration, the changed paths, and the sealed secret values a restore brings back.
 * Also what config each run was started from, to tell when a running server waits for a restart.
 */
export class CreateServerRevisions1796300000500 implements MigrationInterface {
  name = 'CreateServerRevisions1796300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key: a deleted server's history stays readable (by admins) until retention.
    await queryRunner.query(`
      CREATE TABLE server_revisions (
        server_id uuid NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        action varchar(10) NOT NULL CHECK (action IN ('create', 'update', 'restore')),
        restored_from integer,
        actor_kind varchar(10) NOT NULL,
        actor_id uuid,
        actor_name varchar(254) NOT NULL,
        correlation_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        registration jsonb NOT NULL,
        sealed_secrets jsonb NOT NULL DEFAULT '{}'::jsonb,
        changes jsonb NOT NULL DEFAULT '[]'::jsonb,
        server_deleted_at timestamptz,
        PRIMARY KEY (server_id, revision)
      )`);
    await queryRunner.query(
      `CREATE INDEX server_revisions_deleted ON server_revisions (server_deleted_at) WHERE server_deleted_at IS NOT NULL`,
    );
    // The stored (sealed) transport and config a run was made from; null for runs before this.
    await queryRunner.query(`ALTER TABLE server_runs ADD COLUMN launch jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_runs DROP COLUMN launch`);
    await queryRunner.query(`DROP TABLE server_revisions`);
  }
}
