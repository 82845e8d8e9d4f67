export * from './lib/api-tokens.repository';
export * from './lib/auth-data-access.module';
export * from './lib/login-failures.repository';
export * from './lib/refresh-tokens.repository';
export * from './lib/users.repository';
