import fc from 'fast-check';

import { type Json, Ref } from './fuzz-case';

/** What the generator knows about this run's fixtures (see fuzz-harness.ts). */
export interface FixtureFacts {
  /** The one program stdio servers may run in this run (`STDIO_ALLOWED_COMMANDS`). */
  readonly stdioCommand: string;
  /** A user the fuzzer may sign in as, lock out, edit and reset (never the admin or the viewer). */
  readonly targetEmail: string;
  readonly targetPassword: string;
}

/**
 * Values the OpenAPI document cannot describe but a valid request needs: the allowed stdio
 * command, fixtures' ids and emails, the tools the fixture server has. Keyed by
 * `Schema.property` (`[]` for array items), or `path:{param}` for path parameters.
 * Without them nearly every "valid" case would stop at a 400 or a 404 and the handlers behind
 * validation would never be reached.
 */
export function valueHints(facts: FixtureFacts): Record<string, fc.Arbitrary<Json>> {
  const secretOr = (plain: fc.Arbitrary<string>): fc.Arbitrary<Json> =>
    fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: plain.map((value) => ({ secret: true, value })) });
  const existingServer = fc.constantFrom(new Ref('server.live'), new Ref('server.idle'));

  return {
    // Anything else is refused by STDIO_ALLOWED_COMMANDS, which keeps the run from executing programs.
    'ServerConfigDto.command': fc.oneof(
      { weight: 8, arbitrary: fc.constant(facts.stdioCommand) },
      { weight: 1, arbitrary: fc.constantFrom('node', 'npx') },
    ),
    'ServerConfigDto.args': fc.array(fc.string({ maxLength: 12 }), {
      maxLength: 3,
    }),
    // `.invalid` never resolves (RFC 6761); loopback, metadata and credentials are refused at registration.
    'ServerConfigDto.url': fc.constantFrom(
      'https://mcp.fuzz.invalid/mcp',
      'http://sse.fuzz.invalid:8080/sse',
      'http://127.0.0.1:1/mcp',
      'http://169.254.169.254/latest/meta-data',
      'https://user:pw@fuzz.invalid/mcp',
      'ftp://fuzz.invalid/',
    ),
    'ServerConfigDto.cwd': fc.constantFrom('/tmp', '/', '/nonexistent-fuzz-dir', 'relative/dir'),
    'ServerConfigDto.env': fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), secretOr(fc.string({ maxLength: 20 })), {
      maxKeys: 3,
    }),
    'ServerConfigDto.headers': fc.dictionary(fc.stringMatching(/^X-[A-Za-z-]{1,10}$/), secretOr(fc.string({ maxLength: 20 })), {
      maxKeys: 3,
    }),
    'ServerConfigDto.stopExitCodes': fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
    'RegisterServerDto.transport': fc.oneof(
      { weight: 3, arbitrary: fc.constant('stdio') },
      { weight: 1, arbitrary: fc.constantFrom('streamable-http', 'sse') },
    ),
    'LoginDto.email': fc.oneof({ weight: 2, arbitrary: fc.constant(facts.targetEmail) }, { weight: 1, arbitrary: fc.emailAddress() }),
    'LoginDto.password': fc.oneof(
      { weight: 1, arbitrary: fc.constant(facts.targetPassword) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    ),
    'CreateUserDto.email': fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: fc.constant(facts.targetEmail) }),
    'BulkOperationDto.serverIds[]': fc.oneof({ weight: 2, arbitrary: existingServer }, { weight: 1, arbitrary: fc.uuid() }),
    'UpdateServerDto.version': fc.oneof(
      { weight: 4, arbitrary: fc.constant(new Ref('server.version')) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }) },
    ),
    'CallToolDto.arguments': fc.oneof(
      fc.record({ text: fc.string() }),
      fc.record({
        a: fc.integer(),
        b: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      fc.record({ message: fc.string() }),
      fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/) }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 3 }),
    ),
    // Only the target user: editing or resetting the admin or the viewer would end their sessions mid-run.
    'path:/api/mcp/users/{id}': fc.constant(new Ref('user.target')),
    // A token nobody signs in with; the admin and the viewer use access tokens.
    'path:/api/mcp/api-tokens/{id}': fc.constant(new Ref('token.seeded')),
    'path:/api/mcp/servers/{id}': existingServer,
    // Not `sleep` (a call lasts as long as the tool runs) nor `stderr` (`lines` has no bound):
    // their slowness would be the fixture's, not the API's.
    'path:{tool}': fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('echo', 'add', 'fail', 'add_tool'),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    'query:since': fc.oneof(
      fc.nat().map(String),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    ),
    'query:from': isoDate(),
    'query:to': isoDate(),
  };
}

function isoDate(): fc.Arbitrary<Json> {
  return fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString());
}

/** The hint for a path parameter: by exact route prefix first, then by parameter name. */
export function pathHint(hints: Record<string, fc.Arbitrary<Json>>, path: string, param: string): fc.Arbitrary<Json> | undefined {
  const prefix = path.slice(0, path.indexOf(`{${param}}`) + param.length + 2);
  return hints[`path:${prefix}`] ?? hints[`path:{${param}}`];
}
