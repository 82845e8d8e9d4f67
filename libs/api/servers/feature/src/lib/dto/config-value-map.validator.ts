import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export interface StringMapRules {
  keyPattern: RegExp;
  keyMaxLength: number;
  valueMaxLength: number;
  maxEntries: number;
  /** Characters no value may contain (for example CR/LF in headers, NUL in env). */
  forbiddenValueChars: RegExp;
}

/**
 * Validates env or headers: `{ [name]: string | { secret: true, value?: string } }`.
 * A secret without a value means "keep the stored one" and is only meaningful in updates.
 */
export function IsConfigValueMap(rules: StringMapRules, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => stringMapProblem(value, rules) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${stringMapProblem(args.value, rules) ?? 'is invalid'}`,
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
    const problem = valueProblem(key, entry, rules);
    if (problem) {
      return problem;
    }
  }
  return null;
}

function valueProblem(key: string, entry: unknown, rules: StringMapRules): string | null {
  let text: unknown = entry;
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const { secret, value, ...rest } = entry as Record<string, unknown>;
    if (secret !== true || Object.keys(rest).length > 0) {
      return `value of "${key}" must be a string or { "secret": true, "value": string }`;
    }
    if (value === undefined) {
      return null;
    }
    text = value;
  }
  if (typeof text !== 'string') {
    return `value of "${key}" must be a string or { "secret": true, "value": string }`;
  }
  if (text.length > rules.valueMaxLength) {
    return `value of "${key}" must be at most ${rules.valueMaxLength} characters`;
  }
  if (rules.forbiddenValueChars.test(text)) {
    return `value of "${key}" contains a forbidden control character`;
  }
  return null;
}
