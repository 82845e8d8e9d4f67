import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process is alive: `kill(pid, 0)` succeeds and it is not a zombie (a zombie has
 * exited and only waits for its parent, which is not the API's business once it is reparented).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
      return false;
    }
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export const alive = (pids: number[]): number[] => pids.filter(isAlive);

/** The pids appended to a `grandchildren.mjs` pid file (self first, then its 2 children). */
export function pidsInFile(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(Number);
}

/**
 * Remembers every process a test file caused to exist and SIGKILLs whichever is still alive after
 * the file's last test (declare it after `useApi`, so this runs after the API has stopped). Pids
 * can be given directly, as a pid file (read at cleanup, so a test that failed before reading it
 * is covered) or as a marker argument (see `processesWithArg`). Processes are killed by pid only.
 */
export function usePidJanitor() {
  const pids = new Set<number>();
  const files = new Set<string>();
  const markers = new Set<string>();
  afterAll(() => {
    const all = new Set([...pids, ...[...files].flatMap(pidsInFile), ...[...markers].flatMap(processesWithArg)]);
    for (const pid of all) {
      if (isAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
  });
  return {
    track(...more: number[]): void {
      for (const pid of more) {
        pids.add(pid);
      }
    },
    trackPidFile(file: string): string {
      files.add(file);
      return file;
    },
    trackMarker(marker: string): string {
      markers.add(marker);
      return marker;
    },
  };
}

/**
 * Pids of the live processes that have `marker` as one of their arguments. Give a server a
 * unique marker argument (fixtures ignore extra arguments) to find its process from outside.
 */
export function processesWithArg(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(marker) && isAlive(Number(entry))) {
        found.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
