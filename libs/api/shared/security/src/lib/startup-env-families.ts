import type { DeniedEnvFamily } from './denied-env-families';

/** What runs when a program starts and what it loads: the loader, shells, interpreters, shims. */
export const STARTUP_ENV_FAMILIES: readonly DeniedEnvFamily[] = [
  {
    // ld.so and the C library read these in every dynamically linked program, the allowed
    // interpreters included. GLIBC_TUNABLES was the entry point of CVE-2023-4911.
    family: 'dynamic loader and C library configuration',
    why: 'can load shared libraries into any program or change how the C library behaves',
    names: ['GCONV_PATH', 'GLIBC_TUNABLES', 'LOCPATH', 'NLSPATH', 'HOSTALIASES', 'RESOLV_HOST_CONF', 'MALLOC_TRACE'],
    prefixes: ['LD_', 'DYLD_'],
  },
  {
    family: 'the program search path',
    why: 'decides which program a command name runs, around STDIO_ALLOWED_COMMANDS',
    names: ['PATH'],
    prefixes: [],
  },
  {
    // Tools start these on their own: git runs the pager and editor, less runs LESSOPEN,
    // Python's webbrowser runs BROWSER, Puppeteer and esbuild run the binary named.
    family: 'helper program configuration',
    why: 'names a program that tools run on their own',
    names: [
      'SHELL',
      'EDITOR',
      'VISUAL',
      'PAGER',
      'MANPAGER',
      'BROWSER',
      'LESSOPEN',
      'LESSCLOSE',
      'SUDO_ASKPASS',
      'PUPPETEER_EXECUTABLE_PATH',
      'PLAYWRIGHT_BROWSERS_PATH',
      'ESBUILD_BINARY_PATH',
    ],
    prefixes: [],
  },
  {
    // Non-interactive bash runs BASH_ENV, sh runs ENV; SHELLOPTS=xtrace expands PS4, which
    // may hold $(…); vim runs VIMINIT/EXINIT as ex commands, `:!` included.
    family: 'shell and editor startup configuration',
    why: 'makes a shell or editor run a file or command before its own work',
    names: [
      'BASH_ENV',
      'ENV',
      'ZDOTDIR',
      'PROMPT_COMMAND',
      'SHELLOPTS',
      'BASHOPTS',
      'PS4',
      'IFS',
      'FPATH',
      'BASH_LOADABLES_PATH',
      'BASH_XTRACEFD',
      'VIMINIT',
      'EXINIT',
      'MYVIMRC',
      'VIMRUNTIME',
    ],
    prefixes: ['BASH_FUNC_'],
  },
  {
    // NODE_OPTIONS=--require and BUN_OPTIONS=--preload run a module before the program;
    // NODE_CHANNEL_FD hands the process an IPC channel it will take messages from.
    family: 'JavaScript runtime configuration',
    why: "can load modules or runtime flags before the program's own code",
    names: [
      'NODE_OPTIONS',
      'NODE_PATH',
      'NODE_REPL_EXTERNAL_MODULE',
      'NODE_ICU_DATA',
      'NODE_COMPILE_CACHE',
      'NODE_V8_COVERAGE',
      'NODE_REDIRECT_WARNINGS',
      'NODE_CHANNEL_FD',
      'JSR_URL',
    ],
    prefixes: ['DENO_', 'BUN_', 'TS_NODE_'],
  },
  {
    // PYTHONWARNINGS imports the warning category it names; IPython, Jupyter and matplotlib
    // config files are Python code or name modules to import.
    family: 'Python interpreter configuration',
    why: 'can add import paths or startup code that Python runs',
    names: [
      'JUPYTER_CONFIG_DIR',
      'JUPYTER_CONFIG_PATH',
      'JUPYTER_PATH',
      'JUPYTER_DATA_DIR',
      'PYTHONPATH',
      'PYTHONHOME',
      'PYTHONSTARTUP',
      'PYTHONUSERBASE',
      'PYTHONBREAKPOINT',
      'PYTHONWARNINGS',
      'PYTHONINSPECT',
      'PYTHONPYCACHEPREFIX',
      'PYTHONPLATLIBDIR',
      'PYTHONEXECUTABLE',
      'IPYTHONDIR',
      'MPLCONFIGDIR',
    ],
    prefixes: [],
  },
  {
    // PERL5OPT=-M loads a module, PERL5DB is code run under -d, PERLIO=:via loads one.
    family: 'Perl interpreter configuration',
    why: 'can load modules or debugger code into Perl',
    names: [],
    prefixes: ['PERL'],
  },
  {
    family: 'Ruby interpreter configuration',
    why: 'can load libraries or open a remote debugger in Ruby',
    names: ['RUBYOPT', 'RUBYLIB', 'RUBYPATH', 'RUBYSHELL', 'JRUBY_OPTS'],
    prefixes: ['RUBY_DEBUG_'],
  },
  {
    // JAVA_TOOL_OPTIONS=-javaagent runs a jar in every JVM; launch scripts run $JAVA_HOME/bin/java.
    family: 'Java runtime configuration',
    why: 'can add agents, classpath entries or another java binary to every JVM',
    names: ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'JAVA_OPTS', 'JAVA_HOME', 'JRE_HOME', 'CLASSPATH'],
    prefixes: [],
  },
  {
    // An ini file can set auto_prepend_file or load extension= shared objects.
    family: 'PHP interpreter configuration',
    why: 'can point PHP at ini files that load extensions or prepend code',
    names: ['PHPRC', 'PHP_INI_SCAN_DIR'],
    prefixes: [],
  },
  {
    // LUA_INIT (and LUA_INIT_5_4) is a chunk Lua runs at startup; LUA_CPATH loads .so modules.
    family: 'Lua interpreter configuration',
    why: 'can run code or load modules when Lua starts',
    names: [],
    prefixes: ['LUA_INIT', 'LUA_PATH', 'LUA_CPATH'],
  },
  {
    family: 'R interpreter configuration',
    why: 'can run profile code or load packages when R starts',
    names: ['R_DEFAULT_PACKAGES', 'R_BROWSER', 'R_PDFVIEWER'],
    prefixes: ['R_PROFILE', 'R_ENVIRON', 'R_LIBS'],
  },
  {
    // DOTNET_STARTUP_HOOKS loads an assembly, CORECLR_PROFILER_PATH a native library.
    family: '.NET runtime configuration',
    why: 'can load startup hooks, profilers or another runtime into .NET programs',
    names: ['DOTNET_STARTUP_HOOKS', 'DOTNET_ADDITIONAL_DEPS', 'DOTNET_SHARED_STORE', 'DOTNET_HOST_PATH', 'DOTNET_BUNDLE_EXTRACT_BASE_DIR'],
    prefixes: ['DOTNET_ROOT', 'CORECLR_'],
  },
  {
    family: 'other language runtime configuration',
    why: 'can add load paths or flags that make the runtime load other code',
    names: [
      'ERL_AFLAGS',
      'ERL_FLAGS',
      'ERL_ZFLAGS',
      'ERL_LIBS',
      'ELIXIR_ERL_OPTIONS',
      'JULIA_DEPOT_PATH',
      'JULIA_LOAD_PATH',
      'TCLLIBPATH',
      'TCL_LIBRARY',
      'GHC_ENVIRONMENT',
      'GHC_PACKAGE_PATH',
      'GUILE_LOAD_PATH',
      'GUILE_LOAD_COMPILED_PATH',
    ],
    prefixes: [],
  },
  {
    // Shims (pyenv, nvm, asdf, mise, Volta...) choose the interpreter an allowed name starts.
    family: 'version manager configuration',
    why: 'makes a shim run another interpreter or installation',
    names: [],
    prefixes: ['PYENV_', 'RBENV_', 'NODENV_', 'GOENV_', 'JENV_', 'PLENV_', 'ASDF_', 'MISE_', 'VOLTA_', 'NVM_', 'FNM_', 'SDKMAN_'],
  },
];
