import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approved definition of each tool, resource and prompt of a server (tool-drift control):
 * the first ones seen (trust on first use), then what an operator approved. A definition the
 * server reports that differs from its row here is drift.
 */
export class CreateCatalogApprovals1796300000900 implements MigrationInterface {
  name = 'CreateCatalogApprovals1796300000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalog_approvals (
        server_id uuid NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('tools', 'resources', 'prompts')),
        name varchar(2048) NOT NULL,
        hash char(64) NOT NULL,
        definition jsonb NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        approved_by varchar(320) NOT NULL,
        PRIMARY KEY (server_id, kind, name)
      )`);
    // When (and by what) the baseline was taken: a server first listed with no tools has one too,
    // so a tool it adds later is new, not a baseline.
    await queryRunner.query(`
      CREATE TABLE catalog_baselines (
        server_id uuid PRIMARY KEY REFERENCES mcp_servers (id) ON DELETE CASCADE,
        taken_at timestamptz NOT NULL DEFAULT now(),
        taken_by varchar(320) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE catalog_baselines`);
    await queryRunner.query(`DROP TABLE catalog_approvals`);
  }
}
