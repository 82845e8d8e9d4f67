import { SERVER_LIMITS } from '@mcp-fleet/shared/contracts';

import { deniedEnvFamily, resolveDeniedEnv } from './denied-env';
import { DENIED_ENV_FAMILIES } from './denied-env-families';

const familyOf = (name: string, allowed: string[] = []): string | undefined => deniedEnvFamily(name, resolveDeniedEnv(allowed))?.family;

/** A few names per family, each one something a tool really reads. */
const SAMPLES: Record<string, string[]> = {
  'dynamic loader and C library configuration': [
    'LD_PRELOAD',
    'LD_AUDIT',
    'LD_LIBRARY_PATH',
    'DYLD_INSERT_LIBRARIES',
    'GCONV_PATH',
    'GLIBC_TUNABLES',
  ],
  'the program search path': ['PATH'],
  'helper program configuration': ['EDITOR', 'PAGER', 'BROWSER', 'LESSOPEN', 'SHELL', 'PUPPETEER_EXECUTABLE_PATH', 'ESBUILD_BINARY_PATH'],
  'shell and editor startup configuration': ['BASH_ENV', 'ENV', 'ZDOTDIR', 'PROMPT_COMMAND', 'SHELLOPTS', 'PS4', 'BASH_FUNC_x', 'VIMINIT'],
  'JavaScript runtime configuration': [
    'NODE_OPTIONS',
    'NODE_PATH',
    'NODE_REPL_EXTERNAL_MODULE',
    'BUN_OPTIONS',
    'DENO_DIR',
    'TS_NODE_COMPILER',
  ],
  'Python interpreter configuration': [
    'PYTHONPATH',
    'PYTHONSTARTUP',
    'PYTHONHOME',
    'PYTHONWARNINGS',
    'PYTHONPYCACHEPREFIX',
    'IPYTHONDIR',
    'JUPYTER_CONFIG_DIR',
  ],
  'Perl interpreter configuration': ['PERL5LIB', 'PERLLIB', 'PERL5OPT', 'PERL5DB', 'PERLIO'],
  'Ruby interpreter configuration': ['RUBYOPT', 'RUBYLIB', 'RUBY_DEBUG_OPEN'],
  'Java runtime configuration': ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'JAVA_HOME'],
  'PHP interpreter configuration': ['PHPRC', 'PHP_INI_SCAN_DIR'],
  'Lua interpreter configuration': ['LUA_INIT', 'LUA_INIT_5_4', 'LUA_PATH', 'LUA_CPATH_5_4'],
  'R interpreter configuration': ['R_PROFILE', 'R_PROFILE_USER', 'R_ENVIRON_USER', 'R_LIBS_USER'],
  '.NET runtime configuration': ['DOTNET_STARTUP_HOOKS', 'DOTNET_ROOT', 'DOTNET_ROOT_X64', 'CORECLR_PROFILER_PATH'],
  'other language runtime configuration': ['ERL_AFLAGS', 'ERL_LIBS', 'JULIA_LOAD_PATH', 'TCLLIBPATH', 'GHC_ENVIRONMENT'],
  'version manager configuration': ['PYENV_VERSION', 'NVM_DIR', 'ASDF_DATA_DIR', 'MISE_CONFIG_FILE', 'VOLTA_HOME'],
  'JavaScript package manager configuration': [
    'npm_config_registry',
    'NPM_CONFIG_USERCONFIG',
    'pnpm_config_registry',
    'YARN_NPM_REGISTRY_SERVER',
    'YARN_YARN_PATH',
    'COREPACK_NPM_REGISTRY',
    'BUN_CONFIG_REGISTRY',
    'npm_execpath',
  ],
  'Python package manager configuration': [
    'PIP_INDEX_URL',
    'PIP_CONFIG_FILE',
    'UV_INDEX_URL',
    'UV_DEFAULT_INDEX',
    'PIPX_DEFAULT_PYTHON',
    'POETRY_REPOSITORIES_X_URL',
    'CONDARC',
  ],
  'Ruby package manager configuration': ['RUBYGEMS_GEMDEPS', 'GEM_HOME', 'GEM_PATH', 'BUNDLE_GEMFILE', 'GEMRC'],
  'JVM build tool configuration': ['MAVEN_OPTS', 'MVNW_REPOURL', 'GRADLE_USER_HOME', 'ORG_GRADLE_PROJECT_repoUrl'],
  'package manager configuration': ['COMPOSER_HOME', 'NUGET_PLUGIN_PATHS', 'LUAROCKS_CONFIG', 'HOMEBREW_BREW_GIT_REMOTE', 'NIX_CONFIG'],
  'Go toolchain configuration': ['GOFLAGS', 'GOPROXY', 'GOSUMDB', 'GOTOOLCHAIN', 'GOAUTH', 'CGO_LDFLAGS'],
  'Rust toolchain configuration': ['RUSTC_WRAPPER', 'RUSTFLAGS', 'CARGO_HOME', 'CARGO_REGISTRIES_X_INDEX', 'RUSTUP_DIST_SERVER'],
  'C and C++ build configuration': ['CC', 'CXX', 'CFLAGS', 'LDFLAGS', 'MAKEFLAGS', 'MAKEFILES'],
  'TLS library configuration': [
    'OPENSSL_CONF',
    'OPENSSL_MODULES',
    'OPENSSL_ENGINES',
    'OPENSSL_CONF_INCLUDE',
    'SSLKEYLOGFILE',
    'GNUTLS_SYSTEM_PRIORITY_FILE',
  ],
  'TLS trust configuration': [
    'SSL_CERT_FILE',
    'NODE_EXTRA_CA_CERTS',
    'NODE_TLS_REJECT_UNAUTHORIZED',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE',
  ],
  'library plugin configuration': ['KRB5_CONFIG', 'SASL_PATH', 'GIO_EXTRA_MODULES', 'GST_PLUGIN_PATH', 'VK_LAYER_PATH'],
  'version control and SSH configuration': [
    'GIT_EXTERNAL_DIFF',
    'GIT_SSH_COMMAND',
    'GIT_CONFIG_COUNT',
    'GIT_DIR',
    'HGRCPATH',
    'SVN_SSH',
    'SSH_AUTH_SOCK',
  ],
  'container engine and cluster client configuration': [
    'DOCKER_HOST',
    'DOCKER_CONFIG',
    'CONTAINER_HOST',
    'CONTAINERS_CONF',
    'KUBECONFIG',
    'HELM_PLUGINS',
    'DBUS_SESSION_BUS_ADDRESS',
  ],
  'cloud credential configuration': ['AWS_CONFIG_FILE', 'GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES', 'CLOUDSDK_PYTHON'],
  'configuration directory redirection': ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'CURL_HOME', 'WGETRC', 'GNUPGHOME'],
  'proxy configuration': ['HTTP_PROXY', 'https_proxy', 'ALL_PROXY'],
};

