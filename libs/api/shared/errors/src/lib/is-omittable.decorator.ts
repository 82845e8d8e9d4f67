import { ValidateIf } from 'class-validator';

/**
 * An optional field that may be left out but not sent as `null`: `@IsOptional()` skips the
 * field's rules for null too, which then reached NOT NULL columns and answered 500.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
