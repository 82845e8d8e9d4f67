/**
 * Environment variables that make a program load or run code it was not asked to, or
 * change whom it trusts. A name ending in `*` is a prefix and matches case-insensitively
 * (npm reads `npm_config_*` in any case); other names match exactly, as the loaders
 * that read them do.
 */
export const DEFAULT_DENIED_ENV: readonly string[] = [
  // Dynamic linker
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH',
  'GCONV_PATH',
  // Decides which program a plain command name runs, which would defeat the command allow-list.
  'PATH',
  // Node.js and npm (npm_config_node_options, npm_config_script_shell... run code)
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'npm_config_*',
  // TLS trust for OpenSSL-based clients
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Python
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'PYTHONBREAKPOINT',
  'PYTHONWARNINGS', // a warning category is imported by name
  'BROWSER', // run by Python's webbrowser module, the usual partner of the above
  // Perl, Ruby, PHP
  'PERL5LIB',
  'PERLLIB',
  'PERL5OPT',
  'PERL5DB',
  'RUBYOPT',
  'RUBYLIB',
  'PHPRC',
  'PHP_INI_SCAN_DIR',
  // JVM
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'CLASSPATH',
  // Shells
  'BASH_ENV',
  'ENV',
  'ZDOTDIR',
  'PROMPT_COMMAND',
  'SHELLOPTS',
  'BASHOPTS',
  'PS4',
  'BASH_FUNC_*', // exported shell functions
  // Git, which package managers run for git dependencies
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_PROXY_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_TEMPLATE_DIR',
  'GIT_CONFIG*', // GIT_CONFIG_COUNT/KEY_n/VALUE_n set any option, core.sshCommand included
];

/** True when `name` is covered by an entry of `denied`. */
export function isDeniedEnv(name: string, denied: readonly string[]): boolean {
  return denied.some((entry) =>
    entry.endsWith('*') ? name.toLowerCase().startsWith(entry.slice(0, -1).toLowerCase()) : name === entry,
  );
}

/**
 * The default list less the entries an operator allows (from `STDIO_ALLOWED_ENV`). An
 * entry is removed only when named as listed: `PATH`, or `npm_config_*` for the prefix;
 * a single name under a denied prefix cannot be allowed on its own.
 */
export function resolveDeniedEnv(overrideAllowed: readonly string[]): string[] {
  const allowed = new Set(overrideAllowed.map((name) => name.trim()).filter((name) => name !== ''));
  return DEFAULT_DENIED_ENV.filter((entry) => {
    if (!entry.endsWith('*')) return !allowed.has(entry);
    return ![...allowed].some((name) => name.toLowerCase() === entry.toLowerCase());
  });
}

/** Splits a `STDIO_ALLOWED_ENV`-style value on commas and whitespace. */
export function parseEnvNameList(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s,]+/).filter((name) => name !== '');
}
