export * from './lib/runtime-feature.module';
export * from './lib/supervisor/supervisor.service';
