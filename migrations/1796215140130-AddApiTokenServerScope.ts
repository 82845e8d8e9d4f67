import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API token may be limited to some servers (REST, the live feed and the MCP gateway). NULL
 * means every server, so existing tokens keep what they could do. No foreign key: an array
 * cannot carry one, and the id of a server removed later simply matches nothing.
 */
export class AddApiTokenServerScope1796215140130 implements MigrationInterface {
  name = 'AddApiTokenServerScope1796215140130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_tokens ADD COLUMN server_ids uuid[]`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_tokens DROP COLUMN server_ids`);
  }
}
