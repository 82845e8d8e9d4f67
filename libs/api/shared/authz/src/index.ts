export * from './lib/access.decorators';
