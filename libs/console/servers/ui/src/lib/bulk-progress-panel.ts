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

/** An undo item the API left alone: the server was changed since the operation. */
export const UNDO_CONFLICT = 'UNDO_CONFLICT';

let nextId = 0;

/**
 * A bulk operation as it runs ("2 of 3 done") and, once it is over, what happened to each
 * server. Stays until dismissed, so the results can be read at leisure. When the operation can
 * be undone, Undo is offered next to Dismiss; an undo's conflicts (servers changed since, left
 * as they are) are told apart from failures.
 */
@Component({
  selector: 'mf-bulk-progress-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressBarModule, MatButtonModule],
  templateUrl: './bulk-progress-panel.html',
  styleUrl: './bulk-progress-panel.scss',
})
export class BulkProgressPanel {
  /** `start`, `stop`, `restart` or `undo`. */
  readonly operation = input.required<string>();
  /** The heading; `Bulk <operation>` unless given. */
  readonly title = input<string | null>(null);
  readonly tally = input.required<BulkTally>();
  readonly running = input(false);
  /** The per-server results, once the operation has finished. */
  readonly results = input<readonly BulkResultRow[] | null>(null);
  /** Offer Undo (the operation is over and the user may undo it). */
  readonly undoable = input(false);
  readonly dismissed = output<void>();
  readonly undo = output<void>();

  protected readonly titleId = `mf-bulk-title-${nextId++}`;
  protected readonly heading = computed(() => this.title() ?? `Bulk ${this.operation()}`);
  protected readonly percent = computed(() => {
    const { total, completed } = this.tally();
    return total > 0 ? Math.round((completed / total) * 100) : 0;
  });
  protected readonly conflicts = computed(() => (this.results() ?? []).filter((row) => row.code === UNDO_CONFLICT).length);
  protected readonly failures = computed(() => (this.results() ?? []).filter((row) => !row.success).length - this.conflicts());
  protected readonly summary = computed(() => {
    const rows = this.results() ?? [];
    const conflicts = this.conflicts();
    const failures = this.failures();
    const text = `${rows.length - failures - conflicts} succeeded, ${failures} failed`;
    return conflicts === 0 ? text : `${text}, ${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'} (changed since, left as they are)`;
  });
  protected readonly conflict = UNDO_CONFLICT;
}
