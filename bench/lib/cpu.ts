import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';

/** Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Reads a process's cumulative CPU time in ms (undefined when unavailable). */
export type CpuProbe = () => Promise<number | undefined>;

/** This process's own CPU time. */
export const ownCpu: CpuProbe = () => {
  const usage = process.cpuUsage();
  return Promise.resolve((usage.user + usage.system) / 1000);
};

/** Total user + system CPU time of a process so far, or undefined off Linux or when it is gone. */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined || process.platform !== 'linux') {
    return undefined;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU of the PostgreSQL backends serving one database (`listPids` names them, e.g. from
 * pg_stat_activity), when the server runs on this machine. Connections come and go, so this
 * keeps a running total: each read adds what every backend it can see used since the last
 * read (all of it for a backend it has not seen before, which was born in between).
 * Undefined when no backend's /proc entry is readable (a remote server, another namespace).
 */
export function postgresBackendsCpu(listPids: () => Promise<number[]>): CpuProbe {
  const lastSeen = new Map<number, number>();
  let total = 0;
  let first = true;
  return async () => {
    const pids = await listPids();
    const readings = await Promise.all(pids.map(async (pid) => [pid, await processCpuMs(pid)] as const));
    let readable = 0;
    for (const [pid, cpuMs] of readings) {
      if (cpuMs === undefined) {
        continue;
      }
      readable++;
      // On the first read every backend is old: start from its current figure.
      total += first ? cpuMs : cpuMs - (lastSeen.get(pid) ?? 0);
      lastSeen.set(pid, cpuMs);
    }
    first = false;
    return readable > 0 ? total : undefined;
  };
}

/**
 * CPU used during a window, in % of one core per named process. The machine is shared by the
 * load generator, the API and PostgreSQL; `rest` is everything not named (PostgreSQL, but also
 * any unrelated process), `machine` the share of all cores that was busy.
 */
export interface CpuShares {
  processes: Record<string, number | undefined>;
  rest: number | undefined;
  machine: number;
}

/** Starts measuring now; the returned function ends the window and reports the shares. */
export async function startCpuWindow(probes: Record<string, CpuProbe>): Promise<() => Promise<CpuShares>> {
  const names = Object.keys(probes);
  const read = () => Promise.all(names.map((name) => probes[name]()));
  const before = { wall: performance.now(), processes: await read(), machine: machineCpuMs() };
  return async () => {
    const wallMs = performance.now() - before.wall;
    const after = await read();
    const machineAfter = machineCpuMs();
    const processes: Record<string, number | undefined> = {};
    names.forEach((name, index) => {
      const start = before.processes[index];
      const end = after[index];
      processes[name] = start === undefined || end === undefined ? undefined : percentOfCore(end - start, wallMs);
    });
    const totalMs = machineAfter.total - before.machine.total;
    const machine = totalMs > 0 ? ((machineAfter.busy - before.machine.busy) / totalMs) * 100 : 0;
    const named = Object.values(processes);
    const rest = named.some((value) => value === undefined)
      ? undefined
      : Math.max(0, machine * cpus().length - named.reduce<number>((sum, value) => sum + (value ?? 0), 0));
    return { processes: roundValues(processes), rest: round(rest), machine: round(machine) ?? 0 };
  };
}

/** Busy and total CPU time of all cores since boot, in ms. */
export function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const used = times.user + times.nice + times.sys + times.irq;
    busy += used;
    total += used + times.idle;
  }
  return { busy, total };
}

function round(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 10) / 10;
}

function roundValues(values: Record<string, number | undefined>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, round(value)]));
}

export function percentOfCore(cpuMs: number, wallMs: number): number {
  return wallMs > 0 ? (cpuMs / wallMs) * 100 : 0;
}
