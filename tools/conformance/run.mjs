// Runs the official MCP conformance suite (server mode) against a Streamable HTTP MCP URL and writes a
// normalised JSON report. Runs under Node 20; the suite itself needs Node 22, so both are installed
// (pinned) into a cache dir with npm and the CLI is spawned with that Node binary. See README.md.
//
//   node tools/conformance/run.mjs --url <mcp url> --out <file.json> [--header 'Name: value']... [--cache <dir>]
//        [--revision 2025-11-25,2026-07-28] [--scenario <name>]... [--timeout <ms per scenario>] [--raw <dir>]
//
// Exit 0 when the suite ran (whatever the checks said), 1 when it could not run, 2 on bad arguments.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CONFORMANCE_VERSION, exec as run, installConformance as install } from './shared.mjs';

export { CONFORMANCE_VERSION, NODE_VERSION } from './shared.mjs';

const REVISIONS = ['2025-11-25', '2026-07-28'];
const here = dirname(fileURLToPath(import.meta.url));

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { headers: [], scenarios: [], revisions: REVISIONS, timeout: '30000', runTimeout: 20 * 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--url') opts.url = value();
    else if (arg === '--out') opts.out = resolve(value());
    else if (arg === '--cache') opts.cache = resolve(value());
    else if (arg === '--raw') opts.raw = resolve(value());
    else if (arg === '--timeout') opts.timeout = value();
    else if (arg === '--scenario') opts.scenarios.push(value());
    else if (arg === '--revision') opts.revisions = value().split(',').filter(Boolean);
    else if (arg === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon < 1) throw new UsageError(`--header must look like 'Name: value', got '${header.split(':')[0]}...'`);
      opts.headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (arg === '-h' || arg === '--help') opts.help = true;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (opts.help) return opts;
  if (!opts.url || !opts.out) throw new UsageError('--url and --out are required');
  if (!/^https?:\/\//.test(opts.url)) throw new UsageError('--url must be an http(s) URL');
  for (const rev of opts.revisions) if (!REVISIONS.includes(rev)) throw new UsageError(`unknown --revision ${rev}`);
  if (!/^\d+$/.test(opts.timeout)) throw new UsageError('--timeout must be milliseconds');
  return opts;
}

/** Fails fast on a URL nothing listens on (the suite would otherwise "complete" with every scenario failing). */
async function preflight(url, headers) {
  try {
    const res = await fetch(url, { method: 'GET', headers: Object.fromEntries(headers), signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel();
  } catch (e) {
    throw new Error(`cannot reach ${url}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
}

const stripAnsi = (s) => s.replace(/\x1B\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

/** Turns one CLI invocation's stdout/stderr and checks.json files into normalised checks. */
function collect(revision, cwd, stdout, stderr, singleScenario) {
  const scenarios = new Map(); // scenario -> { dir }
  const notScored = new Map(); // scenario -> reason
  let current = singleScenario;
  if (current) scenarios.set(current, {});
  let inNotScored = false;
  for (const raw of stripAnsi(stdout).split('\n')) {
    const line = raw.trimEnd();
    let m;
    if ((m = /^=== Running scenario: (.+) ===$/.exec(line))) scenarios.set((current = m[1]), {});
    else if ((m = /^Results saved to (.+)$/.exec(line)) && current) scenarios.get(current).dir = resolve(cwd, m[1]);
    else if (/^Not scored for /.test(line)) inNotScored = true;
    else if (inNotScored && (m = /^\s+[✓✗] (\S+) \((.+)\)$/.exec(line))) notScored.set(m[1], m[2]);
    else if (inNotScored && line.trim() === '') inNotScored = false;
  }
  const crashes = new Map();
  for (const m of stripAnsi(stderr).matchAll(/^Failed to run scenario (\S+): ?(.*)$/gm)) crashes.set(m[1], m[2]);

  const checks = [];
  for (const [scenario, { dir }] of scenarios) {
    // `scored`: the scenario counts for the revision's requirement set (unknown for --scenario runs).
    const base = singleScenario
      ? { revision, scenario }
      : { revision, scenario, scored: !notScored.has(scenario), notScoredReason: notScored.get(scenario) };
    const file = dir && join(dir, 'checks.json');
    if (!file || !existsSync(file)) {
      const message = crashes.get(scenario) ?? 'scenario produced no checks.json (see the CLI stderr)';
      checks.push({ ...base, id: 'scenario-crashed', name: scenario, status: 'FAILURE', message });
      continue;
    }
    for (const c of JSON.parse(readFileSync(file, 'utf8'))) {
      checks.push({
        ...base,
        id: c.id,
        name: c.name,
        status: c.status,
        message: c.errorMessage ?? c.description ?? '',
        ...(c.specReferences?.length ? { specReferences: c.specReferences.map((r) => r.url ?? r.id) } : {}),
      });
    }
  }
  return checks;
}

function countBy(checks) {
  const counts = {};
  for (const c of checks) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}

function summarise(checks, runs) {
  const perRevision = {};
  for (const { revision, exitCode } of runs) {
    const mine = checks.filter((c) => c.revision === revision);
    const scenarios = [...new Set(mine.map((c) => c.scenario))];
    const failing = scenarios.filter((s) => mine.some((c) => c.scenario === s && c.status === 'FAILURE'));
    perRevision[revision] = {
      cliExitCode: exitCode,
      scenarios: scenarios.length,
      failingScenarios: failing,
      failingScoredScenarios: failing.filter((s) => mine.find((c) => c.scenario === s)?.scored),
      checks: countBy(mine),
    };
  }
  return { checks: countBy(checks), total: checks.length, perRevision };
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(
      `run.mjs: ${e.message}\nusage: node tools/conformance/run.mjs --url <mcp url> --out <file.json> [--header 'Name: value'] [--cache <dir>]`,
    );
    return 2;
  }
  if (opts.help) {
    console.log(
      readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .slice(0, 8)
        .join('\n'),
    );
    return 0;
  }

  const scratch = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
  const cache = opts.cache ?? join(scratch, 'install');
  const rawDir = opts.raw ?? join(scratch, 'raw');
  const startedAt = new Date();
  try {
    await preflight(opts.url, opts.headers);
    const tool = await install(cache);
    const env = { ...process.env, NO_COLOR: '1' };
    const preload = [];
    if (opts.headers.length > 0) {
      Object.assign(env, {
        CONFORMANCE_INJECT_HEADERS: JSON.stringify(opts.headers),
        CONFORMANCE_TARGET_ORIGIN: new URL(opts.url).origin,
        CONFORMANCE_UNDICI_PATH: tool.undici,
      });
      preload.push('--import', join(here, 'inject-headers.mjs'));
    }

    const checks = [];
    const runs = [];
    for (const revision of opts.revisions) {
      const invocations = opts.scenarios.length
        ? opts.scenarios.map((s) => ({ scenario: s, args: ['--scenario', s, '--spec-version', revision, '--force'] }))
        : [{ scenario: undefined, args: ['--requirements', revision] }];
      for (const { scenario, args } of invocations) {
        const cwd = join(rawDir, revision);
        mkdirSync(cwd, { recursive: true });
        const label = scenario ? `${revision} ${scenario}` : `${revision} requirements`;
        console.log(`running conformance server suite: ${label} against ${opts.url}`);
        const log = createWriteStream(join(cwd, `${scenario ?? 'suite'}.log`));
        const cliArgs = [...preload, tool.cli, 'server', '--url', opts.url, ...args, '--timeout', opts.timeout, '-o', cwd];
        const res = await run(tool.node, cliArgs, { cwd, env, stdout: log, stderr: log, timeoutMs: opts.runTimeout });
        await new Promise((r) => log.end(r));
        // The CLI exits 0 (all scored checks passed) or 1 (some failed); anything else means it broke.
        if (res.code !== 0 && res.code !== 1) {
          const tail = stripAnsi(res.err || res.out).slice(-2000);
          throw new Error(`conformance CLI (${label}) exited ${res.code ?? res.signal}:\n${tail}`);
        }
        if (/Validation error|Unknown (suite|spec version)/.test(res.err))
          throw new Error(`conformance CLI rejected ${label}: ${res.err.split('\n').slice(0, 2).join(' ')}`);
        if (!scenario && !res.out.includes('=== SUMMARY ===')) throw new Error(`conformance CLI (${label}) printed no summary`);
        checks.push(...collect(revision, cwd, res.out, res.err, scenario));
        runs.push({ revision, scenario, exitCode: res.code });
      }
    }
    if (checks.length === 0) throw new Error('the suite produced no checks');

    const report = {
      tool: { conformance: CONFORMANCE_VERSION, node: tool.nodeVersion },
      url: opts.url,
      headers: opts.headers.map(([name]) => name), // names only: values may be secrets
      revisions: opts.revisions,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      summary: summarise(checks, runs),
      checks,
    };
    mkdirSync(dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\nconformance ${CONFORMANCE_VERSION} (node ${tool.nodeVersion}) against ${opts.url}`);
    for (const [revision, s] of Object.entries(report.summary.perRevision)) {
      const counts = Object.entries(s.checks)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`  ${revision}: ${s.scenarios} scenarios, checks: ${counts}`);
      if (s.failingScoredScenarios.length) console.log(`    failing (scored): ${s.failingScoredScenarios.join(', ')}`);
      const unscored = s.failingScenarios.filter((x) => !s.failingScoredScenarios.includes(x));
      if (unscored.length) console.log(`    failing (not scored, or --scenario run): ${unscored.join(', ')}`);
    }
    console.log(`report: ${opts.out}${opts.raw ? `, raw CLI output: ${opts.raw}` : ''}`);
    return 0;
  } catch (e) {
    console.error(`run.mjs: could not run the conformance suite: ${e.message}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
