// Transparency check: `node tools/conformance/compare.mjs direct.json gateway.json` (reports written by run.mjs).
// Prints every check that passes (SUCCESS) against the server directly but not through the gateway,
// then counts. Exit 1 if there is any such check, 0 if none, 2 on bad input.
import { readFileSync } from 'node:fs';

// A check id can repeat within a scenario (loops, retries); collapse repeats to the most severe status.
const SEVERITY = ['SUCCESS', 'INFO', 'SKIPPED', 'WARNING', 'FAILURE'];
const rank = (status) => (SEVERITY.includes(status) ? SEVERITY.indexOf(status) : SEVERITY.length);

function load(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(report.checks)) throw new Error(`${file} has no checks array`);
  const byKey = new Map();
  for (const c of report.checks) {
    const key = `${c.revision ?? '-'} ${c.scenario} ${c.id}`;
    const seen = byKey.get(key);
    if (!seen || rank(c.status) > rank(seen.status)) byKey.set(key, c);
  }
  return { report, byKey };
}

function main(args) {
  if (args.length !== 2) {
    console.error('usage: node tools/conformance/compare.mjs direct.json gateway.json');
    return 2;
  }
  let direct, gateway;
  try {
    direct = load(args[0]);
    gateway = load(args[1]);
  } catch (e) {
    console.error(`compare.mjs: ${e.message}`);
    return 2;
  }

  const lost = [];
  let both = 0;
  let gatewayOnly = 0;
  let neither = 0;
  for (const [key, d] of direct.byKey) {
    const g = gateway.byKey.get(key);
    const okDirect = d.status === 'SUCCESS';
    const okGateway = g?.status === 'SUCCESS';
    if (okDirect && okGateway) both++;
    else if (okDirect) lost.push({ key, d, g });
    else if (okGateway) gatewayOnly++;
    else neither++;
  }
  for (const [key, g] of gateway.byKey) if (!direct.byKey.has(key) && g.status === 'SUCCESS') gatewayOnly++;

  for (const { key, g } of lost) {
    const why = g ? `${g.status}${g.message ? `: ${String(g.message).split('\n')[0].slice(0, 200)}` : ''}` : 'missing in gateway run';
    console.log(`LOST  ${key}  -> ${why}`);
  }
  const scored = lost.filter(({ d }) => d.scored !== false).length;
  console.log(
    `\ndirect ${direct.report.url} vs gateway ${gateway.report.url}: ${direct.byKey.size} direct checks, ` +
      `${both} pass in both, ${lost.length} pass only direct (${scored} in scored scenarios), ` +
      `${gatewayOnly} pass only through the gateway, ${neither} pass in neither`,
  );
  return lost.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
