import type { LoginResponse, SystemInfo } from '@mcp-fleet/shared/contracts';

import { ADMIN, describeInBrowser, login, PHONE, useConsole } from './support/console-under-test';
import { checkDialog, checkPage } from './support/page-checks';
import { openedDialog } from './support/ui';

const VIEWER = { email: 'viewer@example.com', password: 'viewer-password-1' };

describeInBrowser('everyday comfort: own password, not-found and no-access pages, shortcuts, version', () => {
  const fleet = useConsole();

  beforeAll(async () => {
    await fleet.api.post('/api/mcp/users', { email: VIEWER.email, role: 'viewer', password: VIEWER.password });
  });

  it('changes the own password from the account menu, then signs in with the new one only', async () => {
    const user = { email: 'changer@example.com', password: 'first-password-1' };
    await fleet.api.post('/api/mcp/users', { ...user, role: 'operator' });
    // Another device's session, which the change must end.
    const elsewhere = await fleet.api.anonymous.post<LoginResponse>('/api/auth/login', user);
    const page = fleet.page;
    await login(page, user);

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = await openedDialog(page.getByRole('dialog', { name: 'Change password' }));
    await dialog.getByLabel('Current password').fill('not-the-password');
    await dialog.getByLabel('New password', { exact: true }).fill('second-password-2');
    await dialog.getByLabel('Repeat the new password').fill('second-password-2');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
    await checkDialog(page, 'change-password');

    await dialog.getByLabel('Current password').fill(user.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Password changed; your other sessions were signed out').waitFor();
    // This tab stays signed in (with the new session) and keeps working after a reload.
    await page.goto('/events');
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    expect((await fleet.api.as(elsewhere.body.accessToken).get('/api/auth/me')).status).toBe(401);

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await login(page, { email: user.email, password: 'second-password-2' });
  });

  it('shows "Page not found" for an unknown URL, keeping the address, with a way home', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/no-such-page/at-all?x=1');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/no-such-page/at-all');
    await page.getByText('/no-such-page/at-all?x=1').waitFor();
    await checkPage(page, 'not-found');

    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('sends a signed-out visitor of an unknown URL through the sign-in to "Page not found"', async () => {
    const page = fleet.page;
    await page.goto('/nowhere');
    await page.waitForURL(/\/login\?returnUrl=%2Fnowhere$/);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('shows a viewer "No access" on an admin page, naming the page and the permission', async () => {
    const page = fleet.page;
    await login(page, VIEWER);
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    const main = page.getByRole('main');
    await main.getByText('/admin/users').waitFor();
    await main.getByText('mcp:admin').waitFor();
    await checkPage(page, 'no-access', VIEWER);

    await page.goto('/servers/new');
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('goes to pages with g s, g d, g e, focuses the search with /, and lists the shortcuts with ?', async () => {
    const page = fleet.page;
    await login(page);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.waitForURL(/\/servers$/);
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();

    await page.keyboard.press('/');
    const search = page.locator('#main input[type="search"]').first();
    await page.waitForFunction(() => document.activeElement?.matches('#main input[type="search"]') === true);
    // Typing in the field is text, not shortcuts: `g e` stays in the search box.
    await page.keyboard.type('ge');
    expect(await search.inputValue()).toBe('ge');
    expect(new URL(page.url()).pathname).toBe('/servers');
    // The search reaches the URL after a debounce; clear it only then, and wait for that too, so
    // no late filter navigation cancels the one to the events page.
    await page.waitForURL((url) => url.searchParams.get('search') === 'ge');
    await search.fill('');
    await page.waitForURL((url) => !url.searchParams.has('search'));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    await page.keyboard.press('g');
    await page.keyboard.press('e');
    await page.waitForURL(/\/events$/);
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await page.waitForURL((url) => url.pathname === '/');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const action of ['Go to Servers', 'Go to Dashboard', 'Go to Events', 'Show this list']) {
      await help.getByRole('cell', { name: action }).waitFor();
    }
    await checkDialog(page, 'shortcuts-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('jumps to a server by name from the command palette (Ctrl+K)', async () => {
    const created = await fleet.api.post<{ id: string }>('/api/mcp/servers', {
      name: 'palette-target',
      transport: 'stdio',
      config: { command: 'node', args: ['-e', ''] },
      enabled: false,
    });
    expect(created.status).toBe(201);
    const page = fleet.page;
    await login(page);

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    const input = palette.getByRole('combobox');
    await input.fill('palette-t');
    await palette.getByRole('option', { name: 'Server: palette-target' }).waitFor();
    await checkDialog(page, 'command-palette');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/servers/${created.body.id}$`));
    // The next palette is typed into, not the one that closes.
    await palette.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox').fill('events');
    await palette.getByRole('option', { name: 'Events' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/events$/);
  });

  it('shows the API version and instance in the shell, and keeps the navigation in view on a long page', async () => {
    const info = await fleet.api.get<SystemInfo>('/api/system-info');
    const page = fleet.page;
    await login(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.getByTestId('api-version').filter({ hasText: info.body.version }).waitFor();
    await page.getByTestId('api-instance').filter({ hasText: info.body.instanceId }).waitFor();

    // Make the page far taller than the window, scroll to its end: the navigation is still on screen.
    await page.evaluate(() => {
      const filler = document.createElement('div');
      filler.style.height = '4000px';
      document.querySelector('#main')?.append(filler);
      window.scrollTo(0, document.body.scrollHeight);
    });
    await page.waitForFunction(() => window.scrollY > 2000);
    const box = await nav.getByRole('link', { name: 'Servers', exact: true }).boundingBox();
    expect(box && box.y >= 0 && box.y < 800).toBe(true);
    await nav.getByRole('link', { name: 'Servers', exact: true }).click();
    await page.waitForURL(/\/servers$/);

    // On a phone the drawer holds them too.
    const context = await fleet.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await login(phone);
    await phone.getByRole('button', { name: 'Open navigation' }).click();
    await phone.getByTestId('api-version').filter({ hasText: info.body.version }).waitFor();
  });
});
