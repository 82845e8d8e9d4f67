export * from './lib/health-feature.module';
