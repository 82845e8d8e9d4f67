import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

import { ADMIN, type ApiClient, type ApiUnderTest, launchChromium, useApi, usePidJanitor } from '@mcp-fleet/api/shared/testing';
import type { EventPage } from '@mcp-fleet/shared/contracts';

export { ADMIN, describeInBrowser } from '@mcp-fleet/api/shared/testing';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 812 } as const;

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface ConsoleUnderTest {
  /** The API serving the console, with a REST client signed in as the first admin. */
  readonly api: ApiUnderTest;
  readonly browser: Browser;
  /** The current test's page, in a fresh 1280×800 context whose base URL is the API's (or `baseURL()`). */
  readonly page: Page;
  /** Another context on the same console (for a second viewport or user); closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

export interface ConsoleOptions {
  /**
   * Where the browser contexts reach the console (default: the API's URL), read when each
   * context is created: e.g. a proxy in front of the API that the test can cut.
   */
  readonly baseURL?: () => string;
  /** Settings of the API under test (e.g. a faster metrics sampling). */
  readonly env?: Record<string, string>;
}

/**
 * Boots the built API (serving the built console) on a fresh database for this test file,
 * launches one headless Chromium for the file, and gives every test a fresh browser context.
 * MCP servers the tests start are recorded from the API's `server.started` events and killed
 * by pid after the file if anything left them running.
 */
export function useConsole({ baseURL: consoleURL, env }: ConsoleOptions = {}): ConsoleUnderTest {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const extraContexts: BrowserContext[] = [];
  const started = new Set<number>();
  const baseURL = () => consoleURL?.() ?? api.url;

  // Hooks run in declaration order: these two run before the API stops, the janitor's after.
  afterAll(async () => {
    await browser?.close();
  });
  afterAll(async () => {
    for (const pid of await startedPids(api)) {
      started.add(pid);
    }
    janitor.track(...started);
  });
  const api = useApi(env);
  const janitor = usePidJanitor();

  beforeAll(async () => {
    browser = await launchChromium();
  });

  beforeEach(async () => {
    context = await requireBrowser().newContext({ baseURL: baseURL(), viewport: DESKTOP, acceptDownloads: true });
    page = await context.newPage();
  });

  afterEach(async () => {
    for (const pid of await startedPids(api)) {
      started.add(pid);
    }
    await Promise.all(extraContexts.splice(0).map((extra) => extra.close()));
    await context?.close();
    context = undefined;
    page = undefined;
  });

  function requireBrowser(): Browser {
    if (!browser) {
      throw new Error('Chromium did not launch (see the beforeAll error above)');
    }
    return browser;
  }

  return {
    api,
    get browser() {
      return requireBrowser();
    },
    get page() {
      if (!page) {
        throw new Error('No page: the browser context is created per test, in beforeEach');
      }
      return page;
    },
    async newContext(options: BrowserContextOptions = {}) {
      const extra = await requireBrowser().newContext({ baseURL: baseURL(), viewport: DESKTOP, acceptDownloads: true, ...options });
      extraContexts.push(extra);
      return extra;
    },
  };
}

/** Pids of every MCP server process the API has started so far (from its `server.started` events). */
async function startedPids(api: ApiClient): Promise<number[]> {
  let response;
  try {
    response = await api.get<EventPage>('/api/mcp/events?type=server.started&limit=1000');
  } catch {
    // The API is gone (it failed to boot, or crashed): there is nothing to ask, and its own error is reported.
    return [];
  }
  if (response.status !== 200) {
    return [];
  }
  return response.body.items.map((event) => event.data['pid']).filter((pid): pid is number => typeof pid === 'number');
}

/** Signs in through the login form, the way a person does, and waits for the shell. */
export async function login(page: Page, credentials: Credentials = ADMIN): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Account' }).waitFor();
}
