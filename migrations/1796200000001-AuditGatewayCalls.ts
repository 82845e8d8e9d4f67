import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The MCP gateway audits every call: it arrives `via` mcp, and its duration is kept (a tool call's
 * row says how long it took, as the audit trail asks).
 */
export class AuditGatewayCalls1796200000001 implements MigrationInterface {
  name = 'AuditGatewayCalls1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_via_check`);
    await queryRunner.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_via_check CHECK (via IN ('rest', 'socket', 'mcp'))`);
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN duration_ms integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN duration_ms`);
    await queryRunner.query(`DELETE FROM audit_log WHERE via = 'mcp'`);
    await queryRunner.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_via_check`);
    await queryRunner.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_via_check CHECK (via IN ('rest', 'socket'))`);
  }
}
