export * from './lib/catalog.repository';
export * from './lib/logs.repository';
export * from './lib/runs.repository';
export * from './lib/runtime-data-access.module';
export * from './lib/metric-samples.repository';
export * from './lib/leases.repository';
export * from './lib/instances.repository';
export * from './lib/sql-client';
