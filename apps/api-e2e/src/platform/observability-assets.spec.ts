import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'yaml';

import { REPO_ROOT, useApi } from '@mcp-fleet/api/shared/testing';
import { type CreateApiTokenResponse, EVENT_TYPES, SERVER_STATES } from '@mcp-fleet/shared/contracts';

/*
 * The alert rules, the Grafana dashboard and the runbook are written by hand against the series
 * the API exports. This file keeps them honest: every metric they query exists on a running API,
 * every alert carries what an on-call person needs, and every runbook link lands on a heading.
 */

const ALERTS = 'deploy/prometheus/alerts.yaml';
const DASHBOARD = 'deploy/grafana/mcp-fleet.json';
const RUNBOOK = 'docs/operations.md';
/** Series Prometheus makes itself for every target. */
const PROMETHEUS_OWN = new Set(['up']);
const PROMQL_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface Panel {
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string }[];
  panels?: Panel[];
}

interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: string | { query?: string } }[] };
}

const read = (path: string) => readFileSync(resolve(REPO_ROOT, path), 'utf8');

function alertRules(): AlertRule[] {
  const document = parse(read(ALERTS)) as { groups: { name: string; rules: AlertRule[] }[] };
  return document.groups.flatMap((group) => group.rules);
}

function dashboardPanels(): Panel[] {
  const flatten = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...flatten(panel.panels ?? [])]);
  return flatten((JSON.parse(read(DASHBOARD)) as Dashboard).panels);
}

/** The metric names a PromQL expression selects (functions, keywords, labels and strings left out). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w:.$])[A-Za-z_:][\w:]*/g)) {
    const followedByCall = /^\s*\(/.test(bare.slice((match.index ?? 0) + match[0].length));
    if (!followedByCall && !PROMQL_KEYWORDS.has(match[0].toLowerCase())) {
      names.push(match[0]);
    }
  }
  return names;
}

/** Values a label is matched against (`label="a"`, `label=~"a|b"`). */
function labelValues(expr: string, label: string): string[] {
  return [...expr.matchAll(new RegExp(`\\b${label}\\s*=~?\\s*"([^"]*)"`, 'g'))].flatMap((match) => match[1].split('|'));
}

/** Every name in a Prometheus text exposition, histograms with their _bucket, _sum and _count. */
function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    const suffixes = type === 'histogram' ? ['_bucket', '_sum', '_count'] : type === 'summary' ? ['_sum', '_count'] : [];
    for (const suffix of suffixes) {
      names.add(name + suffix);
    }
  }
  return names;
}

/** GitHub's anchor for a Markdown heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function runbookAnchors(): Set<string> {
  return new Set([...read(RUNBOOK).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) => slug(match[1])));
}

describe('alert rules, dashboard and runbook (deploy/prometheus, deploy/grafana, docs/operations.md)', () => {
  const api = useApi();
  let exported: Set<string>;

  beforeAll(async () => {
    // Scraped the way the runbook tells an operator to: an API token holding only mcp:view_events.
    const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', { name: 'prometheus', permissions: ['mcp:view_events'] });
    expect(created.status).toBe(201);
    const response = await api.as(created.body.token).get<string>('/metrics');
    expect(response.status).toBe(200);
    exported = exportedNames(response.body);
  });

  it('finds the series of every kind in the scrape, so a missing name below is a real one', () => {
    for (const name of [
      'mcp_instance_owned_servers',
      'mcp_server_state',
      'http_request_duration_seconds_bucket',
      'process_resident_memory_bytes',
    ]) {
      expect(exported).toContain(name);
    }
  });

  it('alerts only on series the API exports', () => {
    const rules = alertRules();
    expect(rules.length).toBeGreaterThan(0);
    const missing = rules.flatMap((rule) =>
      metricNames(rule.expr)
        .filter((name) => !exported.has(name) && !PROMETHEUS_OWN.has(name))
        .map((name) => `${rule.alert ?? rule.record}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every alert a duration, a severity, a summary, a description and a runbook', () => {
    const incomplete = alertRules()
      .filter((rule) => rule.alert !== undefined)
      .filter(
        (rule) =>
          !rule.for ||
          !['critical', 'warning', 'info'].includes(rule.labels?.['severity'] ?? '') ||
          !rule.annotations?.['summary'] ||
          !rule.annotations['description'] ||
          !/^docs\/operations\.md#[\w-]+$/.test(rule.annotations['runbook_url'] ?? ''),
      )
      .map((rule) => rule.alert);
    expect(incomplete).toEqual([]);
  });

  it('points every runbook link of the assets at a heading of docs/operations.md', () => {
    const anchors = runbookAnchors();
    const assets = [ALERTS, DASHBOARD, 'deploy/prometheus/prometheus.example.yml', RUNBOOK];
    const links = assets.flatMap((path) =>
      [...read(path).matchAll(/(?:operations\.md|\]\()#([\w-]+)/g)].map((match) => ({ path, anchor: match[1] })),
    );
    expect(links.length).toBeGreaterThan(alertRules().length);
    expect(links.filter((link) => !anchors.has(link.anchor))).toEqual([]);
  });

  it('matches event types and states the product has', () => {
    const expressions = [
      ...alertRules().map((rule) => rule.expr),
      ...dashboardPanels().flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? '')),
    ];
    const eventTypes = new Set<string>(Object.values(EVENT_TYPES));
    const states = new Set<string>(SERVER_STATES);
    const unknown = expressions.flatMap((expr) => [
      ...labelValues(expr, 'event_type').filter((value) => !eventTypes.has(value)),
      ...labelValues(expr, 'state').filter((value) => !states.has(value)),
    ]);
    expect(unknown).toEqual([]);
  });

  it('charts only series the API exports, through the data source variable', () => {
    const dashboard = JSON.parse(read(DASHBOARD)) as Dashboard;
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    const variables = new Map(dashboard.templating.list.map((variable) => [variable.name, variable]));
    expect(variables.get('DS_PROMETHEUS')?.type).toBe('datasource');
    expect(variables.get('instance')?.type).toBe('query');

    const charts = dashboardPanels().filter((panel) => panel.type !== 'row' && panel.type !== 'text');
    expect(charts.length).toBeGreaterThan(10);
    const withoutQuery = charts.filter((panel) => !panel.targets?.some((target) => target.expr));
    const wrongSource = charts.filter((panel) => panel.datasource?.uid !== '${DS_PROMETHEUS}');
    expect(withoutQuery.map((panel) => panel.title)).toEqual([]);
    expect(wrongSource.map((panel) => panel.title)).toEqual([]);

    const queries = [
      ...charts.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr ?? '' }))),
      ...dashboard.templating.list
        .filter((variable) => variable.type === 'query')
        .map((variable) => {
          const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
          return { where: `$${variable.name}`, expr: /^label_values\((.*),\s*\w+\)$/.exec(query)?.[1] ?? query };
        }),
    ];
    const missing = queries.flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !exported.has(name) && !PROMETHEUS_OWN.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
