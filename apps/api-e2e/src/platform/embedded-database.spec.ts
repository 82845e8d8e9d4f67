import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type RunningApi, startApi } from '@mcp-fleet/api/shared/testing';

/** TCP ports a process listens on, from /proc: its socket inodes matched against the LISTEN rows. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) {
        inodes.add(match[1]);
      }
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      if (fields[3] === '0A' && inodes.has(fields[9])) {
        ports.push(parseInt(fields[1].split(':')[1], 16));
      }
    }
  }
  return ports;
}

describe('the embedded database is reachable by this process only', () => {
  let dataDir: string;
  let api: RunningApi;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-embedded-'));
    api = await startApi({ DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens no TCP port but its HTTP port', () => {
    const pid = api.process.pid as number;

    expect(listeningPorts(pid)).toEqual([Number(new URL(api.url).port)]);
  });

  it('serves PostgreSQL on a Unix socket in DATA_DIR that only its user can open', () => {
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'run', '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);
  });
});
