import { Client } from 'pg';

export interface SeededEvents {
  count: number;
  /** Of those, how many fall in the last hour (what the dashboard's card counts). */
  lastHour: number;
  /** The seq of the newest event in the store afterwards. */
  lastSeq: number;
  durationMs: number;
}

/**
 * Writes `count` events straight into the event store, spread over the last `days` days and
 * over the given servers, with the mix of types and severities a busy fleet produces. Inserted
 * with SQL rather than through the API: the console benchmark measures reading and rendering,
 * and ingest has its own benchmark (bench/events.ts).
 */
export async function seedEvents(
  databaseUrl: string,
  servers: { id: string; name: string }[],
  count: number,
  days: number,
): Promise<SeededEvents> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(
      `
      WITH fleet AS (
        SELECT (ids)[i] AS id, (names)[i] AS name, i - 1 AS n
        FROM (SELECT $1::uuid[] AS ids, $2::text[] AS names) AS a, generate_subscripts($1::uuid[], 1) AS i
      ), kinds(k, type, severity, category, message) AS (
        VALUES
          (0, 'server.health_checked', 'debug', 'health', 'Health probe succeeded'),
          (1, 'server.status_changed', 'info', 'lifecycle', 'State changed'),
          (2, 'server.tool_called', 'info', 'command', 'Tool called'),
          (3, 'server.health_degraded', 'warning', 'health', 'Health probe failed'),
          (4, 'server.exited', 'error', 'lifecycle', 'Process exited unexpectedly'),
          (5, 'server.updated', 'info', 'config', 'Configuration updated')
      )
      INSERT INTO events (id, occurred_at, type, severity, category, server_id, server_name, message, data,
                          correlation_id, actor_kind, actor_id, actor_name, instance_id)
      SELECT gen_random_uuid(),
             now() - make_interval(secs => ($3::float8 * 86400) * (1 - g::float8 / $4)),
             kinds.type, kinds.severity, kinds.category, fleet.id, fleet.name,
             kinds.message || ' (' || fleet.name || ')', jsonb_build_object('bench', true, 'n', g),
             NULL, 'system', NULL, 'system', 'bench-seed'
      FROM generate_series(1, $4) AS g
      JOIN fleet ON fleet.n = g % $5
      JOIN kinds ON kinds.k = (g * 7) % 6
      ORDER BY g`,
      [servers.map((s) => s.id), servers.map((s) => s.name), days, count, servers.length],
    );
    const { rows } = await client.query<{ count: string; last: string | null }>(
      `SELECT count(*) FILTER (WHERE occurred_at > now() - interval '1 hour') AS count, max(seq)::text AS last FROM events`,
    );
    return {
      count,
      lastHour: Number(rows[0]?.count ?? 0),
      lastSeq: Number(rows[0]?.last ?? 0),
      durationMs: performance.now() - started,
    };
  } finally {
    await client.end();
  }
}
