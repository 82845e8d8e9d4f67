import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A server's last failure (a failed start, a run that ended unexpectedly, a stop after failed
 * checks) with its reason, exit code or signal and last stderr lines, next to its other live
 * figures: written by the same statement as the move to `error`, so list rows, cards and the
 * overview show why a server failed without a look at its events.
 */
export class AddServerLastFailure1796300001100 implements MigrationInterface {
  name = 'AddServerLastFailure1796300001100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_live_figures ADD COLUMN last_failure jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_live_figures DROP COLUMN last_failure`);
  }
}
