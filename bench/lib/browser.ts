import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; the machines have no network to download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
