import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';

import { LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';
import { SERVER_STATES } from '@mcp-fleet/shared/contracts';

interface Snapshot {
  rows: Awaited<ReturnType<LiveFiguresRepository['gaugeSnapshot']>>;
  /** False when the database did not answer: the per-server gauges are absent from this scrape. */
  read: boolean;
}

/** The repository of the application that last started (tests start several in one process). */
let source: LiveFiguresRepository | undefined;
let inFlight: Promise<Snapshot> | undefined;

/**
 * One query per scrape for all the per-server gauges: a scrape collects them all in the same
 * tick, so they share the query in flight; the next scrape reads afresh. A database that does
 * not answer leaves them out of the scrape (mcp_server_gauges_up 0), never fails it: the
 * process's own series are what an operator needs most during an outage.
 */
function snapshot(): Promise<Snapshot> {
  if (!inFlight) {
    const query = (async (): Promise<Snapshot> => {
      try {
        return { rows: source ? await source.gaugeSnapshot() : [], read: true };
      } catch {
        return { rows: [], read: false };
      }
    })();
    inFlight = query;
    void query.finally(() => {
      if (inFlight === query) {
        inFlight = undefined;
      }
    });
  }
  return inFlight;
}

function gauge(
  name: string,
  help: string,
  labelNames: string[],
  fill: (gauge: Gauge, rows: Snapshot['rows'], read: boolean) => void,
): void {
  if (register.getSingleMetric(name)) {
    return;
  }
  new Gauge({
    name,
    help,
    labelNames,
    async collect() {
      const { rows, read } = await snapshot();
      this.reset();
      fill(this, rows, read);
    },
  });
}

/**
 * Per-server gauges read from the registry at scrape time: health, state and restarts. Labels
 * are server names and types (bounded by the registry), never request or run ids.
 */
@Injectable()
export class ServerGauges implements OnModuleInit {
  constructor(private readonly servers: LiveFiguresRepository) {}

  onModuleInit(): void {
    source = this.servers;
    gauge(
      'mcp_server_gauges_up',
      '1 when the per-server gauges of this scrape were read from the database; 0 when it did not answer (they are absent)',
      [],
      (g, _rows, read) => g.set(read ? 1 : 0),
    );
    gauge('mcp_server_health_status', '1 when the server is healthy, 0 otherwise', ['server_name', 'server_type'], (g, rows) => {
      for (const row of rows) {
        g.set({ server_name: row.name, server_type: row.type }, row.healthy ? 1 : 0);
      }
    });
    gauge('mcp_server_state', '1 for the state each server is in', ['server_name', 'state'], (g, rows) => {
      for (const row of rows) {
        for (const state of SERVER_STATES) {
          g.set({ server_name: row.name, state }, row.state === state ? 1 : 0);
        }
      }
    });
    gauge('mcp_server_restarts', 'Restarts of each server (automatic and by command)', ['server_name'], (g, rows) => {
      for (const row of rows) {
        g.set({ server_name: row.name }, row.restarts);
      }
    });
    gauge('mcp_server_memory_bytes', 'Resident memory of each stdio server process tree', ['server_name'], (g, rows) => {
      for (const row of rows) {
        if (row.state === 'running' && row.memoryMb !== null) g.set({ server_name: row.name }, Math.round(row.memoryMb * 1024 * 1024));
      }
    });
    gauge(
      'mcp_server_cpu_percent',
      'CPU of each stdio server process tree, % of one core over the last sample',
      ['server_name'],
      (g, rows) => {
        for (const row of rows) {
          if (row.state === 'running' && row.cpuPercent !== null) g.set({ server_name: row.name }, row.cpuPercent);
        }
      },
    );
    gauge('mcp_server_requests', 'Tool calls through the API, per server', ['server_name', 'outcome'], (g, rows) => {
      for (const row of rows) {
        g.set({ server_name: row.name, outcome: 'success' }, row.requests - row.errors);
        g.set({ server_name: row.name, outcome: 'error' }, row.errors);
      }
    });
  }
}
