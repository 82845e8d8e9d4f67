export * from './lib/bulk-progress-matcher';
export * from './lib/bulk-progress-panel';
export * from './lib/drift-chip';
export * from './lib/failure-note';
export * from './lib/metric-chart';
export * from './lib/range-toggle';
export * from './lib/server-card';
export * from './lib/server-live';
