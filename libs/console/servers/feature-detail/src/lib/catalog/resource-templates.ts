import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Subscription } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, LoadingState } from '@mcp-fleet/console/shared/ui';
import type { CatalogList, CatalogResourceTemplate } from '@mcp-fleet/shared/contracts';

import { ResourceTemplateForm } from './resource-template-form';

/**
 * The resource templates a server lists (URIs with variables, which `resources/list` leaves
 * out), each with a form that fills its variables in and reads the URI they make.
 */
@Component({
  selector: 'mf-resource-templates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ErrorState, LoadingState, ResourceTemplateForm],
  templateUrl: './resource-templates.html',
  styleUrl: './catalog-tab.scss',
})
export class ResourceTemplates {
  private readonly api = inject(ServersApi);
  private subscription: Subscription | null = null;

  readonly serverId = input.required<string>();
  readonly running = input.required<boolean>();
  /** May read (the same right as calling a tool). */
  readonly canRead = input.required<boolean>();
  /** The catalog's search, applied here too. */
  readonly query = input('');

  protected readonly list = signal<CatalogList<CatalogResourceTemplate> | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly open = signal<string | null>(null);
  protected readonly shown = computed(() => {
    const needle = this.query().trim().toLowerCase();
    const items = this.list()?.items ?? [];
    return needle === ''
      ? items
      : items.filter((item) =>
          [item.name, item.title, item.description, item.uriTemplate].some(
            (text) => typeof text === 'string' && text.toLowerCase().includes(needle),
          ),
        );
  });

  protected readonly notRunningError = computed(() => {
    const error = this.error();
    return error !== null && (error.status === 409 || error.code === 'SERVER_NOT_RUNNING');
  });

  constructor() {
    // Listed on every start, like the rest of the catalog.
    effect(() => {
      this.serverId();
      this.running();
      untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  protected load(): void {
    this.error.set(null);
    this.subscription?.unsubscribe();
    this.subscription = this.api.resourceTemplates(this.serverId()).subscribe({
      next: (list) => this.list.set(list),
      error: (error: unknown) => {
        this.list.set(null);
        this.error.set(toConsoleError(error));
      },
    });
  }

  protected toggle(uriTemplate: string): void {
    this.open.update((open) => (open === uriTemplate ? null : uriTemplate));
  }

  protected panelId(index: number): string {
    return `mf-template-${index}`;
  }
}
