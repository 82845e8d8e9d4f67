import type { Locator, Page } from 'playwright-core';

import type { McpServer } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, PHONE, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { waitForText } from './support/ui';

/** A laptop screen, as the issue measured it. */
const LAPTOP = { width: 1440, height: 900 } as const;
/** 40 of type `alpha` (more than one page of 25), 20 of type `beta`. */
const ALPHA = 40;
const BETA = 20;
const IN_MAINTENANCE = ['alpha-003', 'alpha-017', 'beta-008'];
const DISABLED = 'beta-011';

/**
 * The servers list at a few dozen servers: compact rows, a selection that outlives pages and
 * filters, "select all N matching", and the filters for maintenance, health and enabled, every
 * setting kept in the URL so a saved link opens the same view.
 */
describeInBrowser('the servers list at scale', () => {
  const fleet = useConsole();
  const ids = new Map<string, string>();

  const rows = (page: Page): Locator => page.locator('main tr[mat-row]');
  const bulkCount = (page: Page): Locator => page.locator('.mf-bulk-count');
  const namesOnPage = async (page: Page): Promise<string[]> => page.locator('main tr[mat-row] a.mf-server-name').allTextContents();

  async function openList(page: Page, query = ''): Promise<void> {
    await login(page);
    await page.goto(`/servers${query}`);
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
    await rows(page).first().waitFor();
  }

  /** How many table rows lie wholly inside the viewport, with the page scrolled to the top. */
  async function rowsInView(page: Page): Promise<number> {
    // A string: this file is compiled without the DOM's types. Measured once the icon font is
    // in: until then an icon's name, as text, can widen a cell and make its row taller.
    return page.evaluate<number>(`(async () => {
      await document.fonts.ready;
      window.scrollTo(0, 0);
      return [...document.querySelectorAll('main tr[mat-row]')].filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length;
    })()`);
  }

  beforeAll(async () => {
    const names = [
      ...Array.from({ length: ALPHA }, (_, i) => `alpha-${String(i + 1).padStart(3, '0')}`),
      ...Array.from({ length: BETA }, (_, i) => `beta-${String(i + 1).padStart(3, '0')}`),
    ];
    for (const name of names) {
      const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
        name,
        type: name.split('-')[0],
        description: `The ${name} server, with a description long enough to take a second line in a comfortable row`,
        transport: 'stdio',
        config: { command: 'node', args: ['--version'] },
        enabled: name !== DISABLED,
      });
      if (response.status !== 201) {
        throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
      }
      ids.set(name, response.body.id);
    }
    for (const name of IN_MAINTENANCE) {
      expect((await fleet.api.post(`/api/mcp/servers/${ids.get(name)}/maintenance`)).status).toBe(200);
    }
  }, 120_000);

  it('shows at least 20 compact rows on a laptop screen, and the setting stays in the URL', async () => {
    const page = fleet.page;
    await page.setViewportSize(LAPTOP);
    await openList(page, '?pageSize=50');
    const comfortable = await rowsInView(page);

    await page.getByRole('button', { name: 'Compact rows' }).click();
    await page.waitForURL(/density=compact/);
    await page.waitForFunction(() => document.querySelector('main table.mf-dense') !== null);
    const compact = await rowsInView(page);
    await page.reload();
    await rows(page).first().waitFor();

    expect(compact).toBeGreaterThanOrEqual(20);
    expect(compact).toBeGreaterThan(comfortable);
    expect(await page.getByRole('button', { name: 'Comfortable rows' }).getAttribute('aria-pressed')).toBe('true');
    expect(await rowsInView(page)).toBe(compact);
    await checkPage(page, 'servers-dense');
  }, 120_000);

  it('keeps the selection across pages and filters', async () => {
    const page = fleet.page;
    await openList(page, '?type=alpha');
    await page.getByRole('checkbox', { name: 'Select alpha-001' }).check();
    await page.getByRole('checkbox', { name: 'Select alpha-002' }).check();

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('checkbox', { name: 'Select alpha-026' }).check();
    await waitForText(bulkCount(page), '3 selected (2 not on this page)');
    await page.getByLabel('Type', { exact: true }).fill('beta');
    await page.getByRole('link', { name: 'beta-001', exact: true }).waitFor();

    await waitForText(bulkCount(page), '3 selected (3 not on this page)');
    // Typing replaced the page-2 entry: one step back is page 1 of alpha.
    await page.goBack();
    await page.getByRole('link', { name: 'alpha-001', exact: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Select alpha-001' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Select alpha-003' }).isChecked()).toBe(false);
  }, 120_000);

  it('selects all N matching across pages, and a bulk stop confirms that many', async () => {
    const page = fleet.page;
    await openList(page, '?type=alpha');
    expect(await page.getByRole('button', { name: /Select all \d+ matching/ }).count()).toBe(0);

    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await waitForText(bulkCount(page), '25 selected');
    await page.getByRole('button', { name: `Select all ${ALPHA} matching` }).click();
    await waitForText(bulkCount(page), `${ALPHA} selected (15 not on this page)`);
    await page.getByRole('button', { name: 'Stop selected', exact: true }).click();
    const dialog = page.getByRole('dialog');

    await waitForText(dialog, `Stop ${ALPHA} servers?`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: /Select all \d+ matching/ }).count()).toBe(0);
  }, 120_000);

  it('filters on maintenance, health and enabled, each kept in the URL', async () => {
    const page = fleet.page;
    await openList(page);

    await page.getByRole('checkbox', { name: 'In maintenance' }).check();
    await page.waitForURL(/maintenance=true/);
    await page.getByRole('link', { name: 'beta-008', exact: true }).waitFor();
    expect(await namesOnPage(page)).toEqual(IN_MAINTENANCE);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Enabled', { exact: true }).click();
    await page.getByRole('option', { name: 'Disabled' }).click();
    await page.waitForURL(/enabled=false/);
    await page.getByRole('link', { name: DISABLED, exact: true }).waitFor();
    expect(await namesOnPage(page)).toEqual([DISABLED]);

    // Not one of these servers ever ran: every health is unknown, none is unhealthy.
    await page.goto('/servers?health=unhealthy');
    await page.getByText('No servers match these filters').waitFor();
    await page.goto('/servers?health=unknown&enabled=true&maintenance=false&pageSize=100');
    await rows(page).first().waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Servers' }).isVisible()).toBe(true);
    expect(await rows(page).count()).toBe(ALPHA + BETA - IN_MAINTENANCE.length - 1);
  }, 120_000);

  it('shows each server as a card on a phone, with no sideways scrolling', async () => {
    const page = fleet.page;
    await page.setViewportSize(PHONE);
    await openList(page, '?type=beta');
    const first = rows(page).first();

    // Page code as text: this file is compiled without the DOM's types.
    const overflow = await page.evaluate<number>(`(() => {
      const scroller = document.querySelector('main .mf-table-scroll');
      return scroller.scrollWidth - scroller.clientWidth;
    })()`);
    const box = await first.boundingBox();
    const text = (await first.innerText()).replace(/\s+/g, ' ');

    expect(overflow).toBeLessThanOrEqual(0);
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    expect(text).toContain('beta-001');
    // Each fact is labelled (drawn by CSS from the cell's data-label, as the header row is gone).
    const labels = await page.evaluate<string[]>(`[...document.querySelectorAll('main tr[mat-row]')[0].querySelectorAll('td')]
      .map((cell) => getComputedStyle(cell, '::before').content).filter((content) => content !== 'none')`);
    expect(text).toContain('Stopped');
    expect(text).toContain('stdio');
    expect(labels).toEqual(['"State"', '"Health"', '"Transport"', '"Type"', '"Tags"', '"Uptime"']);
    expect(await first.getByRole('checkbox', { name: 'Select beta-001' }).isVisible()).toBe(true);
    expect(await first.getByRole('button', { name: 'Actions for beta-001' }).isVisible()).toBe(true);
  }, 120_000);
});
