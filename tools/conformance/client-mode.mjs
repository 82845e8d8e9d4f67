// The MCP conformance suite in client mode, with the fleet as the client: each scenario server the
// CLI starts is registered in mcp-fleet as a remote server and driven through the REST API by
// fleet-client.mjs (register, start, list/call tools, read resources, get prompts, stop, delete).
//
//   node tools/conformance/client-mode.mjs [--cache DIR] [--out report.json] [--raw DIR] [--api dist/apps/api/main.js]
//        [--scenario <name>[@<spec version>]]... [--concurrency N] [--timeout <ms per scenario>]
//
// Needs the built API (`npx nx build api`); runs it on its embedded database. Scenarios:
// `initialize`, `tools_call` and `sse-retry` at the 2025-11-25 wire, and every client scenario
// the 2026-07-28 requirement set of the pinned CLI lists (plus its added-after-release ones, not
// scored) at the 2026-07-28 wire. One scenario at a time by default: the embedded database is a
// single session, and with four at once every API call took ten times as long (218 s instead
// of 53 s for the whole run). Exit 0 when every scored check passes or is an expected failure
// (EXPECTED_FAILURES below), 1 when one fails (listed), 2 when the suite could not run.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { apiCall, CONFORMANCE_VERSION, exec, HERE, installConformance, runCleanups, startApi } from './shared.mjs';

const FLEET_CLIENT = join(HERE, 'fleet-client.mjs');

/** The session-era client scenarios the issue names, run at the 2025-11-25 wire. */
const LEGACY_SCENARIOS = ['initialize', 'tools_call', 'sse-retry'];
const LEGACY_WIRE = '2025-11-25';
const CURRENT_WIRE = '2026-07-28';

const NO_OAUTH =
  'the fleet has no OAuth client for remote servers: it sends only the configured static headers, so ' +
  'a server that answers 401 with a WWW-Authenticate challenge fails the start (no metadata discovery, ' +
  'no registration, no token request)';

/**
 * Failures we know the fleet cannot pass, by scenario: `{ reason }` lets every check of the
 * scenario fail, `{ checks: { id: reason } }` only those checks (`fleet-client:<step>` is a step
 * fleet-client.mjs took through the API). Anything else that fails fails the run. When a listed
 * scenario passes, the run says so: remove it from this list.
 */
const EXPECTED_FAILURES = {
  // OAuth 2.1 authorization of remote servers (2026-07-28 requirement set, all of them).
  'auth/metadata-default': { reason: NO_OAUTH },
  'auth/metadata-var1': { reason: NO_OAUTH },
  'auth/metadata-var2': { reason: NO_OAUTH },
  'auth/metadata-var3': { reason: NO_OAUTH },
  'auth/basic-cimd': { reason: NO_OAUTH },
  'auth/scope-from-www-authenticate': { reason: NO_OAUTH },
  'auth/scope-from-scopes-supported': { reason: NO_OAUTH },
  'auth/scope-omitted-when-undefined': { reason: NO_OAUTH },
  'auth/scope-step-up': { reason: NO_OAUTH },
  'auth/scope-retry-limit': { reason: NO_OAUTH },
  'auth/token-endpoint-auth-basic': { reason: NO_OAUTH },
  'auth/token-endpoint-auth-post': { reason: NO_OAUTH },
  'auth/token-endpoint-auth-none': { reason: NO_OAUTH },
  'auth/pre-registration': { reason: NO_OAUTH },
  'auth/resource-mismatch': { reason: NO_OAUTH },
  'auth/offline-access-scope': { reason: NO_OAUTH },
  'auth/offline-access-not-supported': { reason: NO_OAUTH },
  'auth/authorization-server-migration': { reason: NO_OAUTH },
  'auth/iss-supported': { reason: NO_OAUTH },
  'auth/iss-not-advertised': { reason: NO_OAUTH },
  'auth/iss-supported-missing': { reason: NO_OAUTH },
  'auth/iss-wrong-issuer': { reason: NO_OAUTH },
  'auth/iss-unexpected': { reason: NO_OAUTH },
  'auth/iss-normalized': { reason: NO_OAUTH },
  'auth/metadata-issuer-mismatch': { reason: NO_OAUTH },
};

