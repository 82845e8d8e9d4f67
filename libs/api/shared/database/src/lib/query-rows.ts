import { DataSource, type EntityManager } from 'typeorm';

/**
 * Plain rows for any statement, on a data source or inside a transaction's manager.
 * (TypeORM's own `query` reshapes UPDATE/DELETE results into `[rows, count]`.)
 */
export async function queryRows<T>(source: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const transactional = source instanceof DataSource ? undefined : source.queryRunner;
  const runner = transactional ?? (source instanceof DataSource ? source : source.connection).createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  } finally {
    if (!transactional) {
      await runner.release();
    }
  }
}

/** A case-insensitive substring pattern for `ILIKE` in which `%`, `_` and `\` are literal. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
