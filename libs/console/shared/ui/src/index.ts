export * from './lib/confirm-dialog';
export * from './lib/format';
export * from './lib/page-header';
export * from './lib/state-badge';
export * from './lib/view-states';
export * from './lib/clipboard';
