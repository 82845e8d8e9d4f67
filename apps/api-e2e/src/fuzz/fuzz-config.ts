/**
 * Knobs of the fuzz suite, read once from the environment of the jest run:
 *
 * - `FUZZ_RUNS`: cases per operation (default 200, the number CI runs).
 * - `FUZZ_SEED`: replays a run; every failure prints the seed it ran with.
 * - `FUZZ_ONLY`: a substring of operation keys (`PATCH /api/mcp/users/{id}`) to fuzz only those.
 * - `FUZZ_COLLECT=1`: do not stop at an operation's first failure; list every distinct failure
 *   (unshrunk) instead. For triage: CI keeps the default, which shrinks the first one.
 * - `FUZZ_SHRINK_MS`: how long shrinking may take per operation (default 20 s).
 */
export interface FuzzConfig {
  readonly runs: number;
  readonly seed: number;
  readonly only?: string;
  readonly collect: boolean;
  /** Time allowed to shrink a failure before the smallest case found so far is reported. */
  readonly shrinkBudgetMs: number;
  /** A request with no complete answer after this long is abandoned (it failed at 2 s already). */
  readonly requestTimeoutMs: number;
}

export function readFuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const runs = positiveInteger(env['FUZZ_RUNS'], 200, 'FUZZ_RUNS');
  const seed = env['FUZZ_SEED'] ? Number(env['FUZZ_SEED']) : Math.floor(Math.random() * 0x7fffffff);
  if (!Number.isInteger(seed)) {
    throw new Error(`FUZZ_SEED must be an integer, got ${env['FUZZ_SEED']}`);
  }
  return {
    runs,
    seed,
    only: env['FUZZ_ONLY'] || undefined,
    collect: env['FUZZ_COLLECT'] === '1',
    shrinkBudgetMs: positiveInteger(env['FUZZ_SHRINK_MS'], 20_000, 'FUZZ_SHRINK_MS'),
    requestTimeoutMs: 10_000,
  };
}

function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  }
  return value;
}

/**
 * The seed of one operation: derived from the run's seed and the operation's key (not its
 * position), so `FUZZ_ONLY` with the same `FUZZ_SEED` replays the same cases.
 */
export function operationSeed(seed: number, key: string): number {
  let hash = seed | 0;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  }
  return hash | 0;
}

/** Jest's limit for one operation's test: bounds a hang, measures nothing. */
export function operationTimeoutMs(config: FuzzConfig): number {
  return 120_000 + config.runs * 400 + config.shrinkBudgetMs;
}
