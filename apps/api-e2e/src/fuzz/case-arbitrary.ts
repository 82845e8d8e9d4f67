import fc from 'fast-check';

import { type Body, type FuzzCase, type Json, objectOf, type Persona, RawJson, Ref, type UrlPart } from './fuzz-case';
import {
  hostileAuthorization,
  hostileBodyText,
  hostileContentType,
  hostileCookie,
  hostileHeaderValue,
  hostileJson,
  hostileNumericQueryValue,
  hostileQueryName,
  hostileQueryValue,
  hostileSegment,
  prototypeObjects,
} from './hostile-values';
import { type OpenApiDocument, type Operation, type ParameterObject, resolveSchema, type SchemaObject } from './openapi';
import { fieldPaths, schemaGenerator } from './schema-arbitraries';
import { pathHint } from './value-hints';

/** Where a case puts its hostile value; `valid` cases are built from the schema alone. */
type Focus = 'valid' | 'path' | 'query' | 'headers' | 'body';

/** A correlation id the API must echo: 1–128 of `A–Z a–z 0–9 . _ : -` (README, Errors). */
const echoableCorrelationId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/);

/**
 * A few keys reused across cases, so the same key meets different bodies (`IDEMPOTENCY_KEY_MISMATCH`)
 * and the same body again (a replay), not only fresh keys.
 */
const idempotencyKey = fc.oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2'), fc.uuid());

/** Weighted choices shrink only within their branch unless told otherwise; these shrink to the first. */
const crossShrink = { withCrossShrink: true };

const persona: fc.Arbitrary<Persona> = fc.oneof(
  crossShrink,
  { weight: 3, arbitrary: fc.constant<Persona>('admin') },
  { weight: 1, arbitrary: fc.constant<Persona>('viewer') },
  { weight: 1, arbitrary: fc.constant<Persona>('anonymous') },
);

/**
 * Every case of one operation: a persona, then either a request valid by the schema or a
 * valid request made hostile in one place only (a path parameter, one or two query pairs, one
 * or two headers, or the body), so a failure shrinks to the value that caused it.
 */
