import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Health and metrics change on every probe and sample; kept on the registry row, each change
 * bumped the registry revision (emptying every replica's list cache) and took the single-row
 * revision lock, about 100 times a second with 1,000 servers. They move to their own table,
 * one row per server, which no trigger watches; the registry row changes only when the
 * registry does (and when a server changes state).
 */
export class MoveLiveFiguresOutOfRegistry1796180727079 implements MigrationInterface {
  name = 'MoveLiveFiguresOutOfRegistry1796180727079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE server_live_figures (
        server_id uuid PRIMARY KEY REFERENCES mcp_servers (id) ON DELETE CASCADE,
        health jsonb NOT NULL,
        metrics jsonb NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO server_live_figures (server_id, health, metrics) SELECT id, health, metrics FROM mcp_servers`);
    await queryRunner.query(`ALTER TABLE mcp_servers DROP COLUMN health, DROP COLUMN metrics`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE mcp_servers ADD COLUMN health jsonb, ADD COLUMN metrics jsonb`);
    await queryRunner.query(
      `UPDATE mcp_servers s SET health = f.health, metrics = f.metrics FROM server_live_figures f WHERE f.server_id = s.id`,
    );
    await queryRunner.query(`ALTER TABLE mcp_servers ALTER COLUMN health SET NOT NULL, ALTER COLUMN metrics SET NOT NULL`);
    await queryRunner.query(`DROP TABLE server_live_figures`);
  }
}
