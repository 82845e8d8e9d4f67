export * from './lib/gateway-feature.module';