export function caseArbitrary(
  doc: OpenApiDocument,
  operation: Operation,
  hints: Record<string, fc.Arbitrary<Json>>,
): fc.Arbitrary<FuzzCase> {
  const values = schemaGenerator(doc, hints);
  const textOf = (value: Json): UrlPart =>
    value instanceof Ref
      ? { ref: value.key }
      : { text: typeof value === 'string' ? value : value instanceof RawJson ? value.text : JSON.stringify(value) };

  const validSegment = (param: ParameterObject): fc.Arbitrary<UrlPart> => {
    const hint = pathHint(hints, operation.path, param.name);
    // Mostly an existing fixture: a random id stops at 404 before the handler's own work.
    const other = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 12 }));
    return (hint ? fc.oneof(crossShrink, { weight: 4, arbitrary: hint }, { weight: 1, arbitrary: other }) : other).map(textOf);
  };
  const validPath = fc.record(Object.fromEntries(operation.pathParams.map((param) => [param.name, validSegment(param)])));
  const hostilePath =
    operation.pathParams.length === 0
      ? validPath
      : fc
          .tuple(validPath, fc.constantFrom(...operation.pathParams.map((param) => param.name)), hostileSegment)
          .map(([path, name, segment]) => ({ ...path, [name]: segment }));

  const queryValue = (param: ParameterObject): fc.Arbitrary<UrlPart> =>
    (hints[`query:${param.name}`] ?? values.valid(param.schema ?? {})).map(textOf);
  const validQuery = fc
    .tuple(
      ...operation.queryParams.map((param) =>
        // Each optional parameter in one case of four: with all fourteen of /events set at once,
        // some pair always conflicts and validation stops the case before any hostile value counts.
        param.required
          ? queryValue(param)
          : fc.oneof(crossShrink, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: queryValue(param) }),
      ),
    )
    .map((picked) =>
      picked.flatMap((value, index) =>
        value === undefined ? [] : [[{ text: operation.queryParams[index].name }, value] as [UrlPart, UrlPart]],
      ),
    );
  const numeric = (param: ParameterObject) => param.schema?.type === 'number' || param.schema?.type === 'integer';
  // Numeric parameters three times as often: number edges are where parsing and bigint columns break.
  const declaredPairs = operation.queryParams.map((param) => ({
    weight: numeric(param) ? 3 : 1,
    arbitrary: fc.tuple(fc.constant<UrlPart>({ text: param.name }), numeric(param) ? hostileNumericQueryValue : hostileQueryValue),
  }));
  const hostilePair: fc.Arbitrary<[UrlPart, UrlPart]> = fc.oneof(
    {
      weight: declaredPairs.length ? 4 : 0,
      arbitrary: declaredPairs.length ? fc.oneof(...declaredPairs) : fc.tuple(hostileQueryName, hostileQueryValue),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(hostileQueryName, fc.constantFrom({ text: '1' }, { text: 'x' })),
    },
  );
  const hostileQuery = fc
    .tuple(validQuery, fc.array(hostilePair, { minLength: 1, maxLength: 2 }), fc.boolean())
    .map(([query, pairs, repeated]) =>
      // Repeated: the same name twice, so a parser that keeps both hands an array to code expecting a string.
      repeated ? [...query, ...pairs, ...pairs] : [...query, ...pairs],
    );

  const idempotent = operation.headerParams.some((header) => header.name === 'idempotency-key');
  const validHeaders = fc
    .tuple(
      fc.option(echoableCorrelationId, { nil: undefined }),
      idempotent ? fc.option(idempotencyKey, { nil: undefined, freq: 8 }) : fc.constant(undefined),
    )
    .map(([correlation, key]) => [
      ...(correlation === undefined ? [] : [['x-correlation-id', correlation] as [string, string]]),
      ...(key === undefined ? [] : [['idempotency-key', key] as [string, string]]),
    ]);
  const one =
    (name: string) =>
    (value: string): [string, string][] => [[name, value]];
  const twice = ([first, second]: [string, string], name: string): [string, string][] => [
    [name, first],
    [name, second],
  ];
  const hostileHeader: fc.Arbitrary<[string, string][]> = fc.oneof(
    { weight: 3, arbitrary: hostileHeaderValue.map(one('x-correlation-id')) },
    { weight: idempotent ? 3 : 0, arbitrary: hostileHeaderValue.map(one('idempotency-key')) },
    {
      weight: 1,
      arbitrary: fc.tuple(hostileHeaderValue, echoableCorrelationId).map((pair) => twice(pair, 'x-correlation-id')),
    },
    {
      weight: idempotent ? 1 : 0,
      arbitrary: fc.tuple(idempotencyKey, idempotencyKey).map((pair) => twice(pair, 'idempotency-key')),
    },
    { weight: 1, arbitrary: hostileAuthorization.map(one('authorization')) },
    { weight: 1, arbitrary: hostileContentType.map(one('content-type')) },
    { weight: 1, arbitrary: hostileCookie.map(one('cookie')) },
  );
  const hostileHeaders = fc.tuple(validHeaders, fc.array(hostileHeader, { minLength: 1, maxLength: 2 })).map(([headers, sets]) => {
    const hostile = sets.flat();
    return [...headers.filter(([name]) => !hostile.some(([other]) => other === name)), ...hostile];
  });

  const bodySchema = operation.bodySchema;
  const validBody: fc.Arbitrary<Body | undefined> = bodySchema
    ? values.valid(bodySchema).map((json) => ({ json }))
    : fc.constant(undefined);
  const hostileBody = bodySchema ? hostileBodyFor(doc, bodySchema, values.valid(bodySchema)) : otherBody;

  // One record per focus, not a chain on the focus: fast-check shrinks a record field by field,
  // a chained value hardly at all. Weighted by what the operation has: a route with 14 query
  // parameters gets more query cases.
  const caseWith = (focus: Focus): fc.Arbitrary<FuzzCase> =>
    fc.record({
      persona,
      path: focus === 'path' ? hostilePath : validPath,
      query: focus === 'query' ? hostileQuery : validQuery,
      headers: focus === 'headers' ? hostileHeaders : validHeaders,
      body: focus === 'body' ? hostileBody : validBody,
    });
  return fc.oneof(
    { weight: 2, arbitrary: caseWith('valid') },
    { weight: operation.pathParams.length ? 3 : 0, arbitrary: caseWith('path') },
    { weight: 1 + Math.min(operation.queryParams.length, 4), arbitrary: caseWith('query') },
    { weight: idempotent ? 4 : 2, arbitrary: caseWith('headers') },
    { weight: bodySchema ? 4 : 1, arbitrary: caseWith('body') },
  );
}

