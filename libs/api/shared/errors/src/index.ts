export * from './lib/domain-error';
export * from './lib/error-response';
export * from './lib/global-exception.filter';
export * from './lib/parse-id.pipe';
export * from './lib/validation-errors';
export * from './lib/is-omittable.decorator';
