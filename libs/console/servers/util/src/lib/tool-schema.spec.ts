import { initialValues, schemaToFields, type ToolField, valuesToArguments } from './tool-schema';

const schema = {
  type: 'object',
  properties: {
    message: { type: 'string', description: 'Message to echo' },
    count: { type: 'integer', minimum: 1, maximum: 10, default: 3 },
    ratio: { type: 'number' },
    loud: { type: 'boolean' },
    quiet: { type: 'boolean', default: true },
    mode: { type: 'string', enum: ['fast', 'slow'], default: 'slow' },
    level: { enum: [1, 2, 3] },
    options: { type: 'object', properties: { deep: { type: 'string' } } },
    items: { type: 'array', items: { type: 'string' } },
    nickname: { type: ['string', 'null'] },
    anything: {},
  },
  required: ['message', 'level'],
  additionalProperties: false,
};

function field(fields: ToolField[], name: string): ToolField {
  const found = fields.find((item) => item.name === name);
  if (!found) {
    throw new Error(`no field ${name}`);
  }
  return found;
}

describe('schemaToFields', () => {
  const fields = schemaToFields(schema);

  it('keeps one field per property, in schema order, named after the property', () => {
    expect(fields.map((item) => item.name)).toEqual([
      'message',
      'count',
      'ratio',
      'loud',
      'quiet',
      'mode',
      'level',
      'options',
      'items',
      'nickname',
      'anything',
    ]);
  });

  it('maps scalar types to their own kinds and the rest to JSON', () => {
    expect(fields.map((item) => [item.name, item.kind])).toEqual([
      ['message', 'string'],
      ['count', 'integer'],
      ['ratio', 'number'],
      ['loud', 'boolean'],
      ['quiet', 'boolean'],
      ['mode', 'enum'],
      ['level', 'enum'],
      ['options', 'json'],
      ['items', 'json'],
      ['nickname', 'string'],
      ['anything', 'json'],
    ]);
    expect(field(fields, 'options').jsonType).toBe('object');
    expect(field(fields, 'items').jsonType).toBe('array');
    expect(field(fields, 'anything').jsonType).toBe('any');
  });

  it('marks required properties and keeps descriptions and bounds', () => {
    expect(fields.filter((item) => item.required).map((item) => item.name)).toEqual(['message', 'level']);
    expect(field(fields, 'message').description).toBe('Message to echo');
    expect(field(fields, 'count')).toMatchObject({ minimum: 1, maximum: 10 });
    expect(field(fields, 'level').options).toEqual([1, 2, 3]);
  });

  it('starts from the schema defaults, empty otherwise', () => {
    expect(initialValues(fields)).toEqual({
      message: '',
      count: '3',
      ratio: '',
      loud: null,
      quiet: true,
      mode: 'slow',
      level: null,
      options: '',
      items: '',
      nickname: '',
      anything: '',
    });
  });

  it('pretty-prints object and array defaults into the JSON field', () => {
    const [withDefault] = schemaToFields({ type: 'object', properties: { tags: { type: 'array', default: ['a'] } } });
    expect(withDefault.initial).toBe('[\n  "a"\n]');
  });

  it('starts a required checkbox unticked as false, an optional one as not set', () => {
    const fields2 = schemaToFields({ type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'boolean' } }, required: ['a'] });
    expect(initialValues(fields2)).toEqual({ a: false, b: null });
    expect(valuesToArguments(fields2, initialValues(fields2)).arguments).toEqual({ a: false });
  });

  it('treats a const as a one-option enum chosen already', () => {
    const [constant] = schemaToFields({ type: 'object', properties: { kind: { const: 'fixed' } } });
    expect(constant).toMatchObject({ kind: 'enum', options: ['fixed'], initial: 'fixed' });
  });

  it('answers no fields for a missing or property-less schema', () => {
    expect(schemaToFields(undefined)).toEqual([]);
    expect(schemaToFields({ type: 'object' })).toEqual([]);
    expect(schemaToFields('nonsense')).toEqual([]);
  });

  it('turns unions and references into JSON fields', () => {
    const fields2 = schemaToFields({
      type: 'object',
      properties: {
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        ref: { $ref: '#/$defs/x' },
        two: { type: ['string', 'number'] },
      },
    });
    expect(fields2.map((item) => item.kind)).toEqual(['json', 'json', 'json']);
    expect(fields2[2].typeLabel).toBe('string | number');
  });
});