/** A body for a route that takes none: whatever it is, it must not matter. */
const otherBody: fc.Arbitrary<Body | undefined> = fc.oneof(
  hostileBodyText.map((text) => ({ text })),
  prototypeObjects.map((json) => ({ json })),
);

/** A hostile body: not JSON at all, one field replaced by a hostile value, or an extra (prototype) key. */
function hostileBodyFor(doc: OpenApiDocument, schema: SchemaObject, valid: fc.Arbitrary<Json>): fc.Arbitrary<Body | undefined> {
  const paths = fieldPaths(doc, schema);
  const limitsAt = (path: string[]) => {
    const field = schemaAt(doc, schema, path);
    return { maxLength: field?.maxLength, maxItems: field?.maxItems };
  };
  const hostileField = paths.map((path) => fc.tuple(fc.constant(path), hostileJson(limitsAt(path))));
  const replaced = hostileField.length
    ? fc.tuple(valid, fc.array(fc.oneof(...hostileField), { minLength: 1, maxLength: 2 })).map(([body, fields]) => ({
        json: fields.reduce((acc: Json, [path, value]) => setAt(acc, path, value), body),
      }))
    : fc.constant(undefined);
  const extraKey = fc
    .tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField'), fc.oneof(prototypeObjects, hostileJson()))
    .map(([body, key, value]) => ({ json: setAt(body, [key], value) }));
  return fc.oneof(
    { weight: 3, arbitrary: hostileBodyText.map((text) => ({ text })) },
    { weight: 5, arbitrary: replaced },
    { weight: 2, arbitrary: extraKey },
    { weight: 1, arbitrary: hostileJson().map((json) => ({ json })) },
  );
}

function schemaAt(doc: OpenApiDocument, schema: SchemaObject, path: string[]): SchemaObject | undefined {
  let current: SchemaObject | undefined = schema;
  for (const key of path) {
    if (!current) {
      return undefined;
    }
    const resolved = resolveSchema(doc, current).schema;
    const target: SchemaObject = resolved.allOf?.length === 1 ? resolveSchema(doc, resolved.allOf[0]).schema : resolved;
    current = target.properties?.[key];
  }
  return current && resolveSchema(doc, current).schema;
}

/** A copy of `body` with `value` at `path`, creating objects on the way and keeping every other key. */
function setAt(body: Json, path: string[], value: Json): Json {
  const [key, ...rest] = path;
  const base: { [key: string]: Json } =
    body !== null && typeof body === 'object' && !Array.isArray(body) && !(body instanceof RawJson) && !(body instanceof Ref) ? body : {};
  const child = rest.length ? setAt(Object.prototype.hasOwnProperty.call(base, key) ? base[key] : {}, rest, value) : value;
  return objectOf([
    ...Object.keys(base)
      .filter((other) => other !== key)
      .map((other): [string, Json] => [other, base[other]]),
    [key, child],
  ]);
}
