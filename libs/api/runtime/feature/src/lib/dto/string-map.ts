import { ValidateBy, type ValidationOptions } from 'class-validator';

/** At most this many entries in an argument map: more is no prompt a person wrote. */
export const STRING_MAP_MAX_ENTRIES = 100;

/** A plain object whose every value is a string (MCP prompt and completion arguments). */
export function isStringMap(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const entries = Object.entries(value);
  return entries.length <= STRING_MAP_MAX_ENTRIES && entries.every(([, item]) => typeof item === 'string');
}

export function IsStringMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: isStringMap,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an object of string values (at most ${STRING_MAP_MAX_ENTRIES} entries)`,
      },
    },
    options,
  );
}
