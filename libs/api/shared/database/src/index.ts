export * from './lib/database-options';
export * from './lib/database.module';
export * from './lib/embedded-postgres';
export * from './lib/postgres-errors';
export * from './lib/run-migrations';
export * from './lib/ping-database';
export * from './lib/query-rows';
export * from './lib/idempotency-store';
