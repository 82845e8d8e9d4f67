import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One index per sort of the server list, with the id as tie-breaker, so a page (any size,
 * any offset, either direction) is read in index order instead of sorting every match.
 */
export class IndexServerListSorts1796181723363 implements MigrationInterface {
  name = 'IndexServerListSorts1796181723363';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_sort_name ON mcp_servers ((lower(name) COLLATE "C"), id)`);
    for (const column of ['created_at', 'updated_at', 'status', 'transport', 'type']) {
      await queryRunner.query(`CREATE INDEX ix_mcp_servers_sort_${column} ON mcp_servers (${column}, id)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['name', 'created_at', 'updated_at', 'status', 'transport', 'type']) {
      await queryRunner.query(`DROP INDEX ix_mcp_servers_sort_${column}`);
    }
  }
}
