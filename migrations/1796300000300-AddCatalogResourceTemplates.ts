import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resource templates (`resources/templates/list`) beside the resources each server reported.
 * Empty for catalogs stored before: they fill on the server's next start.
 */
export class AddCatalogResourceTemplates1796300000300 implements MigrationInterface {
  name = 'AddCatalogResourceTemplates1796300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_catalogs ADD COLUMN resource_templates jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE server_catalogs DROP COLUMN resource_templates`);
  }
}
