export * from './lib/gateway-api';
