import type { Locator, Page } from 'playwright-core';

/**
 * Marks the current document; `sameDocument()` later tells whether the page is still the one
 * that was marked, that is, nothing reloaded it (what changed on screen came over the socket).
 */
export async function markDocument(page: Page): Promise<{ sameDocument(): Promise<boolean> }> {
  const mark = `e2e-${Date.now()}-${Math.random()}`;
  await page.evaluate((value) => {
    (window as unknown as { __e2eMark?: string }).__e2eMark = value;
  }, mark);
  return {
    sameDocument: () => page.evaluate((value) => (window as unknown as { __e2eMark?: string }).__e2eMark === value, mark),
  };
}

export interface Sightings {
  /** Whether an element matching the selector was in the page at some point. */
  appeared: boolean;
  /** Every distinct text matching the pattern that the page showed, in order. */
  texts: string[];
}

/**
 * Records, from now on, whether an element matching `selector` appears and every text matching
 * `pattern` that the page shows, however briefly (a MutationObserver sees each rendered change),
 * so a test can assert that a short-lived progress display was there without racing it.
 */
export async function watchPage(page: Page, selector: string, pattern: RegExp): Promise<{ sightings(): Promise<Sightings> }> {
  const key = `__e2eSightings${Date.now()}`;
  await page.evaluate(
    ([css, source, flags, store]) => {
      const seen = { appeared: false, texts: [] as string[] };
      (window as unknown as Record<string, typeof seen>)[store] = seen;
      const capture = () => {
        seen.appeared ||= document.querySelector(css) !== null;
        const text = (document.body.textContent ?? '').replace(/\s+/g, ' ');
        for (const match of text.match(new RegExp(source, flags.includes('g') ? flags : `${flags}g`)) ?? []) {
          if (!seen.texts.includes(match)) {
            seen.texts.push(match);
          }
        }
      };
      new MutationObserver(capture).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      capture();
    },
    [selector, pattern.source, pattern.flags, key] as const,
  );
  return {
    sightings: () =>
      page.evaluate((store) => (window as unknown as Record<string, Sightings>)[store] ?? { appeared: false, texts: [] }, key),
  };
}

/** The visible text of an element, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until `locator` shows text matching `pattern` (auto-retrying, no fixed sleep). */
export async function waitForText(locator: Locator, pattern: RegExp | string, timeout = 30_000): Promise<void> {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

/**
 * The dialog once it has opened. Material moves the focus into a dialog at the end of its open
 * animation: a field filled before then can lose the focus half-way, and the rest of its text
 * lands in the dialog's first field. Waits until the focus is inside the dialog.
 */
export async function openedDialog(dialog: Locator): Promise<Locator> {
  const element = await dialog.elementHandle();
  await dialog.page().waitForFunction((host) => host?.contains(document.activeElement) === true, element);
  return dialog;
}
