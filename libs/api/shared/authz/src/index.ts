export * from './lib/access.decorators';
export * from './lib/audit.decorators';
export * from './lib/call-context';
export * from './lib/credential-verifier';