describe('the denied env families', () => {
  it.each(Object.entries(SAMPLES).flatMap(([family, names]) => names.map((name) => [name, family])))('refuses %s as %s', (name, family) => {
    expect(familyOf(name)).toBe(family);
  });

  it('has samples for every family, and every family has a reason and something to match', () => {
    expect(DENIED_ENV_FAMILIES.map((family) => family.family).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const family of DENIED_ENV_FAMILIES) {
      expect(family.why).not.toBe('');
      expect(family.names.length + family.prefixes.length).toBeGreaterThan(0);
    }
  });

  it('lists each name once and only names a server could set', () => {
    const names = DENIED_ENV_FAMILIES.flatMap((family) => [...family.names, ...family.prefixes]);

    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !SERVER_LIMITS.envNamePattern.test(name))).toEqual([]);
  });

  it.each([
    // The flat list this replaced: everything on it stays refused.
    [
      'LD_PRELOAD',
      'LD_LIBRARY_PATH',
      'LD_AUDIT',
      'DYLD_INSERT_LIBRARIES',
      'DYLD_LIBRARY_PATH',
      'DYLD_FRAMEWORK_PATH',
      'GCONV_PATH',
      'PATH',
    ],
    [
      'NODE_OPTIONS',
      'NODE_PATH',
      'NODE_REPL_EXTERNAL_MODULE',
      'NODE_EXTRA_CA_CERTS',
      'NODE_TLS_REJECT_UNAUTHORIZED',
      'npm_config_x',
      'SSL_CERT_FILE',
      'SSL_CERT_DIR',
    ],
    ['PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONBREAKPOINT', 'PYTHONWARNINGS', 'BROWSER'],
    ['PERL5LIB', 'PERLLIB', 'PERL5OPT', 'PERL5DB', 'RUBYOPT', 'RUBYLIB', 'PHPRC', 'PHP_INI_SCAN_DIR'],
    ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH'],
    ['BASH_ENV', 'ENV', 'ZDOTDIR', 'PROMPT_COMMAND', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'BASH_FUNC_x'],
    [
      'GIT_SSH',
      'GIT_SSH_COMMAND',
      'GIT_ASKPASS',
      'SSH_ASKPASS',
      'GIT_PROXY_COMMAND',
      'GIT_EXEC_PATH',
      'GIT_TEMPLATE_DIR',
      'GIT_CONFIG_KEY_0',
    ],
  ])('still refuses what the flat list refused: %s …', (...names) => {
    expect(names.filter((name) => familyOf(name) === undefined)).toEqual([]);
  });
});
