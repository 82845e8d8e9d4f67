import type { FastifyInstance } from 'fastify';

import { DomainError, validationFailed } from '@mcp-fleet/api/shared/errors';
import { describeUnstorable, findUnstorable } from '@mcp-fleet/api/shared/security';

import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

/**
 * The only JSON body parser: refuses bodies nested deeper than MAX_JSON_DEPTH before parsing
 * (cheaply, on every route, anonymous ones included), prototype-poisoning keys, and text the
 * database cannot store (NUL, lone surrogates), each with a 400 in the error shape.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  // Fastify's own parser refuses `__proto__` and `constructor.prototype` keys.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (jsonDepthExceeds(text)) {
      done(
        validationFailed([
          {
            field: 'body',
            messages: [`JSON must not nest deeper than ${MAX_JSON_DEPTH} levels`],
          },
        ]),
        undefined,
      );
      return;
    }
    void parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) {
        // The parser's message quotes the body, which may hold a password: keep it out.
        done(new DomainError('INVALID_JSON', 'The body is not valid JSON'), undefined);
        return;
      }
      const unstorable = findUnstorable(value);
      if (unstorable) {
        done(
          validationFailed([
            {
              field: unstorable.field || 'body',
              messages: [describeUnstorable(unstorable.problem)],
            },
          ]),
          undefined,
        );
        return;
      }
      done(null, value);
    });
  });
}

/** YAML media types: the body reaches the route as text, for the routes that read YAML to parse. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/** Routes that take YAML (a fleet document) parse it themselves; every other route refuses a string body in validation. */
export function registerYamlBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    done(null, body.toString());
  });
}
