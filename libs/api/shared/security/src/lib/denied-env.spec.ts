import { DEFAULT_DENIED_ENV, DENIED_ENV_FAMILIES, deniedEnvFamily, parseEnvNameList, resolveDeniedEnv } from './denied-env';

const familyOf = (name: string, allowed: string[] = []): string | undefined => deniedEnvFamily(name, resolveDeniedEnv(allowed))?.family;

describe('deniedEnvFamily', () => {
  it.each([
    'LOG_LEVEL',
    'API_KEY',
    'GITHUB_TOKEN',
    'GITLAB_PERSONAL_ACCESS_TOKEN',
    'DEBUG',
    'PORT',
    'HOST',
    'TZ',
    'LANG',
    'TMPDIR',
    'NODE_ENV',
    'DOTNET_ENVIRONMENT',
    'PYTHONUNBUFFERED',
    'PYTHONIOENCODING',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GEMINI_API_KEY',
    'OPENAI_API_KEY',
    'PERPLEXITY_API_KEY',
    'BRAVE_API_KEY',
    'NPM_TOKEN',
    'DATABASE_URL',
    'LDAP_URL',
    'RUST_LOG',
    'GOMAXPROCS',
    'NO_PROXY',
    'ALLOWED_DIRECTORIES',
    'HOMEPAGE_URL',
  ])('lets the ordinary name %s through', (name) => {
    expect(familyOf(name)).toBeUndefined();
  });

  describe('letter case', () => {
    it('matches exact names and prefixes case-sensitively, as Linux and the loaders do', () => {
      expect(
        ['ld_preload', 'Ld_Preload', 'path', 'Path', 'home', 'pip_index_url', 'docker_host', 'openssl_conf'].map((name) => familyOf(name)),
      ).toEqual(Array(8).fill(undefined));
    });

    it.each([
      'npm_config_script_shell',
      'NPM_CONFIG_SCRIPT_SHELL',
      'Npm_Config_Registry',
      'yarn_npm_registry_server',
      'Yarn_Yarn_Path',
      'NPM_EXECPATH',
      'Bun_Config_Registry',
    ])('catches the case variant %s that JavaScript package managers read', (name) => {
      expect(familyOf(name)).toBe('JavaScript package manager configuration');
    });

    it.each(['http_proxy', 'HTTP_PROXY', 'Https_Proxy', 'all_proxy'])('catches the proxy variant %s', (name) => {
      expect(familyOf(name)).toBe('proxy configuration');
    });
  });

  it('names the most specific family when several match', () => {
    const broad = { family: 'broad', why: 'x', names: [], prefixes: ['A_'] };
    const narrow = {
      family: 'narrow',
      why: 'x',
      names: [],
      prefixes: ['A_B_'],
    };
    const exact = { family: 'exact', why: 'x', names: ['A_B_C'], prefixes: [] };
    const denied = { families: [broad, exact, narrow], allowed: [] };

    expect(['A_X', 'A_B_X', 'A_B_C'].map((name) => deniedEnvFamily(name, denied)?.family)).toEqual(['broad', 'narrow', 'exact']);
    expect(familyOf('BUN_CONFIG_REGISTRY')).toBe('JavaScript package manager configuration');
    expect(familyOf('BUN_OPTIONS')).toBe('JavaScript runtime configuration');
  });
});

describe('resolveDeniedEnv (STDIO_ALLOWED_ENV)', () => {
  it('allows a listed name, whichever family denies it', () => {
    expect(familyOf('PATH', ['PATH'])).toBeUndefined();
    expect(familyOf('OPENSSL_CONF', ['OPENSSL_CONF'])).toBeUndefined();
    expect(familyOf('HOME', ['HOME'])).toBeUndefined();
    expect(familyOf('LD_PRELOAD', ['PATH'])).toBe('dynamic loader and C library configuration');
  });

  it('allows one name under a denied prefix without lifting the prefix', () => {
    const allowed = ['UV_THREADPOOL_SIZE', 'GIT_AUTHOR_NAME'];

    expect(familyOf('UV_THREADPOOL_SIZE', allowed)).toBeUndefined();
    expect(familyOf('GIT_AUTHOR_NAME', allowed)).toBeUndefined();
    expect(familyOf('UV_INDEX_URL', allowed)).toBe('Python package manager configuration');
    expect(familyOf('GIT_SSH_COMMAND', allowed)).toBe('version control and SSH configuration');
  });

  it('compares a listed name exactly, so another spelling stays refused', () => {
    expect(familyOf('LD_PRELOAD', ['ld_preload'])).toBeDefined();
    expect(familyOf('NPM_CONFIG_REGISTRY', ['npm_config_registry'])).toBeDefined();
    expect(familyOf('npm_config_registry', ['npm_config_registry'])).toBeUndefined();
  });

  it('lifts a whole namespace for a prefix* pattern, in any case', () => {
    expect(familyOf('npm_config_registry', ['NPM_CONFIG_*'])).toBeUndefined();
    expect(familyOf('Npm_Config_Cache', ['npm_config_*'])).toBeUndefined();
    expect(familyOf('XDG_CACHE_HOME', ['XDG_*'])).toBeUndefined();
    expect(familyOf('pnpm_config_registry', ['npm_config_*'])).toBe('JavaScript package manager configuration');
  });

  it('ignores blank entries and keeps the default families', () => {
    const denied = resolveDeniedEnv([' PATH ', '', '  ']);

    expect(denied).toEqual({
      families: DENIED_ENV_FAMILIES,
      allowed: ['PATH'],
    });
    expect(resolveDeniedEnv([])).toEqual(DEFAULT_DENIED_ENV);
  });
});

describe('parseEnvNameList', () => {
  it('splits on commas and whitespace and drops empties', () => {
    expect(parseEnvNameList(' PATH, NODE_EXTRA_CA_CERTS\nnpm_config_*,, ')).toEqual(['PATH', 'NODE_EXTRA_CA_CERTS', 'npm_config_*']);
    expect(parseEnvNameList(undefined)).toEqual([]);
    expect(parseEnvNameList('')).toEqual([]);
  });
});
