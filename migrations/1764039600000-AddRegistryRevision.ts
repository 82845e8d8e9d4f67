import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that every committed change to mcp_servers bumps, so readers can tell in one
 * tiny query whether a cached list page is still current, across all API instances.
 */
export class AddRegistryRevision1764039600000 implements MigrationInterface {
  name = 'AddRegistryRevision1764039600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE registry_revision (
        id smallint PRIMARY KEY CONSTRAINT ck_registry_revision_single CHECK (id = 1),
        revision bigint NOT NULL
      )
    `);
    await queryRunner.query(`INSERT INTO registry_revision (id, revision) VALUES (1, 1)`);
    await queryRunner.query(`
      CREATE FUNCTION bump_registry_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE registry_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER tr_mcp_servers_revision
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mcp_servers
        FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_revision()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_mcp_servers_revision ON mcp_servers`);
    await queryRunner.query(`DROP FUNCTION bump_registry_revision()`);
    await queryRunner.query(`DROP TABLE registry_revision`);
  }
}
