import { readdir, readFile } from 'node:fs/promises';

import type { CpuProbe } from './cpu';

/** Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

/** A process of the fixture this benchmark runs, as /proc shows it. */
export interface FixtureProcess {
  pid: number;
  ppid: number;
  /** Its own user + system CPU time so far. */
  cpuMs: number;
  /** Whether its environment carries this run's marker (false when unreadable: another user's). */
  marked: boolean;
}

/**
 * Every process whose command line mentions `script` (as `pgrep -f <script>` would count them,
 * any user's), and whether it carries this run's `NAME=value` marker in its environment. The
 * marker tells this run's fixture processes from those of anything else on the machine (other
 * benchmarks, e2e tests), whoever their parent is now. Linux only; empty elsewhere.
 */
export async function findFixtureProcesses(script: string, marker: string): Promise<FixtureProcess[]> {
  if (process.platform !== 'linux') {
    return [];
  }
  const entries = await readdir('/proc');
  const found = await Promise.all(
    entries.filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid).map((entry) => inspect(Number(entry), script, marker)),
  );
  return found.filter((p): p is FixtureProcess => p !== undefined);
}

async function inspect(pid: number, script: string, marker: string): Promise<FixtureProcess | undefined> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes(script)) {
      return undefined;
    }
    const fields = await statFields(pid);
    if (!fields) {
      return undefined;
    }
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: ticksToMs(Number(fields[11]) + Number(fields[12])),
      marked: environ.split('\0').includes(marker),
    };
  } catch {
    // Gone between the directory listing and the read.
    return undefined;
  }
}

/**
 * CPU of the fixture processes a parent spawned: those still running (or not yet reaped) with
 * this run's marker, plus what the parent's reaped children used (cutime + cstime, which holds a
 * child's CPU once the parent has waited for it). A cumulative figure, so a window's difference
 * covers processes born, running and reaped in it. Undefined off Linux.
 */
export function fixturesCpu(parentPid: number, script: string, marker: string): CpuProbe {
  return async () => {
    const reaped = await reapedChildrenCpuMs(parentPid);
    if (reaped === undefined) {
      return undefined;
    }
    const live = await findFixtureProcesses(script, marker);
    return reaped + live.filter((p) => p.marked && p.ppid === parentPid).reduce((sum, p) => sum + p.cpuMs, 0);
  };
}

/** CPU time of the children a process has waited for (cutime + cstime), in ms. */
export async function reapedChildrenCpuMs(pid: number): Promise<number | undefined> {
  const fields = await statFields(pid);
  return fields ? ticksToMs(Number(fields[13]) + Number(fields[14])) : undefined;
}

/** Resident set size (VmRSS) of a process in KiB, or undefined when unavailable. */
export async function residentKb(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the parenthesised command name (field 3, the state, is index 0). */
async function statFields(pid: number): Promise<string[] | undefined> {
  if (process.platform !== 'linux') {
    return undefined;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function ticksToMs(ticks: number): number {
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
