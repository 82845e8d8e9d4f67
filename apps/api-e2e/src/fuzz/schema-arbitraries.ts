import fc from 'fast-check';

import { type Json, RawJson } from './fuzz-case';
import { type OpenApiDocument, resolveSchema, type SchemaObject } from './openapi';

/** Lengths of generated valid strings and arrays stay small: big ones belong to the hostile catalogue. */
const VALID_STRING_MAX = 40;
const VALID_ARRAY_MAX = 4;

export interface SchemaGenerator {
  /** A value that the schema accepts, edges (minimum, maximum, `maxLength`, `maxItems`) included. */
  valid(schema: SchemaObject, owner?: string, property?: string): fc.Arbitrary<Json>;
}

export function schemaGenerator(doc: OpenApiDocument, hints: Record<string, fc.Arbitrary<Json>>): SchemaGenerator {
  const valid = (input: SchemaObject, owner?: string, property?: string): fc.Arbitrary<Json> => {
    const hint = owner && property ? hints[`${owner}.${property}`] : undefined;
    if (hint) {
      return hint;
    }
    const { schema, name } = resolveSchema(doc, input);
    const self = name ?? owner;
    if (schema.allOf?.length) {
      return schema.allOf.length === 1
        ? valid(schema.allOf[0], owner, property)
        : fc.oneof(...schema.allOf.map((part) => valid(part, owner, property)));
    }
    if (schema.enum?.length) {
      return fc.constantFrom(...(schema.enum as Json[]));
    }
    if (schema.minimum !== undefined || schema.maximum !== undefined || schema.type === 'number' || schema.type === 'integer') {
      return numberValue(schema);
    }
    if (schema.type === 'string') {
      return stringValue(schema);
    }
    if (schema.type === 'boolean') {
      return fc.boolean();
    }
    if (schema.type === 'array') {
      const item = valid(schema.items ?? {}, self, property ? `${property}[]` : undefined);
      return arrayValue(schema, item);
    }
    if (schema.type === 'object') {
      return objectValue(schema, self, valid);
    }
    return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  };
  return { valid };
}

function numberValue(schema: SchemaObject): fc.Arbitrary<Json> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  const edges: Json[] = [min, max];
  // With no documented bound, the edges are those of the bigint columns such numbers end up in.
  if (schema.maximum === undefined) {
    edges.push(new RawJson('9223372036854775807'));
  }
  if (schema.minimum === undefined) {
    edges.push(new RawJson('-9223372036854775808'));
  }
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...edges) }, { weight: 3, arbitrary: fc.integer({ min, max }) });
}

function stringValue(schema: SchemaObject): fc.Arbitrary<Json> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? VALID_STRING_MAX, VALID_STRING_MAX));
  if (schema.format === 'uuid') {
    return fc.uuid();
  }
  if (schema.format === 'date-time') {
    const min = new Date('2000-01-01T00:00:00Z');
    const max = new Date('2100-01-01T00:00:00Z');
    return fc.date({ min, max, noInvalidDate: true }).map((date) => date.toISOString());
  }
  if (schema.format === 'email') {
    return fc.emailAddress();
  }
  const edges: string[] = [];
  if (schema.maxLength !== undefined && !schema.pattern) {
    edges.push('a'.repeat(schema.maxLength));
  }
  if (schema.minLength !== undefined && !schema.pattern) {
    edges.push('b'.repeat(schema.minLength));
  }
  const ordinary = schema.pattern
    ? fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((text) => text.length >= minLength && text.length <= (schema.maxLength ?? Infinity))
    : fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));
  return edges.length ? fc.oneof({ weight: 4, arbitrary: ordinary }, { weight: 1, arbitrary: fc.constantFrom(...edges) }) : ordinary;
}

function arrayValue(schema: SchemaObject, items: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const minLength = schema.minItems ?? 0;
  const small = fc.array(items, {
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxItems ?? VALID_ARRAY_MAX, VALID_ARRAY_MAX)),
  });
  if (schema.maxItems === undefined) {
    return small;
  }
  // Exactly at the limit: accepted, and the largest batch a client may send.
  const atLimit = fc.array(items, {
    minLength: schema.maxItems,
    maxLength: schema.maxItems,
  });
  return fc.oneof({ weight: 5, arbitrary: small }, { weight: 1, arbitrary: atLimit });
}

function objectValue(
  schema: SchemaObject,
  owner: string | undefined,
  valid: (schema: SchemaObject, owner?: string, property?: string) => fc.Arbitrary<Json>,
): fc.Arbitrary<Json> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0) {
    // Swagger writes some union-typed fields as `type: object` with a scalar example.
    if (schema.example !== undefined && (typeof schema.example !== 'object' || schema.example === null)) {
      return fc.constant(schema.example as Json);
    }
    return fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 });
  }
  const model = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, valid(child, owner, key)]));
  return fc.record(model, {
    requiredKeys: (schema.required ?? []).filter((key) => key in properties),
  });
}

/** Dotted paths to every property of a body schema (two levels deep), for mutating one field. */
export function fieldPaths(doc: OpenApiDocument, input: SchemaObject, prefix: string[] = [], depth = 0): string[][] {
  const { schema } = resolveSchema(doc, input);
  const target = schema.allOf?.length === 1 ? resolveSchema(doc, schema.allOf[0]).schema : schema;
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(target.properties ?? {})) {
    const path = [...prefix, key];
    paths.push(path);
    if (depth < 1) {
      paths.push(...fieldPaths(doc, child, path, depth + 1));
    }
  }
  return paths;
}
