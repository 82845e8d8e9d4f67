import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event store and the audit trail. Triggers refuse UPDATE on both, so a
 * row once written stays as written; only the retention job deletes, and only old rows.
 */
export class CreateEventStore1764057600000 implements MigrationInterface {
  name = 'CreateEventStore1764057600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        type varchar(100) NOT NULL,
        severity varchar(10) NOT NULL CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
        category varchar(20) NOT NULL
          CHECK (category IN ('lifecycle', 'health', 'command', 'config', 'audit', 'security', 'system')),
        server_id uuid,
        server_name varchar(100),
        message text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id varchar(128),
        actor_kind varchar(10) NOT NULL CHECK (actor_kind IN ('user', 'token', 'system', 'anonymous')),
        actor_id uuid,
        actor_name varchar(254) NOT NULL,
        instance_id varchar(100) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX events_server_seq ON events (server_id, seq) WHERE server_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX events_type_seq ON events (type, seq)`);
    await queryRunner.query(`CREATE INDEX events_category_seq ON events (category, seq)`);
    await queryRunner.query(`CREATE INDEX events_occurred_at ON events (occurred_at)`);
    await queryRunner.query(`CREATE INDEX events_correlation ON events (correlation_id) WHERE correlation_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_kind varchar(10) NOT NULL CHECK (actor_kind IN ('user', 'token', 'system', 'anonymous')),
        actor_id uuid,
        actor_name varchar(254) NOT NULL,
        action varchar(100) NOT NULL,
        target_type varchar(50),
        target_id varchar(100),
        target_name varchar(254),
        ip varchar(64),
        user_agent varchar(512),
        result varchar(10) NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
        status_code smallint,
        error_code varchar(50),
        correlation_id varchar(128),
        via varchar(10) NOT NULL CHECK (via IN ('rest', 'socket')),
        instance_id varchar(100) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_seq ON audit_log (actor_id, seq)`);
    await queryRunner.query(`CREATE INDEX audit_log_target_seq ON audit_log (target_id, seq) WHERE target_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_log_action_seq ON audit_log (action, seq)`);

    await queryRunner.query(`
      CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER events_append_only BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION refuse_update()`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_update()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION refuse_update()`);
  }
}
