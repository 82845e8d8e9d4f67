import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { debounceTime, filter, firstValueFrom, type Subscription } from 'rxjs';

import { type CatalogKind, ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type CatalogItemView, toCatalogItem } from '@mcp-fleet/console/servers/util';
import { AuthStore, type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import { type CatalogList, EVENT_TYPES, type McpServer } from '@mcp-fleet/shared/contracts';

import { PromptGet } from './prompt-get';
import { ResourceReader } from './resource-reader';
import { ResourceTemplates } from './resource-templates';
import { ToolPlayground } from './tool-playground';

const SINGULAR: Record<CatalogKind, string> = { tools: 'tool', resources: 'resource', prompts: 'prompt' };
const ICONS: Record<CatalogKind, string> = { tools: 'build', resources: 'description', prompts: 'chat' };
/** A burst of list changes reads the list once. */
const CHANGE_DEBOUNCE_MS = 300;

/**
 * The tools, resources or prompts the server reported on its last start, with a search; for
 * tools a playground, for resources a reader (and the resource templates), for prompts a get.
 * Read again whenever the server starts or stops running, and when it changes the list while it runs.
 */
@Component({
  selector: 'mf-catalog-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    EmptyState,
    ErrorState,
    LoadingState,
    RelativeTimePipe,
    PromptGet,
    ResourceReader,
    ResourceTemplates,
    ToolPlayground,
  ],
  templateUrl: './catalog-tab.html',
  styleUrl: './catalog-tab.scss',
})
export class CatalogTab {
  private readonly api = inject(ServersApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(Notifier);
  private subscription: Subscription | null = null;

  readonly kind = input.required<CatalogKind>();
  readonly server = input.required<McpServer>();

  private readonly serverId = computed(() => this.server().id);
  protected readonly running = computed(() => this.server().state === 'running');
  protected readonly canCall = computed(() => this.auth.can('mcp:manage_servers'));
  /** Showing or hiding a tool from the gateway's clients is configuration. */
  protected readonly canSwitch = computed(() => this.auth.can('mcp:configure_servers'));
  protected readonly singular = computed(() => SINGULAR[this.kind()]);
  protected readonly icon = computed(() => ICONS[this.kind()]);
  protected readonly title = computed(() => this.kind().charAt(0).toUpperCase() + this.kind().slice(1));

  protected readonly list = signal<CatalogList<Record<string, unknown>> | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly query = signal('');
  /** The item whose panel (playground, reader, prompt form) is open, by key. */
  protected readonly openItem = signal<string | null>(null);
  /** Tools whose switch is on its way to the API. */
  protected readonly switching = signal<ReadonlySet<string>>(new Set());

  protected readonly items = computed<CatalogItemView[]>(() =>
    (this.list()?.items ?? []).map((raw, index) => toCatalogItem(this.kind(), raw, index)),
  );
  protected readonly shown = computed(() => {
    const needle = this.query().trim().toLowerCase();
    return needle === '' ? this.items() : this.items().filter((item) => item.haystack.includes(needle));
  });
  protected readonly hiddenTools = computed(() => this.items().filter((item) => item.tool !== null && !this.isEnabled(item)).length);
  /** A 409 / SERVER_NOT_RUNNING answer means "start it first", not a failure to show as one. */
  protected readonly notRunningError = computed(() => {
    const error = this.error();
    return error !== null && (error.status === 409 || error.code === 'SERVER_NOT_RUNNING');
  });

  constructor() {
    // The catalog is read on every start: reload when the server starts or stops running.
    effect(() => {
      if (this.serverId() !== '') {
        this.running();
        untracked(() => this.load());
      }
    });
    // A server that changes its list while it runs (list_changed) shows the new one without a reload.
    inject(FleetSocket)
      .events$.pipe(
        filter(
          (event) =>
            event.serverId === this.serverId() &&
            event.type === EVENT_TYPES.serverCapabilitiesChanged &&
            event.data['kind'] === this.kind(),
        ),
        debounceTime(CHANGE_DEBOUNCE_MS),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load());
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  protected load(): void {
    this.error.set(null);
    this.subscription?.unsubscribe();
    this.subscription = this.api.catalog<Record<string, unknown>>(this.serverId(), this.kind()).subscribe({
      next: (list) => this.list.set(list),
      error: (error: unknown) => {
        this.list.set(null);
        this.error.set(toConsoleError(error));
      },
    });
  }

  /** Tools are shown to MCP clients unless switched off (older APIs send no `enabled`). */
  protected isEnabled(item: CatalogItemView): boolean {
    return item.tool?.['enabled'] !== false;
  }

  /** Optimistic: the switch moves at once and moves back, with the API's reason, if the API refuses. */
  protected async setEnabled(item: CatalogItemView, enabled: boolean): Promise<void> {
    const name = item.tool ? item.name : null;
    if (name === null || this.switching().has(name)) {
      return;
    }
    const serverId = this.serverId();
    this.patchTool(name, enabled);
    this.switching.update((names) => new Set(names).add(name));
    try {
      const result = await firstValueFrom(this.api.setToolEnabled(serverId, name, enabled));
      if (this.serverId() === serverId) {
        this.patchTool(name, result.enabled);
      }
    } catch (error) {
      if (this.serverId() === serverId) {
        this.patchTool(name, !enabled);
      }
      this.notifier.error(error, `Could not ${enabled ? 'show' : 'hide'} ${name}`);
    } finally {
      this.switching.update((names) => {
        const next = new Set(names);
        next.delete(name);
        return next;
      });
    }
  }

  private patchTool(name: string, enabled: boolean): void {
    this.list.update((list) =>
      list ? { ...list, items: list.items.map((raw) => (raw['name'] === name ? { ...raw, enabled } : raw)) } : list,
    );
  }

  protected toggle(item: CatalogItemView): void {
    this.openItem.update((open) => (open === item.key ? null : item.key));
  }

  /** Unique per item: names may repeat across resources, and a name may hold any character. */
  protected panelId(item: CatalogItemView, index: number): string {
    return `mf-panel-${this.kind()}-${index}-${item.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  /** What the item's button does, if anything: try a tool, read a resource, get a prompt. */
  protected action(item: CatalogItemView): { verb: string; icon: string } | null {
    if (!this.canCall()) {
      return null;
    }
    if (item.tool) {
      return { verb: 'Try', icon: 'science' };
    }
    if (this.kind() === 'resources' && item.uri) {
      return { verb: 'Read', icon: 'description' };
    }
    return item.prompt ? { verb: 'Get', icon: 'chat' } : null;
  }
}