/** Checks that never count: they report a bug of the harness, not of the client under test. */
const NEVER_SCORED = { 'wire-schema-harness-error': 'a bug of the conformance harness itself, not of the fleet' };

const { values } = parseArgs({
  options: {
    cache: { type: 'string' },
    api: { type: 'string' },
    out: { type: 'string' },
    raw: { type: 'string' },
    scenario: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '30000' },
  },
});
const cleanups = [];

/** Parses `conformance list --client --requirements <rev>`: required client scenarios and unscored ones. */
function parseRequirementList(text) {
  const required = [];
  const unscored = new Map(); // scenario -> reason
  let section;
  let reason;
  for (const line of text.split('\n')) {
    if (/^Client scenarios/.test(line)) section = 'client';
    else if (/^(Server|Authorization) scenarios/.test(line)) section = 'other';
    else if (/^Run and reported, but never scored/.test(line)) section = 'unscored';
    let m;
    if (section === 'unscored' && (m = /^ {2}(\S[^(]*?) \(\d+\):$/.exec(line))) reason = m[1];
    else if (section === 'client' && (m = /^ {2}- (\S+)$/.exec(line))) required.push(m[1]);
    else if (section === 'unscored' && (m = /^ {4}- (\S+) \[client\]$/.exec(line))) unscored.set(m[1], reason);
  }
  return { required, unscored };
}

function findFiles(dir, name, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, name, found);
    else if (entry.name === name) found.push(path);
  }
  return found;
}

/** Runs `fn` over `items`, `limit` at a time, keeping the order of the results. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function runScenario(tool, env, rawDir, { scenario, wire, scored, notScoredReason }, timeout) {
  const dir = join(rawDir, wire, scenario.replace(/\//g, '__'));
  mkdirSync(dir, { recursive: true });
  const clientReport = join(dir, 'fleet-client.json');
  const command = `'${process.execPath}' '${FLEET_CLIENT}'`;
  const args = [
    tool.cli,
    'client',
    '--command',
    command,
    '--scenario',
    scenario,
    '--spec-version',
    wire,
    '--timeout',
    String(timeout),
    '-o',
    dir,
  ];
  const started = Date.now();
  const res = await exec(tool.node, args, {
    env: { ...env, FLEET_CLIENT_REPORT: clientReport },
    timeoutMs: timeout + 60_000,
  });
  writeFileSync(join(dir, 'cli.log'), `${res.out}\n--- stderr ---\n${res.err}`);
  const durationMs = Date.now() - started;
  if (/^SKIPPED: /m.test(res.out)) throw new Error(`the CLI skipped ${scenario} at ${wire}: ${res.out.trim()}`);
  const files = findFiles(dir, 'checks.json');
  if (res.code !== 0 && res.code !== 1)
    throw new Error(`conformance CLI (${scenario} at ${wire}) exited ${res.code ?? res.signal}:\n${(res.err || res.out).slice(-1500)}`);
  if (files.length !== 1)
    throw new Error(`conformance CLI (${scenario} at ${wire}) wrote ${files.length} checks.json files:\n${res.err.slice(-1500)}`);

  const checks = JSON.parse(readFileSync(files[0], 'utf8'))
    .filter((c) => c.status !== 'INFO' || !/^(incoming|outgoing)-/.test(c.id)) // the wire log, kept in the raw files
    .map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      message: c.errorMessage ?? c.description ?? '',
      ...(NEVER_SCORED[c.id] ? { scored: false, notScoredReason: NEVER_SCORED[c.id] } : {}),
    }));
  // What the fleet-client did through the API: one more check, so a broken step is never silent.
  let fleetClient;
  try {
    fleetClient = JSON.parse(readFileSync(clientReport, 'utf8'));
  } catch {
    fleetClient = undefined;
  }
  const failedSteps = fleetClient?.steps.filter((s) => !s.ok) ?? [];
  if (!fleetClient) {
    const timedOut = (res.err.match(/Client timed out[^\n]*/) ?? [''])[0];
    checks.push({
      id: 'fleet-client',
      name: 'FleetClientSteps',
      status: 'FAILURE',
      message: `fleet-client wrote no report (crashed or timed out) ${timedOut}`,
    });
  } else if (failedSteps.length === 0) {
    checks.push({
      id: 'fleet-client',
      name: 'FleetClientSteps',
      status: 'SUCCESS',
      message: `${fleetClient.steps.length} steps through the API`,
    });
  }
  for (const step of failedSteps) {
    checks.push({
      id: `fleet-client:${step.step}`,
      name: 'FleetClientStep',
      status: 'FAILURE',
      message: step.detail ?? String(step.status),
    });
  }
  for (const c of checks) c.scored ??= scored;
  return { scenario, wire, scored, notScoredReason, cliExitCode: res.code, durationMs, checks, fleetClient };
}

