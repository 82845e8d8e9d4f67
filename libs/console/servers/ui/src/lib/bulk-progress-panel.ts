import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import type { BulkTally } from './bulk-progress-matcher';

/** One server's outcome in a bulk operation, named for people. */
export interface BulkResultRow {
  serverId: string;
  name: string;
  success: boolean;
  message: string;
  code?: string;
}

let nextId = 0;

/**
 * A bulk operation as it runs ("2 of 3 done") and, once it is over, what happened to each
 * server. Stays until dismissed, so the results can be read at leisure.
 */
@Component({
  selector: 'mf-bulk-progress-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressBarModule, MatButtonModule],
  templateUrl: './bulk-progress-panel.html',
  styleUrl: './bulk-progress-panel.scss',
})
export class BulkProgressPanel {
  /** `start`, `stop` or `restart`. */
  readonly operation = input.required<string>();
  readonly tally = input.required<BulkTally>();
  readonly running = input(false);
  /** The per-server results, once the operation has finished. */
  readonly results = input<readonly BulkResultRow[] | null>(null);
  readonly dismissed = output<void>();

  protected readonly titleId = `mf-bulk-title-${nextId++}`;
  protected readonly percent = computed(() => {
    const { total, completed } = this.tally();
    return total > 0 ? Math.round((completed / total) * 100) : 0;
  });
  protected readonly failures = computed(() => (this.results() ?? []).filter((row) => !row.success).length);
}
