import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';

import type { ServerRevision } from '@mcp-fleet/shared/contracts';

import { diffRegistrations } from './registration-diff';

/**
 * Two revisions' registrations side by side, line by line, the changed lines marked (colour and
 * word). Secrets are masked as the API gives them: a replaced secret shows in the revision's changes.
 */
@Component({
  selector: 'mf-revision-diff',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule],
  template: `
    <section class="mf-diff" [attr.aria-labelledby]="headingId()">
      <div class="mf-diff-head">
        <h3 [id]="headingId()">Revision #{{ before().revision }} compared with #{{ after().revision }}</h3>
        <mat-checkbox [checked]="onlyChanged()" (change)="onlyChanged.set($event.checked)">Only changed lines</mat-checkbox>
      </div>
      <p class="mf-muted" role="status">{{ summary() }}</p>
      <div
        class="mf-table-scroll"
        role="region"
        [attr.aria-label]="'Differences between revision #' + before().revision + ' and #' + after().revision"
        tabindex="0"
      >
        <table class="mf-diff-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">#{{ before().revision }}</th>
              <th scope="col">#{{ after().revision }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of shown(); track row.path) {
              <tr [class.mf-changed]="row.changed" [attr.data-path]="row.path">
                <th scope="row">
                  <code>{{ row.path }}</code>
                  @if (row.changed) {
                    <span class="mf-changed-mark">{{ ' ' }}changed</span>
                  }
                </th>
                <td [class.mf-absent]="row.before === null">
                  <code>{{ row.before ?? '(not set)' }}</code>
                </td>
                <td [class.mf-absent]="row.after === null">
                  <code>{{ row.after ?? '(not set)' }}</code>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    .mf-diff {
      margin-top: 1rem;
    }
    .mf-diff-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      h3 {
        margin: 0;
      }
    }
    .mf-diff-table {
      width: 100%;
      border-collapse: collapse;
      table-layout: fixed;
      min-width: 36rem;
      th,
      td {
        text-align: left;
        vertical-align: top;
        padding: 0.25rem 0.75rem;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        overflow-wrap: anywhere;
      }
      thead th {
        font: var(--mat-sys-label-large);
        color: var(--mat-sys-on-surface-variant);
      }
      tbody th {
        font-weight: normal;
        width: 30%;
      }
      tr.mf-changed {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }
    }
    .mf-changed-mark {
      margin-left: 0.5rem;
      font: var(--mat-sys-label-small);
      text-transform: uppercase;
    }
    .mf-absent code {
      font-style: italic;
    }
  `,
})
export class RevisionDiff {
  readonly before = input.required<ServerRevision>();
  readonly after = input.required<ServerRevision>();

  protected readonly onlyChanged = signal(false);
  protected readonly rows = computed(() => diffRegistrations(this.before().registration, this.after().registration));
  protected readonly shown = computed(() => (this.onlyChanged() ? this.rows().filter((row) => row.changed) : this.rows()));
  protected readonly headingId = computed(() => `mf-diff-${this.before().revision}-${this.after().revision}`);
  protected readonly summary = computed(() => {
    const changed = this.rows().filter((row) => row.changed).length;
    return changed === 0
      ? 'No visible differences (secrets are masked: a replaced secret is listed in the revision that changed it).'
      : `${changed} ${changed === 1 ? 'line differs' : 'lines differ'}.`;
  });
}
