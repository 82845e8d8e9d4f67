import { ADMIN, describeInBrowser, login, PHONE, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { textOf } from './support/ui';

describeInBrowser('signing in and the shell', () => {
  const fleet = useConsole();

  it('sends a visitor to the sign-in page, refuses a wrong password and signs the admin in', async () => {
    const page = fleet.page;
    await page.goto('/servers');
    await page.waitForURL(/\/login\?returnUrl=%2Fservers$/);
    await page.getByRole('heading', { level: 1, name: 'Sign in to mcp-fleet' }).waitFor();
    await checkPage(page, 'login');

    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the visitor wanted to go.
    await page.waitForURL(/\/servers$/);
    await page.getByRole('button', { name: 'Account' }).waitFor();
  });

  it('keeps the session when several tabs restore it at the same moment (the refresh cookie rotates on each use)', async () => {
    const page = fleet.page;
    await login(page);
    // Four more tabs of the same browser, opened at once, as a browser restoring its tabs does.
    const tabs = await Promise.all([1, 2, 3, 4].map(() => page.context().newPage()));
    await Promise.all(tabs.map((tab) => tab.goto('/servers')));
    for (const tab of tabs) {
      await tab.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
      expect(new URL(tab.url()).pathname).toBe('/servers');
    }
    // The session survived: a reload of every tab still signs in from the cookie, and the API
    // recorded no reused refresh token (which would have ended the session).
    await Promise.all([page, ...tabs].map((tab) => tab.reload()));
    for (const tab of [page, ...tabs]) {
      await tab.getByRole('button', { name: 'Account' }).waitFor();
      expect(new URL(tab.url()).pathname).not.toBe('/login');
    }
    const reused = await fleet.api.get<{ total: number }>('/api/mcp/events?type=auth.refresh_token_reused');
    expect(reused.body.total).toBe(0);
    await Promise.all(tabs.map((tab) => tab.close()));
  });

  it('shows the admin every section, the live indicator and the account menu', async () => {
    const page = fleet.page;
    await login(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Dashboard', 'Servers', 'Events', 'Users', 'API tokens', 'Audit log']) {
      await nav.getByRole('link', { name, exact: true }).waitFor();
    }
    await page
      .getByRole('status')
      .filter({ hasText: /^\s*Live\s*$/ })
      .waitFor();

    await nav.getByRole('link', { name: 'Servers', exact: true }).click();
    await page.waitForURL(/\/servers$/);
    // The router marks the link just after the URL changes.
    await nav.locator('a[aria-current="page"]', { hasText: 'Servers' }).waitFor();

    await page.getByRole('button', { name: 'Account' }).click();
    const menu = page.getByRole('menu');
    expect(await textOf(menu)).toContain(ADMIN.email);
    await menu.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');
    await checkPage(page, 'shell');
  });

  it('switches between light, dark and system themes from the toolbar and remembers the choice', async () => {
    const page = fleet.page;
    await login(page);
    const themeButton = (choice: string) => page.getByRole('button', { name: `Theme: ${choice} (change)` });
    const schemeIs = (wanted: string) =>
      page.waitForFunction((value) => getComputedStyle(document.documentElement).colorScheme === value, wanted);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    // Nothing chosen yet: the console follows the system; the button cycles light → dark → system.
    await themeButton('system').click();
    await themeButton('light').waitFor();
    await schemeIs('light');
    const lightBackground = await background();

    await themeButton('light').click();
    await themeButton('dark').waitFor();
    await schemeIs('dark');
    expect(await background()).not.toBe(lightBackground);

    await page.reload();
    await themeButton('dark').waitFor();
    await schemeIs('dark');

    await themeButton('dark').click();
    await themeButton('system').waitFor();
  });

  it('signs out from the account menu and then needs a new sign-in', async () => {
    const page = fleet.page;
    await login(page);
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // The refresh cookie is gone: a reload of a signed-in page lands on the sign-in page again.
    await page.goto('/events');
    await page.waitForURL(/\/login\?returnUrl=%2Fevents$/);
  });

  it('opens the navigation from a menu button on a phone', async () => {
    const context = await fleet.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await login(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Events', exact: true }).isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await nav.getByRole('link', { name: 'Events', exact: true }).click();
    await page.waitForURL(/\/events$/);
    // Choosing a section closes the drawer again.
    await nav.getByRole('link', { name: 'Events', exact: true }).waitFor({ state: 'hidden' });
  });
});
