import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Sort } from '@angular/material/sort';
import { RouterLink } from '@angular/router';
import { interval } from 'rxjs';

import { BulkProgressPanel, type QuickAction } from '@mcp-fleet/console/servers/ui';
import { nameList, serverCount } from '@mcp-fleet/console/servers/util';
import { confirmAction, EmptyState, ErrorState, LoadingState, PageHeader } from '@mcp-fleet/console/shared/ui';
import { type BulkOperation, type FleetFormat, type McpServer, SELECTION_LIMITS } from '@mcp-fleet/shared/contracts';

import { FleetApplyDialog, type FleetApplyDialogResult } from './fleet-apply-dialog';
import { type FilterChange, ServerFilters } from './server-filters';
import { isFiltered, NO_FILTERS, PAGE_SIZES, toSort } from './servers-list-query';
import { ServersListStore } from './servers-list-store';
import { ServersTable } from './servers-table';

/** Uptimes move on this often. */
const CLOCK_TICK_MS = 10_000;

/**
 * Every server: search, filters, sort and pages (all in the URL), live states, bulk lifecycle
 * (with undo), and the fleet as a document (export, plan and apply).
 */
@Component({
  selector: 'mf-servers-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ServersListStore],
  imports: [
    RouterLink,
    MatButtonModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    BulkProgressPanel,
    ServerFilters,
    ServersTable,
  ],
  templateUrl: './servers-list-page.html',
  styleUrl: './servers-list-page.scss',
})
export class ServersListPage {
  protected readonly store = inject(ServersListStore);
  private readonly dialog = inject(MatDialog);
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly now = signal(Date.now());
  protected readonly query = this.store.query;
  protected readonly filtered = computed(() => isFiltered(this.query()));
  /** The fleet is empty (not just filtered down): the page invites to add the first server. */
  protected readonly emptyFleet = computed(() => this.store.status() === 'ready' && this.store.total() === 0 && !this.filtered());
  protected readonly selectedCount = computed(() => this.store.selected().size);
  protected readonly selectionLimit = SELECTION_LIMITS.maxServers;
  /** Selected servers this page does not show (other pages, or filtered out): the selection outlives both. */
  protected readonly hiddenSelected = computed(() => {
    const shown = this.store.rows().filter((row) => this.store.selected().has(row.id)).length;
    return this.selectedCount() - shown;
  });
  /** GitHub's offer: once the whole page is selected, select every server that matches, on any page. */
  protected readonly offerSelectAll = computed(() => {
    const rows = this.store.rows();
    const selected = this.store.selected();
    return (
      rows.length > 0 && this.store.total() > rows.length && rows.every((row) => selected.has(row.id)) && selected.size < this.store.total()
    );
  });
  protected readonly tooManyToSelect = computed(() => this.store.total() > SELECTION_LIMITS.maxServers);
  protected readonly subtitle = computed(() => {
    const total = this.store.total();
    return this.store.status() === 'ready' ? `${total} ${total === 1 ? 'server' : 'servers'}${this.filtered() ? ' match' : ''}` : null;
  });
  protected readonly bulkActions: { operation: BulkOperation; label: string; icon: string }[] = [
    { operation: 'start', label: 'Start selected', icon: 'play_arrow' },
    { operation: 'stop', label: 'Stop selected', icon: 'stop' },
    { operation: 'restart', label: 'Restart selected', icon: 'restart_alt' },
  ];

  constructor() {
    this.store.connect();
    interval(CLOCK_TICK_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(Date.now()));
  }

  protected readonly exportFormats: { format: FleetFormat; label: string }[] = [
    { format: 'yaml', label: 'YAML (fleet.yaml)' },
    { format: 'json', label: 'JSON (fleet.json)' },
  ];

  protected openApply(): void {
    const ref = this.dialog.open<FleetApplyDialog, void, FleetApplyDialogResult>(FleetApplyDialog, {
      width: '56rem',
      maxWidth: 'calc(100vw - 1rem)',
      autoFocus: 'first-tabbable',
    });
    ref.afterClosed().subscribe((result) => {
      if (result?.applied) {
        this.store.reload();
      }
    });
  }

  /**
   * Runs a bulk operation on the selection. Stop and restart interrupt whatever the servers
   * serve: they are confirmed first, with how many and which servers.
   */
  protected async runBulk(operation: BulkOperation): Promise<void> {
    const names = [...this.store.selected().values()];
    if (names.length === 0 || this.store.bulkRunning()) {
      return;
    }
    if (operation === 'stop' || operation === 'restart') {
      const verb = operation === 'stop' ? 'Stop' : 'Restart';
      const count = serverCount(names.length);
      const confirmed = await confirmAction(this.dialog, {
        title: `${verb} ${count}?`,
        message: `${verb} ${nameList(names)}. ${
          operation === 'stop' ? 'They stay stopped until started again' : 'Each is stopped and started again'
        }; their clients lose their sessions.`,
        confirm: `${verb} ${count}`,
        danger: true,
      });
      if (!confirmed) {
        return;
      }
    }
    this.store.runBulk(operation);
  }

  protected onFilter({ change, typing }: FilterChange): void {
    this.store.update(change, typing);
  }

  protected onSort(sort: Sort): void {
    this.store.update({ sort: toSort(sort.active, sort.direction) });
  }

  protected onPage(event: PageEvent): void {
    this.store.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected onAction({ server, action }: { server: McpServer; action: QuickAction }): void {
    this.store.run(server, action);
  }

  protected clearFilters(): void {
    this.store.update(NO_FILTERS);
  }
}
