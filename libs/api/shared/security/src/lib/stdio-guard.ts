import { SERVER_LIMITS } from '@mcp-fleet/shared/contracts';

import { type DeniedEnv, deniedEnvFamily, resolveDeniedEnv } from './denied-env';

export type StdioIssueCode = 'COMMAND_NOT_ALLOWED' | 'COMMAND_INVALID' | 'CWD_INVALID' | 'ENV_NOT_ALLOWED';

export interface StdioIssue {
  /** Path of the offending field, for example `config.command` or `config.env.LD_PRELOAD`. */
  field: string;
  code: StdioIssueCode;
  message: string;
}

export interface StdioLaunchSpec {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string | null;
}

/** The policy from the API's settings (STDIO_ALLOWED_COMMANDS, STDIO_ALLOWED_ENV). */
export function stdioPolicyOf(settings: { stdioAllowedCommands: string[]; stdioAllowedEnv: string[] }): StdioPolicy {
  return { allowedCommands: settings.stdioAllowedCommands, deniedEnv: resolveDeniedEnv(settings.stdioAllowedEnv) };
}

export interface StdioPolicy {
  /** When non-empty, the only commands that may run: plain names, or exact absolute paths. */
  allowedCommands?: string[];
  /** What a server's env may not set: usually `resolveDeniedEnv(STDIO_ALLOWED_ENV)`. */
  deniedEnv: DeniedEnv;
}

/**
 * Characters that only mean something to a shell. The spawner never uses one, so their
 * presence in a command says it was written for a shell and will not run as intended.
 */
const SHELL_CHARACTERS = /[\s;|&$`<>(){}[\]*?!~'"\\#]/u;

/**
 * Checks what a stdio server would run. Arguments are not inspected: they reach the
 * program as an array, so `;` or `$(x)` in them is plain data.
 */
export function checkStdioLaunch(spec: StdioLaunchSpec, policy: StdioPolicy): StdioIssue[] {
  const issues: StdioIssue[] = [];
  const commandProblem = commandShapeProblem(spec.command);
  if (commandProblem) {
    issues.push({
      field: 'config.command',
      code: 'COMMAND_INVALID',
      message: commandProblem,
    });
  } else if (policy.allowedCommands && policy.allowedCommands.length > 0 && !policy.allowedCommands.includes(spec.command)) {
    issues.push({
      field: 'config.command',
      code: 'COMMAND_NOT_ALLOWED',
      message: `command ${spec.command} is not in the allowed list`,
    });
  }

  const cwdProblem = spec.cwd ? pathShapeProblem(spec.cwd, 'cwd') : undefined;
  if (cwdProblem) {
    issues.push({ field: 'config.cwd', code: 'CWD_INVALID', message: cwdProblem });
  }

  for (const name of Object.keys(spec.env ?? {})) {
    const field = `config.env.${name}`;
    // A name holding "=" would define a different variable once joined as NAME=value.
    if (!SERVER_LIMITS.envNamePattern.test(name)) {
      issues.push({
        field,
        code: 'ENV_NOT_ALLOWED',
        message: 'not a valid environment variable name',
      });
      continue;
    }
    const family = deniedEnvFamily(name, policy.deniedEnv);
    if (family) {
      issues.push({
        field,
        code: 'ENV_NOT_ALLOWED',
        message: `${name} is refused: ${family.family} ${family.why}; an operator can allow it with STDIO_ALLOWED_ENV`,
      });
    }
  }
  return issues;
}

/** Why `command` is not a plain program name or a clean absolute path, or undefined if it is. */
function commandShapeProblem(command: string): string | undefined {
  if (command === '') return 'command is empty';
  if (command.length > SERVER_LIMITS.commandMaxLength) {
    return `command is longer than ${SERVER_LIMITS.commandMaxLength} characters`;
  }
  if (hasControlCharacter(command) || SHELL_CHARACTERS.test(command)) {
    return 'command must be a program name or absolute path without spaces or shell syntax; put arguments in args';
  }
  if (command.includes('/') && !command.startsWith('/')) {
    return 'command must be a program name or an absolute path, not a relative path';
  }
  return hasDotSegment(command) ? 'command must not contain . or .. path segments' : undefined;
}

/** Why `path` is not a clean absolute path (no control characters, no . or .. segments). */
function pathShapeProblem(path: string, what: string): string | undefined {
  if (!path.startsWith('/')) return `${what} must be an absolute path`;
  if (hasControlCharacter(path)) return `${what} must not contain control characters`;
  return hasDotSegment(path) ? `${what} must not contain . or .. path segments` : undefined;
}

function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => segment === '.' || segment === '..');
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
