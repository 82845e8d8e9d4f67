import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export interface StringMapRules {
  keyPattern: RegExp;
  keyMaxLength: number;
  valueMaxLength: number;
  maxEntries: number;
  /** Characters no value may contain (for example CR/LF in headers, NUL in env). */
  forbiddenValueChars: RegExp;
}

/** Validates a plain `{ [key]: string }` object such as env or headers. */
export function IsStringMap(rules: StringMapRules, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => stringMapProblem(value, rules) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${stringMapProblem(args.value, rules) ?? 'is invalid'}`,
      },
    });
  };
}

function stringMapProblem(value: unknown, rules: StringMapRules): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of string values';
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > rules.maxEntries) {
    return `must have at most ${rules.maxEntries} entries`;
  }
  for (const [key, entry] of entries) {
    if (key.length > rules.keyMaxLength || !rules.keyPattern.test(key)) {
      return `has an invalid name "${key.slice(0, 40)}"`;
    }
    if (typeof entry !== 'string') {
      return `value of "${key}" must be a string`;
    }
    if (entry.length > rules.valueMaxLength) {
      return `value of "${key}" must be at most ${rules.valueMaxLength} characters`;
    }
    if (rules.forbiddenValueChars.test(entry)) {
      return `value of "${key}" contains a forbidden control character`;
    }
  }
  return null;
}
