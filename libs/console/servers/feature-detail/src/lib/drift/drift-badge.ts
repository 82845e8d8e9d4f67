import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { DriftChip } from '@mcp-fleet/console/servers/ui';

import { DriftStore } from './drift-store';

/**
 * In the page header: how many definitions differ from their approved ones, and whether calls
 * of them are refused; a link to the drift panel on the Tools tab. Nothing when nothing differs.
 */
@Component({
  selector: 'mf-drift-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DriftChip],
  template: `
    @if (report(); as report) {
      @if (report.items.length > 0) {
        <mf-drift-chip class="mf-drift-badge" [serverId]="report.serverId" [count]="report.items.length" [blocked]="blocked()" />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .mf-drift-badge {
      margin-bottom: 1rem;
    }
  `,
})
export class DriftBadge {
  private readonly store = inject(DriftStore);

  protected readonly report = this.store.report;
  protected readonly blocked = computed(() => this.store.report()?.policy === 'block');
}
