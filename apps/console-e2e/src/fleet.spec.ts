import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';

import { eventually, fixture } from '@mcp-fleet/api/shared/testing';
import type { EventPage, FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { textOf, watchPage } from './support/ui';

/** Three servers that take two seconds to come up, so a bulk start is long enough to watch. */
const NAMES = ['bulk-alpha', 'bulk-bravo', 'bulk-charlie'] as const;

const CSV_HEADER =
  'seq,timestamp,type,severity,category,serverId,serverName,message,actorKind,actorId,actorName,correlationId,instanceId,id,data';

describeInBrowser('the fleet: bulk start and stop from the servers list, and the event history', () => {
  const fleet = useConsole();
  const servers: McpServer[] = [];

  beforeAll(async () => {
    for (const name of NAMES) {
      const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
        name,
        transport: 'stdio',
        config: { command: 'node', args: [fixture('slow-start.mjs'), '2'] },
      });
      if (response.status !== 201) {
        throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
      }
      servers.push(response.body);
    }
  });

  const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  const rowState = (page: Page, name: string, state: string) => row(page, name).locator('mf-state-badge').filter({ hasText: state });

  /** Selects all three servers, runs one bulk button and checks the progress and the per-server results. */
  async function bulk(page: Page, button: 'Start selected' | 'Stop selected', finalState: string): Promise<void> {
    for (const name of NAMES) {
      await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    }
    const watch = await watchPage(page, '[aria-label="Bulk operation progress"]', /\d+ of 3 done/);
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    const results = page.getByLabel('Bulk results', { exact: true });
    await dialog.or(results).first().waitFor({ timeout: 60_000 });
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: /^(Start|Stop|Confirm)/ }).click();
    }
    const outcomes = await eventually(
      async () => {
        const found = perServer(await textOf(results));
        return NAMES.every((name) => found.get(name)?.includes('succeeded')) && found;
      },
      'a "succeeded" result for each of the three servers',
      { timeoutMs: 60_000 },
    );
    for (const name of NAMES) {
      expect(outcomes.get(name)).not.toContain('failed:');
    }

    const seen = await watch.sightings();
    expect(seen.appeared).toBe(true);
    expect(seen.texts.length).toBeGreaterThan(0);
    for (const name of NAMES) {
      await rowState(page, name, finalState).waitFor({ timeout: 60_000 });
    }
  }

  it('starts three selected servers with a progress bar and a result per server', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/servers');
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
    for (const label of ['Search', 'State', 'Transport', 'Type', 'Tag']) {
      await page.getByLabel(label, { exact: true }).first().waitFor();
    }
    for (const name of NAMES) {
      await rowState(page, name, 'stopped').waitFor();
    }

    await bulk(page, 'Start selected', 'running');
    for (const server of servers) {
      expect((await fleet.api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body.state).toBe('running');
    }
    await checkPage(page, 'servers-list');
  }, 180_000);

  it('stops them again the same way', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/servers');
    for (const name of NAMES) {
      await rowState(page, name, 'running').waitFor();
    }

    await bulk(page, 'Stop selected', 'stopped');
    for (const server of servers) {
      expect((await fleet.api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body.state).toBe('stopped');
    }
  }, 180_000);

  it('shows the history on the Events page and exports it as CSV and, filtered, as NDJSON', async () => {
    const page = fleet.page;
    const started = (await fleet.api.get<EventPage>('/api/mcp/events?type=server.started&limit=1000')).body.items;
    expect(started.map((event) => event.serverName).sort()).toEqual([...NAMES]);

    await login(page);
    await page.goto('/events');
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    for (const label of ['Server', 'Type', 'Severity', 'Category', 'From', 'To', 'Search']) {
      await page.getByLabel(label, { exact: true }).first().waitFor();
    }
    for (const name of NAMES) {
      await page.getByRole('row').filter({ hasText: name }).filter({ hasText: 'server.started' }).first().waitFor();
    }
    await checkPage(page, 'events');

    const csv = await download(page, 'Export CSV');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    for (const event of started) {
      const line = lines.find((candidate) => candidate.includes(event.id));
      expect(line).toBeDefined();
      expect(line).toContain(`,server.started,`);
      expect(line).toContain(`,${event.serverName ?? ''},`);
    }

    // Narrow the list to one server: the export follows the filters on screen.
    await page.getByLabel('Search', { exact: true }).first().fill('bulk-alpha');
    await eventually(
      async () => (await page.getByRole('row').filter({ hasText: 'bulk-bravo' }).count()) === 0,
      'the list to drop bulk-bravo',
    );
    const ndjson = await download(page, 'Export NDJSON');
    expect(ndjson.name).toMatch(/\.ndjson$/);
    const events = ndjson.text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as FleetEvent);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(`${event.serverName ?? ''} ${event.message} ${event.type}`.toLowerCase()).toContain('bulk-alpha');
    }
    const alphaStarted = started.find((event) => event.serverName === 'bulk-alpha');
    expect(events.map((event) => event.id)).toContain(alphaStarted?.id);
  }, 180_000);
});

/** Splits the results text into what follows each server's name (up to the next name). */
function perServer(text: string): Map<string, string> {
  const positions = NAMES.map((name) => ({ name, at: text.indexOf(name) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at);
  return new Map(positions.map((entry, i) => [entry.name, text.slice(entry.at + entry.name.length, positions[i + 1]?.at ?? text.length)]));
}

/** Clicks a download button and returns the file's suggested name and content. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
