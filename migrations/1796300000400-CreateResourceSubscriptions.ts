import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resources the fleet subscribes to on a server's behalf (`resources/subscribe`): kept across
 * runs and renewed at every start, so an update is an event whatever replica runs the server.
 */
export class CreateResourceSubscriptions1796300000400 implements MigrationInterface {
  name = 'CreateResourceSubscriptions1796300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE resource_subscriptions (
        server_id uuid NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
        uri varchar(2048) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(320),
        PRIMARY KEY (server_id, uri)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE resource_subscriptions`);
  }
}
