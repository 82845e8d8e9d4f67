import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { actionAllowed, DriftChip, FailureNote, type QuickAction, uptimeSeconds } from '@mcp-fleet/console/servers/ui';
import { actionBlockedBy, startRecord } from '@mcp-fleet/console/servers/util';
import { duration, HealthBadge, relativeTime, StateBadge } from '@mcp-fleet/console/shared/ui';
import type { McpServer, ServerSort } from '@mcp-fleet/shared/contracts';

import { sortState } from './servers-list-query';

/**
 * One page of servers: selection, sortable headers, live state, per-row lifecycle actions, and
 * what needs an operator (its last failure, definitions to approve, a restart to apply the config).
 */
@Component({
  selector: 'mf-servers-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatCheckboxModule,
    MatMenuModule,
    MatButtonModule,
    MatProgressSpinnerModule,
    StateBadge,
    HealthBadge,
    DriftChip,
    FailureNote,
  ],
  templateUrl: './servers-table.html',
  styleUrl: './servers-table.scss',
})
export class ServersTable {
  readonly rows = input.required<readonly McpServer[]>();
  readonly sort = input.required<ServerSort>();
  readonly selected = input<ReadonlyMap<string, string>>(new Map());
  readonly pending = input<ReadonlyMap<string, QuickAction>>(new Map());
  /** Show the selection column (callers who may run bulk operations). */
  readonly selectable = input(false);
  /** Show the row actions (callers who may start and stop servers). */
  readonly manageable = input(false);
  /** Compact rows: one line each (no description, the failure's cause only), for long lists. */
  readonly dense = input(false);
  readonly now = input(0);

  readonly toggled = output<McpServer>();
  readonly pageToggled = output<void>();
  readonly sortChanged = output<Sort>();
  readonly action = output<{ server: McpServer; action: QuickAction }>();

  protected readonly columns = computed(() => [
    ...(this.selectable() ? ['select'] : []),
    'name',
    'state',
    'health',
    'transport',
    'type',
    'tags',
    'uptime',
    ...(this.manageable() ? ['actions'] : []),
  ]);
  protected readonly active = computed(() => sortState(this.sort()));
  protected readonly allSelected = computed(() => {
    const rows = this.rows();
    return rows.length > 0 && rows.every((row) => this.selected().has(row.id));
  });
  protected readonly someSelected = computed(() => !this.allSelected() && this.rows().some((row) => this.selected().has(row.id)));
  protected readonly actions: { action: QuickAction; label: string; icon: string }[] = [
    { action: 'start', label: 'Start', icon: 'play_arrow' },
    { action: 'stop', label: 'Stop', icon: 'stop' },
    { action: 'restart', label: 'Restart', icon: 'restart_alt' },
  ];

  protected readonly trackById = (_index: number, server: McpServer) => server.id;

  /** Typed access to a row in the templates: mat-table hands rows over untyped. */
  protected asServer(row: McpServer): McpServer {
    return row;
  }

  protected uptime(server: McpServer): string {
    const seconds = uptimeSeconds(server, this.now());
    if (seconds !== null) {
      return `Up ${duration(seconds)}`;
    }
    const started = server.metrics.lastStartedAt;
    return startRecord(server) ?? (started ? `Started ${relativeTime(started, Math.max(this.now(), Date.parse(started)))}` : '');
  }

  /**
   * The API's verdict, shown while the process it is about runs: a live stop (from the socket)
   * ends it before the next reload says so.
   */
  protected restartPending(server: McpServer): boolean {
    return server.pendingRestart && (server.state === 'running' || server.state === 'starting');
  }

  /** The row menu: no Start or Restart for a disabled server (the API refuses them; the row says Disabled). */
  protected offered(server: McpServer): { action: QuickAction; label: string; icon: string }[] {
    return this.actions.filter((item) => actionBlockedBy(item.action, server) === null);
  }

  protected allowed(action: QuickAction, server: McpServer): boolean {
    return !this.pending().has(server.id) && actionAllowed(action, server.state);
  }
}
