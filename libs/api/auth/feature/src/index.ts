export * from './lib/auth-feature.module';
export * from './lib/services/principal-resolver.service';
export * from './lib/services/socket-authenticator.service';
export * from './lib/services/users.service';
