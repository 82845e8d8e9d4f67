import { mapRegistryDocument, RegistryMappingError, serverNameOf } from './registry-mapping';

/** The registry's "Complex Docker Server" example (schema 2025-12-11), trimmed to what is mapped. */
const dockerDocument = {
  $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
  name: 'io.github.example/database-manager',
  description: 'MCP server for database operations with support for multiple database types',
  version: '3.1.0',
  packages: [
    {
      registryType: 'oci',
      identifier: 'docker.io/example/database-manager-mcp:3.1.0',
      transport: { type: 'stdio' },
      runtimeArguments: [
        { type: 'named', name: '--network', value: 'host' },
        {
          type: 'named',
          name: '-e',
          value: 'DB_TYPE={db_type}',
          variables: { db_type: { description: 'Type of database', isRequired: true } },
        },
      ],
      packageArguments: [
        { type: 'named', name: '--host', default: 'localhost', isRequired: true },
        { type: 'named', name: '--port', format: 'number' },
        { type: 'positional', valueHint: 'database_name', isRequired: true },
      ],
      environmentVariables: [
        { name: 'DB_USERNAME', isRequired: true },
        { name: 'DB_PASSWORD', isRequired: true, isSecret: true },
        { name: 'SSL_MODE', default: 'prefer' },
      ],
    },
  ],
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RegistryMappingError) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('mapRegistryDocument', () => {
  it('runs an OCI image with docker, passes every declared variable in, and lists what is missing', () => {
    const { request, toFill } = mapRegistryDocument(dockerDocument, {});

    expect(request.config).toEqual({
      command: 'docker',
      args: [
        'run',
        '-i',
        '--rm',
        ...['-e', 'DB_USERNAME', '-e', 'DB_PASSWORD', '-e', 'SSL_MODE'],
        ...['--network', 'host'],
        'docker.io/example/database-manager-mcp:3.1.0',
        ...['--host', 'localhost'],
      ],
      env: { SSL_MODE: 'prefer' },
    });
    expect(toFill.map((f) => [f.field, f.name, f.path, f.required, f.secret])).toEqual([
      ['config.args', 'db_type', 'packages[0].runtimeArguments[1].variables.db_type', true, false],
      ['config.args', '--port', 'packages[0].packageArguments[1]', false, false],
      ['config.args', 'database_name', 'packages[0].packageArguments[2]', true, false],
      ['config.env.DB_USERNAME', 'DB_USERNAME', 'packages[0].environmentVariables[0]', true, false],
      ['config.env.DB_PASSWORD', 'DB_PASSWORD', 'packages[0].environmentVariables[1]', true, true],
    ]);
    expect(request.enabled).toBe(false);
  });

  it('resolves {variables} from their defaults and keeps a {name} the argument does not declare', () => {
    const doc = structuredClone(dockerDocument);
    doc.packages[0].runtimeArguments[1] = {
      type: 'named',
      name: '--mount',
      value: 'type=bind,src={source},dst={target}',
      variables: { source: { description: 'host', isRequired: true, default: '/srv' } } as never,
    };
    const { request } = mapRegistryDocument(doc, {});

    expect(request.config.args).toContain('type=bind,src=/srv,dst={target}');
  });

  it('tags the version and pins an untagged image to it', () => {
    const doc = structuredClone(dockerDocument) as Record<string, unknown>;
    (doc['packages'] as Record<string, unknown>[])[0] = {
      registryType: 'oci',
      identifier: 'mcp/time',
      version: '1.2.0',
      transport: { type: 'stdio' },
    };
    const { request } = mapRegistryDocument(doc, {});

    expect(request.config.args).toEqual(['run', '-i', '--rm', 'mcp/time:1.2.0']);
    expect(request.tags).toEqual(['registry', 'version:3.1.0']);
    expect(request.enabled).toBe(true);
  });

  it('reads the wrapped form the registry API serves, with paths under server.', () => {
    expect(mapRegistryDocument({ server: dockerDocument, _meta: {} }, {}).request.name).toBe('io.github.example-database-manager');
    expect(problemsOf(() => mapRegistryDocument({ server: { ...dockerDocument, version: 3 } }, {}))).toEqual(['server.version']);
  });

  it('refuses identifiers that would read as options, and names each problem by its path', () => {
    const doc = structuredClone(dockerDocument) as Record<string, unknown>;
    (doc['packages'] as Record<string, unknown>[])[0] = {
      registryType: 'npm',
      identifier: '--prefix=/tmp',
      version: 'latest',
      transport: { type: 'stdio' },
      environmentVariables: [{ name: 'BAD NAME' }],
    };
    expect(problemsOf(() => mapRegistryDocument(doc, {}))).toEqual([
      'packages[0].identifier',
      'packages[0].version',
      'packages[0].environmentVariables[0].name',
    ]);
  });

  it('refuses a remote whose URL needs a variable nobody gave', () => {
    const doc = {
      name: 'io.modelcontextprotocol.anonymous/multi-tenant-server',
      description: 'MCP server with configurable remote endpoint',
      version: '1.0.0',
      remotes: [{ type: 'streamable-http', url: 'https://t.example.com/mcp/{tenant_id}', variables: { tenant_id: { isRequired: true } } }],
    };
    expect(problemsOf(() => mapRegistryDocument(doc, {}))).toEqual(['remotes[0].variables.tenant_id']);
    doc.remotes[0].variables.tenant_id = { isRequired: true, default: 'us-cell1' } as never;
    expect(mapRegistryDocument(doc, {}).request.config.url).toBe('https://t.example.com/mcp/us-cell1');
  });
});

describe('serverNameOf', () => {
  it('keeps what the fleet allows and replaces the rest', () => {
    expect(serverNameOf('io.github.user/weather')).toBe('io.github.user-weather');
    expect(serverNameOf('.hidden/x y')).toBe('hidden-x-y');
  });
});
