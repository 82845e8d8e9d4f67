import { existsSync } from 'node:fs';

import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium: the console is tested in a browser from the distribution, never a downloaded one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * The one set of launch options for headless Chromium, shared by the console e2e tests and the
 * console benchmark. Throws when the browser is missing: a browser test that cannot run must fail,
 * never pass by skipping.
 */
export function chromiumLaunchOptions(overrides: LaunchOptions = {}): LaunchOptions {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The console browser tests need Debian's chromium ` +
        `package (apt-get install chromium); they fail rather than skip without it.`,
    );
  }
  return { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], ...overrides };
}

/** Launches headless Chromium with `chromiumLaunchOptions`. */
export function launchChromium(overrides: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(overrides));
}

/**
 * `describe` for browser tests. Under CI (`CI` set, as `.ci/run` does) it is always `describe`,
 * so a missing browser fails the run. Elsewhere, on a machine without Chromium (the README's
 * "only Node and npm"), the tests are reported as skipped, with a warning saying why.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH) || process.env['CI']) {
    describe(name, body);
    return;
  }
  process.stderr.write(
    `\nWARNING: ${CHROMIUM_PATH} is missing, so the browser tests "${name}" are SKIPPED. ` +
      `Install Debian's chromium package to run them (with CI set, a missing browser fails instead).\n`,
  );
  describe.skip(name, body);
}
