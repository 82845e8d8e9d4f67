import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';

import type { McpServer, Page } from '@mcp-fleet/shared/contracts';

export interface PaletteTarget {
  label: string;
  path: string;
  icon: string;
}

/** Servers shown for a query: a bounded page of the list API's own search. */
const SERVER_RESULTS = 8;

/** Ctrl/Cmd+K: type to jump to a page or a server by name; arrows choose, Enter goes. */
@Component({
  selector: 'mf-command-palette',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule],
  styles: `
    .mf-palette-input {
      width: 100%;
      box-sizing: border-box;
      padding: 0.75rem 1rem;
      border: 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      background: transparent;
      color: inherit;
      font: var(--mat-sys-body-large);
      outline: none;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0.25rem 0;
      max-height: 50dvh;
      overflow: auto;
    }
    li {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.5rem 1rem;
      cursor: pointer;
    }
    li[aria-selected='true'] {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .mf-palette-empty {
      padding: 0.75rem 1rem;
    }
  `,
  template: `
    <h2 class="cdk-visually-hidden" id="mf-palette-title">Go to a page or a server</h2>
    <input
      class="mf-palette-input"
      type="text"
      role="combobox"
      aria-labelledby="mf-palette-title"
      aria-controls="mf-palette-list"
      aria-autocomplete="list"
      [attr.aria-expanded]="results().length > 0"
      [attr.aria-activedescendant]="results().length > 0 ? 'mf-palette-' + active() : null"
      placeholder="Go to a page or a server…"
      autocomplete="off"
      spellcheck="false"
      maxlength="100"
      [value]="query()"
      (input)="typed($any($event.target).value)"
      (keydown)="key($event)"
      cdkFocusInitial
    />
    <ul id="mf-palette-list" role="listbox" aria-label="Results">
      @for (target of results(); track target.path; let index = $index) {
        <li
          role="option"
          [id]="'mf-palette-' + index"
          [attr.aria-selected]="index === active()"
          tabindex="-1"
          (click)="go(target)"
          (keydown.enter)="go(target)"
          (mousemove)="active.set(index)"
        >
          <span class="material-symbols-outlined" aria-hidden="true">{{ target.icon }}</span>
          <span>{{ target.label }}</span>
        </li>
      }
    </ul>
    @if (results().length === 0) {
      <p class="mf-palette-empty mf-muted" role="status">Nothing matches “{{ query() }}”.</p>
    }
  `,
})
export class CommandPalette {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly ref = inject<MatDialogRef<CommandPalette>>(MatDialogRef);
  /** The shell's navigation, passed in when the palette opens. */
  readonly pages = signal<readonly PaletteTarget[]>([]);
  protected readonly query = signal('');
  protected readonly active = signal(0);
  private readonly servers = toSignal(
    toObservable(this.query).pipe(
      map((query) => query.trim()),
      debounceTime(150),
      distinctUntilChanged(),
      switchMap((search) =>
        this.http
          .get<Page<McpServer>>('/api/mcp/servers', { params: { pageSize: SERVER_RESULTS, sort: 'name', ...(search ? { search } : {}) } })
          .pipe(
            map((page) => page.items.map((server): PaletteTarget => ({ label: server.name, path: `/servers/${server.id}`, icon: 'dns' }))),
            catchError(() => of([] as PaletteTarget[])),
          ),
      ),
    ),
    { initialValue: [] as PaletteTarget[] },
  );
  protected readonly results = computed(() => {
    const query = this.query().trim().toLowerCase();
    const pages = this.pages().filter((page) => page.label.toLowerCase().includes(query));
    return [...pages, ...this.servers().map((server) => ({ ...server, label: `Server: ${server.label}` }))];
  });

  protected typed(value: string): void {
    this.query.set(value);
    this.active.set(0);
  }

  protected key(event: KeyboardEvent): void {
    const count = this.results().length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) {
        this.active.set((this.active() + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const target = this.results()[this.active()];
      if (target) {
        this.go(target);
      }
    }
  }

  protected go(target: PaletteTarget): void {
    this.ref.close();
    void this.router.navigateByUrl(target.path);
  }
}
