import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { RunLaunch } from '@mcp-fleet/api/servers/data-access';
import { queryRows } from '@mcp-fleet/api/shared/database';
import type { ServerTransport } from '@mcp-fleet/shared/contracts';

export interface ServerRun {
  runId: string;
  serverId: string;
  instanceId: string;
  transport: ServerTransport;
  pid: number | null;
  /** Field 22 of /proc/<pid>/stat: with the pid, identifies the process across pid reuse. */
  processStartTicks: string | null;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  exitSignal: string | null;
  endReason: string | null;
}

const COLUMNS = `run_id AS "runId", server_id AS "serverId", instance_id AS "instanceId", transport, pid,
  process_start_ticks::text AS "processStartTicks", started_at AS "startedAt", ended_at AS "endedAt",
  exit_code AS "exitCode", exit_signal AS "exitSignal", end_reason AS "endReason"`;

/** One row per run of a server (one start → exit). */
@Injectable()
export class RunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `launch`: the stored (sealed) transport and config the run is made from, to tell later what waits for a restart. */
  async open(run: Pick<ServerRun, 'runId' | 'serverId' | 'instanceId' | 'transport'>, launch?: RunLaunch): Promise<void> {
    await queryRows(
      this.dataSource,
      `INSERT INTO server_runs (run_id, server_id, instance_id, transport, launch) VALUES ($1, $2, $3, $4, $5)`,
      [run.runId, run.serverId, run.instanceId, run.transport, launch ? JSON.stringify(launch) : null],
    );
  }

  /** Recorded before the handshake, so a crash of the API right after the spawn still finds the process. */
  async recordProcess(runId: string, pid: number, processStartTicks: string | null): Promise<void> {
    await queryRows(this.dataSource, `UPDATE server_runs SET pid = $2, process_start_ticks = $3 WHERE run_id = $1`, [
      runId,
      pid,
      processStartTicks,
    ]);
  }

  async close(runId: string, end: { exitCode: number | null; exitSignal: string | null; endReason: string }): Promise<void> {
    await queryRows(
      this.dataSource,
      `UPDATE server_runs SET ended_at = now(), exit_code = $2, exit_signal = $3, end_reason = $4 WHERE run_id = $1 AND ended_at IS NULL`,
      [runId, end.exitCode, end.exitSignal, end.endReason],
    );
  }

  /** Closes the open runs of a server that another instance ran (it was taken over). */
  async closeOpenOf(serverId: string, endReason: string): Promise<void> {
    await queryRows(this.dataSource, `UPDATE server_runs SET ended_at = now(), end_reason = $2 WHERE server_id = $1 AND ended_at IS NULL`, [
      serverId,
      endReason,
    ]);
  }

  /** Runs never closed: their API instance died. With a pid, the process may still be alive. */
  async findOpen(): Promise<ServerRun[]> {
    const rows = await queryRows<ServerRun & { startedAt: Date; endedAt: Date | null }>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM server_runs WHERE ended_at IS NULL ORDER BY started_at`,
    );
    return rows.map((row) => ({ ...row, startedAt: new Date(row.startedAt).toISOString(), endedAt: null }));
  }

  async latestFor(serverId: string, limit = 20): Promise<ServerRun[]> {
    const rows = await queryRows<ServerRun & { startedAt: Date; endedAt: Date | null }>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM server_runs WHERE server_id = $1 ORDER BY started_at DESC LIMIT $2`,
      [serverId, limit],
    );
    return rows.map((row) => ({
      ...row,
      startedAt: new Date(row.startedAt).toISOString(),
      endedAt: row.endedAt ? new Date(row.endedAt).toISOString() : null,
    }));
  }
}