describe('valuesToArguments', () => {
  const fields = schemaToFields(schema);
  const base = { ...initialValues(fields), message: 'hi', level: 2 };

  it('types the values and leaves empty optional fields out', () => {
    expect(valuesToArguments(fields, base)).toEqual({
      arguments: { message: 'hi', count: 3, quiet: true, mode: 'slow', level: 2 },
      errors: {},
    });
  });

  it('parses numbers, integers, booleans and JSON', () => {
    const result = valuesToArguments(fields, {
      ...base,
      count: ' 7 ',
      ratio: '0.25',
      loud: false,
      options: '{"deep": "yes"}',
      items: '["a", "b"]',
      anything: '42',
      nickname: 'Bo',
    });
    expect(result.errors).toEqual({});
    expect(result.arguments).toEqual({
      message: 'hi',
      count: 7,
      ratio: 0.25,
      loud: false,
      quiet: true,
      mode: 'slow',
      level: 2,
      options: { deep: 'yes' },
      items: ['a', 'b'],
      nickname: 'Bo',
      anything: 42,
    });
  });

  it('reports required fields left empty', () => {
    const result = valuesToArguments(fields, { ...initialValues(fields) });
    expect(result.arguments).toBeNull();
    expect(result.errors).toEqual({ message: 'Required', level: 'Required' });
  });

  it('reports numbers that are not numbers, not whole or out of range', () => {
    expect(valuesToArguments(fields, { ...base, count: '2.5' }).errors).toEqual({ count: 'Must be a whole number' });
    expect(valuesToArguments(fields, { ...base, count: 'abc' }).errors).toEqual({ count: 'Must be a number' });
    expect(valuesToArguments(fields, { ...base, count: '0' }).errors).toEqual({ count: 'Must be at least 1' });
    expect(valuesToArguments(fields, { ...base, count: '11' }).errors).toEqual({ count: 'Must be at most 10' });
    expect(valuesToArguments(fields, { ...base, ratio: '1e400' }).errors).toEqual({ ratio: 'Must be a number' });
  });

  it('reports JSON that does not parse, with the parser message', () => {
    const result = valuesToArguments(fields, { ...base, options: '{"deep": ' });
    expect(result.arguments).toBeNull();
    expect(result.errors['options']).toMatch(/^Invalid JSON: /);
  });

  it('reports JSON of the wrong shape', () => {
    expect(valuesToArguments(fields, { ...base, items: '{"a": 1}' }).errors).toEqual({ items: 'Must be a JSON array, like [1, 2]' });
    expect(valuesToArguments(fields, { ...base, options: '[1]' }).errors).toEqual({
      options: 'Must be a JSON object, like {"key": "value"}',
    });
  });

  it('checks string lengths', () => {
    const stringFields = schemaToFields({ type: 'object', properties: { code: { type: 'string', minLength: 2, maxLength: 3 } } });
    expect(valuesToArguments(stringFields, { code: 'a' }).errors).toEqual({ code: 'Must be at least 2 characters' });
    expect(valuesToArguments(stringFields, { code: 'abcd' }).errors).toEqual({ code: 'Must be at most 3 characters' });
    expect(valuesToArguments(stringFields, { code: 'abc' }).arguments).toEqual({ code: 'abc' });
  });

  it('keeps whitespace in strings as typed', () => {
    expect(valuesToArguments(fields, { ...base, message: '  spaced  ' }).arguments?.['message']).toBe('  spaced  ');
  });

  it('sends null for an enum only when the schema allows it', () => {
    const nullable = schemaToFields({ type: 'object', properties: { pick: { enum: ['a', null] } }, required: ['pick'] });
    expect(valuesToArguments(nullable, { pick: null }).arguments).toEqual({ pick: null });
  });

  it('answers empty arguments for a tool without inputs', () => {
    expect(valuesToArguments([], {})).toEqual({ arguments: {}, errors: {} });
  });
});
