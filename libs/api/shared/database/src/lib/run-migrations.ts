import { DataSource, MigrationExecutor } from 'typeorm';

/** Any fixed number: every instance of mcp-fleet uses the same one. */
const MIGRATION_LOCK_KEY = 7_402_117_553;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so several API
 * instances booting together against one database migrate it exactly once. The lock
 * and the migrations share one connection, which also works with a one-connection pool.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
