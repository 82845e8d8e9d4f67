export * from './lib/gateway-page';
