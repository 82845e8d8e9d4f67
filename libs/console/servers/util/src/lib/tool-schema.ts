/**
 * A tool's JSON Schema `inputSchema` as a list of form fields, and the form's values back as
 * typed arguments. Plain TypeScript so the rules are unit-tested without a browser.
 *
 * Scalars get their own input (text, number, checkbox, select); anything the form cannot
 * express field by field (nested objects, arrays, unions, `$ref`) becomes a JSON textarea.
 */

export type ToolFieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'json';

/** A primitive allowed in a JSON Schema `enum` or `const`. */
export type EnumOption = string | number | boolean | null;

/**
 * What a form control holds: text for string/number/json inputs, a boolean (or null for "not
 * set") for checkboxes, the chosen option (or null) for enums.
 */
export type ToolFieldValue = string | number | boolean | null;

export interface ToolField {
  /** The property name: also the field's label, so the form matches the schema one to one. */
  name: string;
  kind: ToolFieldKind;
  required: boolean;
  description: string | null;
  /** The control's starting value: the schema default, or empty. */
  initial: ToolFieldValue;
  /** Enum options, in schema order (empty for other kinds). */
  options: readonly EnumOption[];
  /** For json fields: what the parsed value must be (`any` when the schema does not say). */
  jsonType: 'object' | 'array' | 'any';
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
  /** The schema type as written, shown as a hint (`string`, `integer`, `array`, ...). */
  typeLabel: string;
}

export type ToolFormValues = Record<string, ToolFieldValue | undefined>;

export interface ToolArgumentsResult {
  /** Set only when there are no errors. */
  arguments: Record<string, unknown> | null;
  /** Per field name, one sentence. */
  errors: Record<string, string>;
}

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isEnumOption(value: unknown): value is EnumOption {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** `type: ['string', 'null']` is a nullable string: the form treats it as a string. */
function declaredTypes(schema: Schema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') {
    return [type];
  }
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function kindOf(schema: Schema): { kind: ToolFieldKind; jsonType: ToolField['jsonType']; typeLabel: string } {
  const types = declaredTypes(schema);
  const nonNull = types.filter((type) => type !== 'null');
  const typeLabel = types.length > 0 ? types.join(' | ') : 'any';
  const options = enumOptions(schema);
  if (options.length > 0) {
    return { kind: 'enum', jsonType: 'any', typeLabel: types.length > 0 ? typeLabel : 'enum' };
  }
  if (nonNull.length === 1) {
    const [type] = nonNull;
    switch (type) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return { kind: type, jsonType: 'any', typeLabel };
      case 'object':
      case 'array':
        return { kind: 'json', jsonType: type, typeLabel };
      default:
        return { kind: 'json', jsonType: 'any', typeLabel };
    }
  }
  return { kind: 'json', jsonType: 'any', typeLabel };
}

function enumOptions(schema: Schema): EnumOption[] {
  const values = schema['enum'];
  if (Array.isArray(values)) {
    return values.filter(isEnumOption);
  }
  if ('const' in schema && isEnumOption(schema['const'])) {
    return [schema['const']];
  }
  return [];
}

function initialValue(kind: ToolFieldKind, schema: Schema, options: readonly EnumOption[], required: boolean): ToolFieldValue {
  const fallback = schema['default'];
  const hasDefault = 'default' in schema && fallback !== undefined;
  switch (kind) {
    case 'string':
      return hasDefault && typeof fallback === 'string' ? fallback : '';
    case 'integer':
    case 'number':
      return hasDefault && typeof fallback === 'number' ? String(fallback) : '';
    case 'boolean':
      if (hasDefault && typeof fallback === 'boolean') {
        return fallback;
      }
      // An unticked box must mean false when the tool needs a value; otherwise it means "not set".
      return required ? false : null;
    case 'enum':
      if (hasDefault && isEnumOption(fallback) && options.includes(fallback)) {
        return fallback;
      }
      // A single allowed value (`const`) has nothing to choose.
      return options.length === 1 ? options[0] : null;
    case 'json':
      return hasDefault ? JSON.stringify(fallback, null, 2) : '';
  }
}

