import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk operations remember their answer under the caller's Idempotency-Key for a day, so a
 * retried request (a timeout, a flaky proxy) returns the first answer instead of running twice.
 */
export class CreateIdempotencyKeys1764066600000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764066600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        principal_id varchar(100) NOT NULL,
        key varchar(128) NOT NULL,
        request_hash char(64) NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
