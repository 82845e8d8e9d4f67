import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, Page } from 'playwright-core';

import { REPO_ROOT } from '@mcp-fleet/api/shared/testing';

import { ADMIN, type Credentials, login, PHONE } from './console-under-test';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/console');

const THEME_KEY = 'mcp-fleet.theme';

let axeSource: string | undefined;

export type Theme = 'light' | 'dark';

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Waits until the page shows its heading, its icon font and no loading placeholder. */
export async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await calm(page);
}

/** Waits until no loading placeholder, snack bar or finite animation is left, and the icon font is in. */
async function calm(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('mf-loading-state') === null);
  // A snack bar (4-8 s) fades out on its own schedule, possibly in the middle of an axe run,
  // which then measures half-transparent text; the checks look at the page once it has gone.
  // Two may be there at once (one leaving as the next comes), so wait for none rather than for one.
  await page.waitForFunction(() => document.querySelector('mat-snack-bar-container') === null, undefined, { timeout: 15_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Colour transitions after a theme switch would be measured half-way (false contrast
    // failures); endless animations (spinners) never finish and are left alone.
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
    // Two frames: the last change has been laid out and painted.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/**
 * Runs axe-core in the page as it is now and fails, naming each violation's id, impact and
 * targets, if any has serious or critical impact.
 */
export async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) {
    throw new Error(`${name}: axe-core found ${violations.length} serious or critical violation(s):\n${describe(violations)}`);
  }
}

/**
 * Loads axe-core into the page. `page.addScriptTag` adds an inline script, which the console's
 * Content-Security-Policy (`script-src 'self'`) rightly blocks; the contexts keep that policy on
 * (no `bypassCSP`), so axe is evaluated through the DevTools protocol, which the policy does not govern.
 */
async function injectAxe(page: Page): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${axeSource}\n;undefined`);
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

function describe(violations: Violation[]): string {
  return violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact}): ${violation.help}\n${violation.targets.map((target) => `    at ${target}`).join('\n')}`,
    )
    .join('\n');
}

function browserOf(page: Page): Browser {
  const browser = page.context().browser();
  if (!browser) {
    throw new Error('The page does not belong to a launched browser');
  }
  return browser;
}

async function currentTheme(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.dataset['theme'] ?? 'system');
}

/**
 * Shows the page in `theme`: with the toolbar's theme button where the shell is there (the page
 * keeps its state), otherwise through the stored choice and a reload (the login page).
 */
export async function setTheme(page: Page, theme: Theme | 'system'): Promise<void> {
  const button = page.getByRole('button', { name: /^Theme: / });
  if ((await button.count()) === 0) {
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, theme] as const);
    await page.reload();
  } else {
    // light → dark → system → light: at most two clicks reach any choice.
    for (let clicks = 0; clicks < 3; clicks++) {
      const before = await currentTheme(page);
      if (before === theme) {
        break;
      }
      await button.click();
      // The choice applies after change detection: wait for it before deciding on another click.
      await page.waitForFunction((previous) => (document.documentElement.dataset['theme'] ?? 'system') !== previous, before);
    }
    // No tooltip or focus ring from the click in the picture.
    await page.mouse.move(1, (page.viewportSize()?.height ?? PHONE.height) - 1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForFunction(() => document.querySelector('.mat-mdc-tooltip') === null);
  }
  await page.waitForFunction((wanted) => document.documentElement.dataset['theme'] === wanted, theme);
  await settled(page);
}

/**
 * Saves `<name>-light.png`, `<name>-dark.png` (this page, both themes) and `<name>-phone.png`
 * (the same URL in a fresh 375×812 context, signed in through the form as `credentials` unless
 * it is the login page) under test-results/console/.
 */
export async function screenshots(page: Page, name: string, credentials: Credentials = ADMIN): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = await currentTheme(page);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await fullPageShot(page, join(SCREENSHOT_DIR, `${name}-${theme}.png`));
  }
  if (original === 'light' || original === 'dark' || original === 'system') {
    await setTheme(page, original);
  }

  const url = new URL(page.url());
  const context = await browserOf(page).newContext({ baseURL: url.origin, viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, 'light'] as const);
    const phone = await context.newPage();
    if (!url.pathname.startsWith('/login')) {
      await login(phone, credentials);
    }
    await phone.goto(url.pathname + url.search);
    await settled(phone);
    await fullPageShot(phone, join(SCREENSHOT_DIR, `${name}-phone.png`));
  } finally {
    await context.close();
  }
}

/** The whole page from the top: a capture taken while scrolled draws the fixed toolbar mid-page. */
async function fullPageShot(page: Page, path: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
}

/**
 * What every page gets: screenshots (light, dark, phone), then axe-core in light and in dark
 * (colours that pass in one theme can fail in the other). Fails once, listing both themes' findings.
 */
export async function checkPage(page: Page, name: string, credentials: Credentials = ADMIN): Promise<void> {
  await settled(page);
  await screenshots(page, name, credentials);
  const original = await currentTheme(page);
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const violations = await seriousViolations(page);
    if (violations.length > 0) {
      found.push(`${name} (${theme}): axe-core found ${violations.length} serious or critical violation(s):\n${describe(violations)}`);
    }
  }
  if (original === 'light' || original === 'dark' || original === 'system') {
    await setTheme(page, original);
  }
  if (found.length > 0) {
    throw new Error(found.join('\n'));
  }
}

/**
 * `checkPage` for an open dialog, which a reload or the toolbar's theme button (inert behind the
 * dialog) would close: the page stays on the "system" theme and the browser's preferred scheme
 * switches it. Saves `<name>-light.png`, `<name>-dark.png` and `<name>-phone.png` (the same page
 * narrowed to 375 px) and runs axe-core in light and in dark.
 */
export async function checkDialog(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const theme = await currentTheme(page);
  if (theme !== 'system') {
    throw new Error(`checkDialog needs the "system" theme to switch schemes under a dialog, not "${theme}"`);
  }
  const viewport = page.viewportSize();
  const found: string[] = [];
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await calm(page);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
      const violations = await seriousViolations(page);
      if (violations.length > 0) {
        found.push(`${name} (${scheme}): axe-core found ${violations.length} serious or critical violation(s):\n${describe(violations)}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(PHONE);
    await calm(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
  } finally {
    await page.emulateMedia({ colorScheme: null });
    if (viewport) {
      await page.setViewportSize(viewport);
    }
  }
  if (found.length > 0) {
    throw new Error(found.join('\n'));
  }
}
