import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, signal } from '@angular/core';

export type ThemeChoice = 'light' | 'dark' | 'system';

const STORAGE_KEY = 'mcp-fleet.theme';

/**
 * Light, dark, or whatever the operating system prefers. The stylesheet uses the
 * `light-dark()` colours of the Material system tokens, so the whole page follows the
 * `color-scheme` set on <html>.
 */
@Injectable({ providedIn: 'root' })
export class ThemeStore {
  private readonly document = inject(DOCUMENT);
  readonly choice = signal<ThemeChoice>(this.read());

  constructor() {
    effect(() => {
      const choice = this.choice();
      const root = this.document.documentElement;
      root.style.colorScheme = choice === 'system' ? 'light dark' : choice;
      root.dataset['theme'] = choice;
      try {
        this.document.defaultView?.localStorage.setItem(STORAGE_KEY, choice);
      } catch {
        // Storage may be disabled (private mode); the choice then lasts for this page only.
      }
    });
  }

  /** light → dark → system → light. */
  cycle(): void {
    const next: Record<ThemeChoice, ThemeChoice> = { light: 'dark', dark: 'system', system: 'light' };
    this.choice.update((choice) => next[choice]);
  }

  private read(): ThemeChoice {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
    } catch {
      return 'system';
    }
  }
}
