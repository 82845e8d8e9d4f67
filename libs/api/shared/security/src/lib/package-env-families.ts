import type { DeniedEnvFamily } from './denied-env-families';

/** Where packages and toolchains come from, and what installing or building them runs. */
export const PACKAGE_ENV_FAMILIES: readonly DeniedEnvFamily[] = [
  {
    // npx and corepack download and run packages at every start: the registry decides what
    // runs. npm reads npm_config_* in any case; yarn_* too; npm_execpath is the pm it re-runs.
    family: 'JavaScript package manager configuration',
    why: 'chooses where packages are downloaded from and what the package manager runs',
    names: ['npm_execpath', 'npm_node_execpath', 'PNPM_HOME'],
    prefixes: ['npm_config_', 'pnpm_config_', 'YARN_', 'COREPACK_', 'BUN_CONFIG_'],
    anyCase: true,
  },
  {
    // uvx and pipx install and run at every start as npx does; conda/virtualenv choose the
    // interpreter. UV_ also catches libuv's UV_THREADPOOL_SIZE: allow that one by name.
    family: 'Python package manager configuration',
    why: 'chooses where packages are downloaded from and what the package manager runs',
    names: ['VIRTUAL_ENV', 'CONDARC'],
    prefixes: ['PIP_', 'PIPX_', 'PIPENV_', 'UV_', 'POETRY_', 'PDM_', 'HATCH_', 'CONDA_', 'MAMBA_'],
  },
  {
    // RubyGems is loaded by every ruby: RUBYGEMS_GEMDEPS evaluates a Gemfile, which is Ruby code.
    family: 'Ruby package manager configuration',
    why: 'chooses where gems load from and which Gemfile, itself Ruby code, is evaluated',
    names: ['GEMRC'],
    prefixes: ['GEM_', 'RUBYGEMS_', 'BUNDLE_', 'BUNDLER_'],
  },
  {
    // Gradle runs init scripts from GRADLE_USER_HOME; the Maven wrapper downloads Maven from MVNW_REPOURL.
    family: 'JVM build tool configuration',
    why: 'can add JVM options, init scripts or repositories to every build',
    names: ['M2_HOME', 'SBT_OPTS'],
    prefixes: ['MAVEN_', 'MVNW_', 'GRADLE_', 'ORG_GRADLE_'],
  },
  {
    // Composer, NuGet (NUGET_PLUGIN_PATHS loads plugins), LuaRocks, Homebrew, Nix (NIX_CONFIG
    // can set a post-build-hook).
    family: 'package manager configuration',
    why: 'chooses where packages are downloaded from and what the package manager runs',
    names: ['COMPOSER'],
    prefixes: ['COMPOSER_', 'NUGET_', 'LUAROCKS_', 'HOMEBREW_', 'NIX_'],
  },
  {
    // GOFLAGS=-toolexec and GOCACHEPROG/GOAUTH run programs, GOTOOLCHAIN downloads another Go,
    // GOSUMDB=off drops checksum verification. GODEBUG also changes running Go servers.
    family: 'Go toolchain configuration',
    why: 'can run other programs during a build or fetch modules without verification',
    names: [
      'GOFLAGS',
      'GOTOOLCHAIN',
      'GOCACHEPROG',
      'GOAUTH',
      'GOPROXY',
      'GONOPROXY',
      'GOPRIVATE',
      'GOSUMDB',
      'GONOSUMDB',
      'GONOSUMCHECK',
      'GOINSECURE',
      'GOVCS',
      'GOROOT',
      'GOPATH',
      'GOBIN',
      'GOMODCACHE',
      'GOCACHE',
      'GOENV',
      'GOWORK',
      'GOEXPERIMENT',
      'GODEBUG',
    ],
    prefixes: ['CGO_'],
  },
  {
    // RUSTC_WRAPPER runs a program around every compile; RUSTUP_DIST_SERVER serves toolchains.
    family: 'Rust toolchain configuration',
    why: 'can run wrapper programs or download toolchains and crates from elsewhere',
    names: ['RUSTC', 'RUSTC_WRAPPER', 'RUSTC_WORKSPACE_WRAPPER', 'RUSTDOC', 'RUSTFLAGS', 'RUSTDOCFLAGS'],
    prefixes: ['CARGO_', 'RUSTUP_'],
  },
  {
    // pip, node-gyp and cargo compile native code at install: CC is run, CFLAGS=-fplugin
    // loads a library into the compiler, MAKEFILES adds makefiles to every make.
    family: 'C and C++ build configuration',
    why: 'chooses the compiler or flags run when a package builds native code',
    names: ['CC', 'CXX', 'CPP', 'LD', 'AR', 'AS', 'CFLAGS', 'CXXFLAGS', 'CPPFLAGS', 'LDFLAGS', 'MAKEFLAGS', 'GNUMAKEFLAGS', 'MAKEFILES'],
    prefixes: [],
  },
];
