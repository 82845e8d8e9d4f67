import type { ValidationError } from 'class-validator';

import type { FieldError } from '@mcp-fleet/shared/contracts';

import { DomainError } from './domain-error';

/** Flattens class-validator's nested tree into `config.url`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationFailed(fields: FieldError[]): DomainError {
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.field}: ${f.messages[0] ?? 'invalid'}`)
    .join('; ');
  return new DomainError('VALIDATION_FAILED', `Validation failed: ${summary}`, fields);
}

/** `exceptionFactory` for Nest's ValidationPipe. */
export function validationExceptionFactory(errors: ValidationError[]): DomainError {
  return validationFailed(flattenValidationErrors(errors));
}
