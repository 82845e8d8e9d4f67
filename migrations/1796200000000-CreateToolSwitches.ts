import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tool switches: a row says a tool of a server is switched off (hidden from every MCP
 * client, its calls refused) or back on. Absent means on, so a new tool is usable at once.
 */
export class CreateToolSwitches1796200000000 implements MigrationInterface {
  name = 'CreateToolSwitches1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tool_switches (
        server_id uuid NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
        tool varchar(128) NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(320),
        PRIMARY KEY (server_id, tool)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tool_switches`);
  }
}