/** The form fields of a tool's input schema, in property order. */
export function schemaToFields(inputSchema: unknown): ToolField[] {
  if (!isSchema(inputSchema) || !isSchema(inputSchema['properties'])) {
    return [];
  }
  const required = new Set(
    Array.isArray(inputSchema['required']) ? inputSchema['required'].filter((name): name is string => typeof name === 'string') : [],
  );
  return Object.entries(inputSchema['properties']).map(([name, raw]): ToolField => {
    // `true` (anything goes) or a malformed entry: let the user type JSON.
    const schema = isSchema(raw) ? raw : {};
    const { kind, jsonType, typeLabel } = kindOf(schema);
    const options = kind === 'enum' ? enumOptions(schema) : [];
    const isRequired = required.has(name);
    return {
      name,
      kind,
      required: isRequired,
      description: typeof schema['description'] === 'string' ? schema['description'] : null,
      initial: initialValue(kind, schema, options, isRequired),
      options,
      jsonType,
      minimum: numberOrNull(schema['minimum']),
      maximum: numberOrNull(schema['maximum']),
      minLength: numberOrNull(schema['minLength']),
      maxLength: numberOrNull(schema['maxLength']),
      typeLabel,
    };
  });
}

/** The form's starting values, one per field. */
export function initialValues(fields: readonly ToolField[]): ToolFormValues {
  return Object.fromEntries(fields.map((field) => [field.name, field.initial]));
}

type Parsed = { value: unknown } | { error: string } | { omit: true };

function parseNumber(field: ToolField, text: string): Parsed {
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return { error: 'Must be a number' };
  }
  if (field.kind === 'integer' && !Number.isInteger(value)) {
    return { error: 'Must be a whole number' };
  }
  if (field.minimum !== null && value < field.minimum) {
    return { error: `Must be at least ${field.minimum}` };
  }
  if (field.maximum !== null && value > field.maximum) {
    return { error: `Must be at most ${field.maximum}` };
  }
  return { value };
}

function parseJson(field: ToolField, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (field.jsonType === 'array' && !Array.isArray(value)) {
    return { error: 'Must be a JSON array, like [1, 2]' };
  }
  if (field.jsonType === 'object' && !isSchema(value)) {
    return { error: 'Must be a JSON object, like {"key": "value"}' };
  }
  return { value };
}

function parseString(field: ToolField, text: string): Parsed {
  if (field.minLength !== null && text.length < field.minLength) {
    return { error: `Must be at least ${field.minLength} characters` };
  }
  if (field.maxLength !== null && text.length > field.maxLength) {
    return { error: `Must be at most ${field.maxLength} characters` };
  }
  return { value: text };
}

function parseField(field: ToolField, raw: ToolFieldValue | undefined): Parsed {
  const missing: Parsed = field.required ? { error: 'Required' } : { omit: true };
  switch (field.kind) {
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : missing;
    case 'enum':
      // null is a real option only when the schema lists it; otherwise it means "not chosen".
      return raw === undefined || (raw === null && !field.options.includes(null)) ? missing : { value: raw };
    case 'string': {
      const text = raw === null || raw === undefined ? '' : String(raw);
      return text === '' ? missing : parseString(field, text);
    }
    case 'integer':
    case 'number':
    case 'json': {
      const text = raw === null || raw === undefined ? '' : String(raw).trim();
      if (text === '') {
        return missing;
      }
      return field.kind === 'json' ? parseJson(field, text) : parseNumber(field, text);
    }
  }
}

/**
 * The tool's arguments from the form: numbers as numbers, JSON parsed, empty optional fields
 * left out (so the tool's own defaults apply), and one error per field that cannot be sent.
 */
export function valuesToArguments(fields: readonly ToolField[], values: ToolFormValues): ToolArgumentsResult {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const parsed = parseField(field, values[field.name]);
    if ('error' in parsed) {
      errors[field.name] = parsed.error;
    } else if ('value' in parsed) {
      args[field.name] = parsed.value;
    }
  }
  return Object.keys(errors).length > 0 ? { arguments: null, errors } : { arguments: args, errors };
}
