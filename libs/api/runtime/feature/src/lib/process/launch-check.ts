import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Why a command cannot be started, in the terms of the OS (errno) and in words. */
export interface LaunchProblem {
  errno: 'ENOENT' | 'EACCES' | 'ENOTDIR';
  message: string;
}

/**
 * Checks, before the spawn, what the exec would fail on: a missing working directory, a
 * command not found on the child's PATH, a file that is not executable. Spawned through
 * setpriv, such a failure would otherwise look like a process that exited with 127 or 126.
 */
export function launchProblem(command: string, cwd: string | undefined, path: string | undefined): LaunchProblem | null {
  if (cwd !== undefined) {
    const dir = kindOf(cwd);
    if (dir !== 'dir') {
      return {
        errno: dir === 'missing' ? 'ENOENT' : dir === 'denied' ? 'EACCES' : 'ENOTDIR',
        message: `the working directory ${cwd} ${dir === 'missing' ? 'does not exist' : dir === 'denied' ? 'cannot be read' : 'is not a directory'}`,
      };
    }
  }
  if (command.includes('/')) {
    return fileProblem(isAbsolute(command) ? command : join(cwd ?? process.cwd(), command), command);
  }
  let notExecutable: string | undefined;
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    const problem = fileProblem(candidate, command);
    if (!problem) {
      return null;
    }
    if (problem.errno === 'EACCES') {
      notExecutable ??= candidate;
    }
  }
  return notExecutable
    ? { errno: 'EACCES', message: `${notExecutable} is not executable` }
    : { errno: 'ENOENT', message: `command not found: ${command} (not on the PATH the server gets)` };
}

function fileProblem(file: string, command: string): LaunchProblem | null {
  const kind = kindOf(file);
  if (kind === 'missing') {
    return { errno: 'ENOENT', message: `${command}: no such file` };
  }
  if (kind === 'dir') {
    return { errno: 'EACCES', message: `${command} is a directory` };
  }
  try {
    accessSync(file, constants.X_OK);
    return null;
  } catch {
    return { errno: 'EACCES', message: `${command} is not executable` };
  }
}

function kindOf(path: string): 'dir' | 'file' | 'missing' | 'denied' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'denied' : 'missing';
  }
}