function verdictOf(result) {
  const expected = EXPECTED_FAILURES[result.scenario];
  const failing = result.checks.filter((c) => c.status === 'FAILURE' && c.scored);
  const isExpected = (c) => expected && (!expected.checks || c.id in expected.checks);
  const unexpected = failing.filter((c) => !isExpected(c));
  result.unexpectedFailures = unexpected.map((c) => c.id);
  if (expected) result.expectedFailure = expected;
  if (unexpected.length) return 'FAIL';
  if (failing.length) return 'EXPECTED FAIL';
  if (expected) return 'UNEXPECTED PASS';
  return result.scored ? 'PASS' : result.checks.some((c) => c.status === 'FAILURE') ? 'FAIL (not scored)' : 'PASS (not scored)';
}

async function main() {
  const startedAt = new Date();
  const scratch = mkdtempSync(join(tmpdir(), 'mcp-fleet-client-mode-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const rawDir = resolve(values.raw ?? join(scratch, 'raw'));
  const concurrency = Number(values.concurrency);
  const timeout = Number(values.timeout);
  if (!(concurrency >= 1) || !(timeout >= 1000)) throw new Error('--concurrency must be ≥ 1 and --timeout ≥ 1000 ms');

  const tool = await installConformance(resolve(values.cache ?? join(scratch, 'install')));
  const listed = await exec(tool.node, [tool.cli, 'list', '--client', '--requirements', CURRENT_WIRE]);
  if (listed.code !== 0) throw new Error(`conformance list failed: ${listed.err}`);
  const { required, unscored } = parseRequirementList(listed.out);
  if (required.length === 0) throw new Error(`no client scenarios in the ${CURRENT_WIRE} requirement set:\n${listed.out}`);

  let plan = [
    ...LEGACY_SCENARIOS.map((scenario) => ({ scenario, wire: LEGACY_WIRE, scored: true })),
    ...required.map((scenario) => ({ scenario, wire: CURRENT_WIRE, scored: true })),
    ...[...unscored]
      .filter(([, reason]) => reason !== 'extension') // extensions are not 2026-07-28 scenarios
      .map(([scenario, reason]) => ({ scenario, wire: CURRENT_WIRE, scored: false, notScoredReason: reason })),
  ];
  if (values.scenario?.length) {
    plan = values.scenario.map((s) => {
      const [scenario, wire] = s.split('@');
      const known = plan.find((p) => p.scenario === scenario && (!wire || p.wire === wire));
      return known ?? { scenario, wire: wire ?? CURRENT_WIRE, scored: true };
    });
  }

  const { apiUrl, accessToken } = await startApi(cleanups, values.api ? resolve(values.api) : undefined);
  const { token } = await apiCall(
    apiUrl,
    'POST',
    '/api/mcp/api-tokens',
    { name: 'conformance-client-mode', permissions: ['mcp:view_servers', 'mcp:manage_servers', 'mcp:configure_servers'] },
    accessToken,
  );
  const env = { ...process.env, NO_COLOR: '1', FLEET_API_URL: apiUrl, FLEET_API_TOKEN: token };
  console.log(
    `conformance ${CONFORMANCE_VERSION} (node ${tool.nodeVersion}), client mode through the fleet at ${apiUrl}: ` +
      `${plan.length} scenarios, ${concurrency} at a time`,
  );

  const results = await pool(plan, concurrency, async (item) => {
    const result = await runScenario(tool, env, rawDir, item, timeout);
    result.verdict = verdictOf(result);
    console.log(`  ${result.verdict.padEnd(17)} ${item.scenario} @ ${item.wire} (${(result.durationMs / 1000).toFixed(1)} s)`);
    return result;
  });

  const count = (r, status) => r.checks.filter((c) => c.status === status).length;
  const rows = results.map((r) => [
    r.scenario,
    r.wire,
    String(count(r, 'SUCCESS')),
    String(count(r, 'FAILURE')),
    String(count(r, 'WARNING')),
    r.verdict,
  ]);
  const header = ['scenario', 'wire', 'passed', 'failed', 'warnings', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));

  const failed = results.filter((r) => r.verdict === 'FAIL');
  const expected = results.filter((r) => r.verdict === 'EXPECTED FAIL');
  const stale = results.filter((r) => r.verdict === 'UNEXPECTED PASS');
  const report = {
    tool: { conformance: CONFORMANCE_VERSION, node: tool.nodeVersion },
    mode: 'client',
    client: 'mcp-fleet REST API (tools/conformance/fleet-client.mjs)',
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: {
      scenarios: results.length,
      passed: results.filter((r) => r.verdict === 'PASS').length,
      failed: failed.map((r) => `${r.scenario}@${r.wire}`),
      expectedFailures: expected.map((r) => `${r.scenario}@${r.wire}`),
      unexpectedPasses: stale.map((r) => `${r.scenario}@${r.wire}`),
      notScored: results.filter((r) => !r.scored).map((r) => `${r.scenario}@${r.wire}`),
    },
    scenarios: results,
  };
  if (values.out) {
    mkdirSync(dirname(resolve(values.out)), { recursive: true });
    writeFileSync(resolve(values.out), `${JSON.stringify(report, null, 2)}\n`);
  }

  console.log(
    `\n${results.length} scenarios in ${(report.durationMs / 1000).toFixed(0)} s: ${report.summary.passed} pass, ` +
      `${expected.length} expected failures, ${failed.length} unexpected failures` +
      (values.out ? `; report: ${resolve(values.out)}` : '') +
      (values.raw ? `; raw CLI output: ${rawDir}` : ''),
  );
  const byReason = new Map(); // reason -> scenarios expected to fail for it
  for (const r of expected) {
    const failing = r.checks.filter((c) => c.status === 'FAILURE' && c.scored);
    for (const reason of new Set(failing.map((c) => r.expectedFailure.reason ?? r.expectedFailure.checks[c.id]))) {
      byReason.set(reason, [...(byReason.get(reason) ?? []), r.scenario]);
    }
  }
  for (const [reason, scenarios] of byReason) console.log(`  expected (${scenarios.join(', ')}): ${reason}`);
  for (const r of stale) console.log(`  ${r.scenario} now passes: remove it from EXPECTED_FAILURES in client-mode.mjs`);
  if (failed.length) {
    console.log('\nFailing scored checks:');
    for (const r of failed) {
      for (const c of r.checks.filter((x) => r.unexpectedFailures.includes(x.id) && x.status === 'FAILURE')) {
        console.log(`  ${r.scenario} @ ${r.wire}  ${c.id}: ${c.message.split('\n')[0].slice(0, 300)}`);
      }
    }
    return 1;
  }
  return 0;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  console.error(`The client-mode conformance run could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  runCleanups(cleanups);
}
process.exit(code);
