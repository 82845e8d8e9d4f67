import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes a lifecycle command or bulk operation undoable: the operation (who, when, whether
 * it was undone and by which undo) and, per server it changed, the desired state before and
 * after it. Kept UNDO_WINDOW_DAYS, then removed by an hourly pass.
 */
export class CreateLifecycleOperations1796300000600 implements MigrationInterface {
  name = 'CreateLifecycleOperations1796300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE lifecycle_operations (
        id uuid PRIMARY KEY,
        kind varchar(10) NOT NULL CHECK (kind IN ('command', 'bulk', 'undo')),
        command varchar(20) NOT NULL,
        actor_kind varchar(10) NOT NULL,
        actor_id varchar(64),
        actor_name varchar(254) NOT NULL,
        correlation_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now(),
        undoes uuid,
        undone_at timestamptz,
        undone_by uuid
      )`);
    await queryRunner.query(`CREATE INDEX lifecycle_operations_created ON lifecycle_operations (created_at)`);
    // No foreign key to the server: an undo of a deleted server reports it as not found.
    await queryRunner.query(`
      CREATE TABLE lifecycle_operation_items (
        seq bigserial PRIMARY KEY,
        operation_id uuid NOT NULL REFERENCES lifecycle_operations (id) ON DELETE CASCADE,
        server_id uuid NOT NULL,
        -- The server's place in the request (a bulk operation's serverIds), so an undo answers in that order.
        position integer NOT NULL DEFAULT 0,
        desired_before varchar(20) NOT NULL,
        desired_after varchar(20) NOT NULL,
        UNIQUE (operation_id, server_id)
      )`);
    await queryRunner.query(`CREATE INDEX lifecycle_operation_items_server ON lifecycle_operation_items (server_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lifecycle_operation_items`);
    await queryRunner.query(`DROP TABLE lifecycle_operations`);
  }
}
