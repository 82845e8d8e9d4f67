/** One server as registered through POST /api/mcp/servers. */
export interface SeedServer {
  name: string;
  description: string;
  type: string;
  transport: 'stdio' | 'streamable-http' | 'sse';
  config: Record<string, unknown>;
  enabled: boolean;
  tags: string[];
}

export interface SeedOutcome {
  count: number;
  concurrency: number;
  durationMs: number;
}

const FAMILIES = [
  { family: 'github', type: 'devtools' },
  { family: 'filesystem', type: 'filesystem' },
  { family: 'postgres', type: 'database' },
  { family: 'slack', type: 'communication' },
  { family: 'brave-search', type: 'search' },
  { family: 'puppeteer', type: 'browser' },
  { family: 'memory', type: 'knowledge' },
  { family: 'sentry', type: 'monitoring' },
  { family: 'jira', type: 'devtools' },
  { family: 'fetch', type: 'web' },
] as const;
const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
const TEAMS = ['team:platform', 'team:data', 'team:payments', 'team:growth'] as const;

/**
 * A deterministic, realistic fleet: mixed transports (about 60% stdio), types and tags,
 * the same on every run so results stay comparable.
 */
export function planFleet(count: number): SeedServer[] {
  const random = mulberry32(0x6d6366);
  return Array.from({ length: count }, (_, index) => planServer(index, random));
}

function planServer(index: number, random: () => number): SeedServer {
  const { family, type } = pick(FAMILIES, random);
  const environment = pick(ENVIRONMENTS, random);
  const team = pick(TEAMS, random);
  const name = `srv-${String(index).padStart(4, '0')}-${family}`;
  const roll = random();
  const transport = roll < 0.6 ? 'stdio' : roll < 0.85 ? 'streamable-http' : 'sse';
  const tags = ['bench', environment, team, ...(random() < 0.2 ? ['experimental'] : [])];
  return {
    name,
    description: `${family} MCP server for ${team.slice('team:'.length)} (${environment})`,
    type,
    transport,
    config: transport === 'stdio' ? stdioConfig(family, random) : remoteConfig(name, family, transport, team),
    enabled: random() < 0.85,
    tags,
  };
}

function stdioConfig(family: string, random: () => number): Record<string, unknown> {
  return {
    command: 'npx',
    args: ['-y', `@modelcontextprotocol/server-${family}`],
    ...(random() < 0.5 ? { env: { NODE_ENV: 'production', LOG_FORMAT: 'json' } } : {}),
    ...(random() < 0.3 ? { requestTimeoutMs: 10_000 } : {}),
  };
}

function remoteConfig(name: string, family: string, transport: string, team: string): Record<string, unknown> {
  return {
    url: `https://${family}.mcp.example.com/${name}/${transport === 'sse' ? 'sse' : 'mcp'}`,
    headers: { 'x-team': team },
  };
}

/** Registers every server through the REST API, `concurrency` requests at a time. */
export async function seedFleet(
  baseUrl: string,
  headers: Record<string, string>,
  servers: readonly SeedServer[],
  concurrency: number,
): Promise<SeedOutcome> {
  const started = performance.now();
  await forEachBounded(servers, concurrency, (server) => registerServer(baseUrl, headers, server));
  return { count: servers.length, concurrency, durationMs: performance.now() - started };
}

async function registerServer(baseUrl: string, headers: Record<string, string>, server: SeedServer): Promise<void> {
  const response = await fetch(`${baseUrl}/api/mcp/servers`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(server),
  });
  const body = await response.text();
  if (response.status !== 201) {
    throw new Error(`Seeding ${server.name} failed: HTTP ${response.status} ${body.slice(0, 500)}`);
  }
}

async function forEachBounded<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        // Stop the other workers too: one failure already fails the run.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function pick<T>(values: readonly T[], random: () => number): T {
  return values[Math.floor(random() * values.length)];
}

/** Small seeded PRNG (public domain), enough for reproducible fixtures. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
