export * from './lib/api-error';
export * from './lib/auth.guards';
export * from './lib/auth.interceptor';
export * from './lib/auth.store';
export * from './lib/fleet-socket';
export * from './lib/http-params';
export * from './lib/notifier';
export * from './lib/theme.store';
