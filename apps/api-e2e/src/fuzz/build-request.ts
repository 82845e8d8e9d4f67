import { type FuzzCase, type Json, jsonText, percentEncode, Ref, type RefKey, type UrlPart } from './fuzz-case';
import type { Operation } from './openapi';
import type { RawRequest } from './raw-http';

/** What a case needs from the running suite to become bytes: credentials and fixture ids. */
export interface CaseContext {
  /** The persona's `Authorization` value, if it has one. */
  authorization(persona: FuzzCase['persona']): string | undefined;
  /** The current id of a fixture. */
  fixtureId(key: Exclude<RefKey, 'server.version'>): string;
  /** The current version of a server, for a PATCH meant to pass the concurrency check. */
  serverVersion(id: string): Promise<number>;
}

/** Turns a generated case into the exact request to send. */
export async function buildRequest(operation: Operation, fuzzCase: FuzzCase, context: CaseContext): Promise<RawRequest> {
  const part = (value: UrlPart): string => {
    if ('ref' in value) {
      return value.ref === 'server.version' ? '1' : context.fixtureId(value.ref);
    }
    return 'raw' in value ? value.raw : percentEncode(value.text);
  };
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => (fuzzCase.path[name] ? part(fuzzCase.path[name]) : ''));
  const query = fuzzCase.query.map(([name, value]) => `${part(name)}=${part(value)}`).join('&');

  const idPart = fuzzCase.path['id'];
  const version = usesRef(fuzzCase.body && 'json' in fuzzCase.body ? fuzzCase.body.json : null, 'server.version')
    ? await context.serverVersion(idPart ? part(idPart) : '')
    : 1;
  const resolve = (ref: Ref): Json => (ref.key === 'server.version' ? version : context.fixtureId(ref.key));

  const headers: [string, string][] = [];
  const given = new Set(fuzzCase.headers.map(([name]) => name.toLowerCase()));
  const authorization = context.authorization(fuzzCase.persona);
  if (authorization && !given.has('authorization')) {
    headers.push(['authorization', authorization]);
  }
  let body: Buffer | undefined;
  if (fuzzCase.body) {
    body = Buffer.from('json' in fuzzCase.body ? jsonText(fuzzCase.body.json, resolve) : fuzzCase.body.text, 'utf8');
    if (!given.has('content-type')) {
      headers.push(['content-type', 'application/json']);
    }
    headers.push(['content-length', String(body.length)]);
  }
  headers.push(...fuzzCase.headers);
  return {
    method: operation.method,
    target: query ? `${path}?${query}` : path,
    headers,
    body,
  };
}

function usesRef(value: Json, key: RefKey): boolean {
  if (value instanceof Ref) {
    return value.key === key;
  }
  if (value === null || typeof value !== 'object') {
    return false;
  }
  return Object.values(value).some((child: Json) => usesRef(child, key));
}
