import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { diffDefinitions, type DiffLine } from '@mcp-fleet/console/servers/util';
import { AuthStore, type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction, ErrorState } from '@mcp-fleet/console/shared/ui';
import type { ApproveDefinitionsRequest, CatalogKindName, DriftItem, DriftKind, McpServer } from '@mcp-fleet/shared/contracts';

import { DriftStore } from './drift-store';

const SINGULAR: Record<CatalogKindName, string> = { tools: 'tool', resources: 'resource', prompts: 'prompt' };
const DRIFT_TEXT: Record<DriftKind, string> = { changed: 'changed', new: 'new', removed: 'removed' };
/** What an approval does to an item, by its drift. */
const APPROVAL_TEXT: Record<DriftKind, string> = {
  changed: 'its current definition becomes the approved one',
  new: 'it is approved as it is now',
  removed: 'it leaves the approved definitions',
};

interface DriftItemView {
  key: string;
  item: DriftItem;
  label: string;
  lines: DiffLine[];
}

const keyOf = (item: DriftItem): string => `${item.kind}:${item.name}`;
const describe = (item: DriftItem): string => `${SINGULAR[item.kind]} ${item.name}`;

function requestFor(items: DriftItem[]): ApproveDefinitionsRequest {
  const request: ApproveDefinitionsRequest = {};
  for (const item of items) {
    (request[item.kind] ??= []).push(item.name);
  }
  return request;
}

/**
 * The definitions that differ from their approved ones (tool-drift control): each with what
 * changed and a diff of the approved against the current definition, and, for those who may
 * configure servers, its approval (one by one or all at once, after a confirmation).
 */
@Component({
  selector: 'mf-drift-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ErrorState],
  templateUrl: './drift-panel.html',
  styleUrl: './drift-panel.scss',
})
export class DriftPanel {
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly store = inject(DriftStore);

  readonly server = input.required<McpServer>();

  protected readonly canApprove = computed(() => this.auth.can('mcp:configure_servers'));
  protected readonly blocked = computed(() => this.store.report()?.policy === 'block');
  /** The approval on its way: an item's key, or `all`. */
  protected readonly approving = signal<string | null>(null);
  protected readonly approvalError = signal<ConsoleError | null>(null);
  protected readonly items = computed<DriftItemView[]>(() =>
    (this.store.report()?.items ?? []).map((item) => ({
      key: keyOf(item),
      item,
      label: describe(item),
      lines: diffDefinitions(item.approved, item.current),
    })),
  );
  protected readonly singular = SINGULAR;
  protected readonly driftText = DRIFT_TEXT;

  constructor() {
    // The header badge links here (`?tab=tools#drift`): bring the panel into view once it is drawn.
    const fragment = toSignal(inject(ActivatedRoute).fragment);
    const host = inject(ElementRef<HTMLElement>);
    const injector = inject(Injector);
    let shown = false;
    effect(() => {
      if (fragment() !== 'drift') {
        shown = false;
      } else if (!shown && this.items().length > 0) {
        shown = true;
        afterNextRender(() => (host.nativeElement as HTMLElement).scrollIntoView({ block: 'start' }), { injector });
      }
    });
  }

  protected approveOne(view: DriftItemView): Promise<void> {
    const { item } = view;
    const fields = item.changedFields?.length ? ` (changed: ${item.changedFields.join(', ')})` : '';
    return this.approve([item], view.key, {
      title: `Approve ${view.label}?`,
      message: `The ${view.label} of ${this.server().name} is ${DRIFT_TEXT[item.drift]}${fields}: ${APPROVAL_TEXT[item.drift]}. ${this.afterApproval()}`,
      confirm: 'Approve',
    });
  }

  protected approveAll(): Promise<void> {
    const all = this.items();
    const names = all.map((view) => `${view.label} (${DRIFT_TEXT[view.item.drift]})`).join(', ');
    return this.approve(
      all.map((view) => view.item),
      'all',
      {
        title: `Approve all ${all.length} definitions?`,
        message: `These definitions of ${this.server().name} become the approved ones as they are now: ${names}. ${this.afterApproval()}`,
        confirm: 'Approve all',
      },
    );
  }

  private afterApproval(): string {
    return this.blocked() ? 'Calls of the approved tools are answered again.' : 'The warning for them ends.';
  }

  private async approve(items: DriftItem[], key: string, question: { title: string; message: string; confirm: string }): Promise<void> {
    if (this.approving() !== null || items.length === 0) {
      return;
    }
    if (!(await confirmAction(this.dialog, question))) {
      return;
    }
    this.approving.set(key);
    this.approvalError.set(null);
    try {
      const response = await firstValueFrom(this.store.approve(requestFor(items)));
      this.store.applyApproval(response);
      const approved = response.approved.map((entry) => `${SINGULAR[entry.kind]} ${entry.name}`).join(', ');
      this.notifier.success(`Approved ${approved || 'nothing new'} on ${this.server().name}.`);
    } catch (error) {
      this.approvalError.set(toConsoleError(error));
      this.store.refresh();
    } finally {
      this.approving.set(null);
    }
  }
}
