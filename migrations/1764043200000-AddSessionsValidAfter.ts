import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Access tokens issued before this instant are refused (set by a password reset). */
export class AddSessionsValidAfter1764043200000 implements MigrationInterface {
  name = 'AddSessionsValidAfter1764043200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN sessions_valid_after timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN sessions_valid_after`);
  }
}
