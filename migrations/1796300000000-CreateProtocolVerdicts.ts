import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What `auto` protocol selection learnt: a server found to speak only the legacy protocol is
 * started without the `server/discover` probe next time, for the same launch and version.
 */
export class CreateProtocolVerdicts1796300000000 implements MigrationInterface {
  name = 'CreateProtocolVerdicts1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE protocol_verdicts (
        server_id uuid PRIMARY KEY REFERENCES mcp_servers (id) ON DELETE CASCADE,
        era varchar(16) NOT NULL CHECK (era IN ('legacy')),
        launch_fingerprint char(64) NOT NULL,
        server_version varchar(200),
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE protocol_verdicts`);
  }
}
