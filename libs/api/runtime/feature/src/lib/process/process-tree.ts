import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface GroupUsage {
  /** Resident memory of every process in the group. */
  rssBytes: number;
  /** utime + stime of every process in the group, in seconds. */
  cpuSeconds: number;
  processes: number;
}

/**
 * Memory and CPU time of whole process groups (a server and every child it spawned), read from
 * /proc in one pass. Processes that vanish mid-read are skipped.
 */
export function sampleGroups(pgids: readonly number[], proc = '/proc'): Map<number, GroupUsage> {
  const wanted = new Set(pgids);
  const usage = new Map<number, GroupUsage>();
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return usage; // not Linux
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`${proc}/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgid = Number(fields[2]);
    if (!wanted.has(pgid)) continue;
    const current = usage.get(pgid) ?? { rssBytes: 0, cpuSeconds: 0, processes: 0 };
    current.cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    current.rssBytes += Number(fields[21]) * PAGE_BYTES;
    current.processes += 1;
    usage.set(pgid, current);
  }
  return usage;
}
