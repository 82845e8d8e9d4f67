import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each log line came from (`stderr`, `stdout` that is not MCP, `mcp` log messages) and its
 * MCP log level. Lines stored before were all stderr, without a level: the defaults say so.
 */
export class AddServerLogStreamLevel1796300000200 implements MigrationInterface {
  name = 'AddServerLogStreamLevel1796300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_logs ADD COLUMN stream text NOT NULL DEFAULT 'stderr', ADD COLUMN level text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_logs DROP COLUMN stream, DROP COLUMN level`);
  }
}
