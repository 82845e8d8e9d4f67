import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins are no longer counted per account alone (that let anyone lock an owner out) but
 * per (account, address) and per address, both found through the address index. The account
 * index served only the old count; the purge that runs after each failure wants the time.
 */
export class ReindexLoginFailures1796174781186 implements MigrationInterface {
  name = 'ReindexLoginFailures1796174781186';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_login_failures_email`);
    await queryRunner.query(`CREATE INDEX ix_login_failures_failed_at ON login_failures (failed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_login_failures_failed_at`);
    await queryRunner.query(`CREATE INDEX ix_login_failures_email ON login_failures (email_key, failed_at)`);
  }
}
