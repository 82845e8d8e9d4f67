import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMcpServers1764021600000 implements MigrationInterface {
  name = 'CreateMcpServers1764021600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mcp_servers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        type varchar(50) NOT NULL DEFAULT 'custom',
        transport varchar(20) NOT NULL
          CONSTRAINT ck_mcp_servers_transport CHECK (transport IN ('stdio', 'streamable-http', 'sse')),
        status varchar(20) NOT NULL DEFAULT 'stopped'
          CONSTRAINT ck_mcp_servers_status CHECK (status IN ('running', 'stopped', 'error', 'starting', 'stopping')),
        state varchar(20) NOT NULL DEFAULT 'stopped'
          CONSTRAINT ck_mcp_servers_state CHECK (state IN ('stopped', 'starting', 'running', 'stopping', 'error', 'maintenance')),
        desired_state varchar(20) NOT NULL DEFAULT 'stopped'
          CONSTRAINT ck_mcp_servers_desired_state CHECK (desired_state IN ('running', 'stopped', 'maintenance')),
        config jsonb NOT NULL,
        health jsonb NOT NULL,
        metrics jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        tags text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    // Names are unique regardless of case: "GitHub" and "github" would confuse operators.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_mcp_servers_name_lower ON mcp_servers (lower(name))`);
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_status ON mcp_servers (status)`);
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_transport ON mcp_servers (transport)`);
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_type ON mcp_servers (type)`);
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_created_at ON mcp_servers (created_at)`);
    await queryRunner.query(`CREATE INDEX ix_mcp_servers_tags ON mcp_servers USING gin (tags)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mcp_servers`);
  }
}
