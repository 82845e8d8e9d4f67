import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { describeFailure, failureSummary } from '@mcp-fleet/console/servers/util';
import { relativeTime } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

/**
 * A server's last failure where the server is listed (its card, its row): while it is in `error`,
 * what ended it (reason with exit code or signal, when, failed starts) and its last stderr line;
 * once it recovered, one quiet line. Nothing for a server that never failed. With the class
 * `mf-one-line` (a dense table row): the cause alone, on one line.
 */
@Component({
  selector: 'mf-failure-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as view) {
      @if (view.current) {
        <div class="mf-failure" role="group" aria-label="Last failure" [attr.title]="view.message">
          <p class="mf-failure-cause">
            <span class="material-symbols-outlined" aria-hidden="true">error</span>
            <span
              ><strong>{{ view.title }}:</strong> {{ summary() }}</span
            >
          </p>
          @if (view.lastLine; as line) {
            <p class="mf-failure-line">
              <code [attr.title]="view.stderr.join('\\n')">{{ line }}</code>
            </p>
          }
        </div>
      } @else {
        <p class="mf-failure-past" [attr.title]="view.message">{{ summary() }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    p {
      margin: 0;
    }
    .mf-failure {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .mf-failure-cause {
      display: flex;
      align-items: flex-start;
      gap: 0.25rem;
      color: var(--mf-bad);
      overflow-wrap: anywhere;
      .material-symbols-outlined {
        font-size: 18px;
      }
    }
    .mf-failure-line code {
      display: block;
      padding: 0.125rem 0.375rem;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font:
        0.8125rem/1.4 ui-monospace,
        SFMono-Regular,
        Menlo,
        Consolas,
        monospace;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    :host(.mf-compact) {
      max-width: 20rem;
    }
    /* In a table cell the line takes the width the other content leaves, never widening the column. */
    :host(.mf-compact) .mf-failure-line {
      width: 0;
      min-width: 100%;
    }
    :host(.mf-compact) .mf-failure-line code {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
    }
    .mf-failure-past {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    /* A dense row: the cause on one line (all of it in the tooltip), no stderr line, nothing once recovered. */
    :host(.mf-one-line) .mf-failure-cause {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      display: block;
      .material-symbols-outlined {
        vertical-align: -4px;
      }
    }
    :host(.mf-one-line) .mf-failure-line,
    :host(.mf-one-line) .mf-failure-past {
      display: none;
    }
  `,
})
export class FailureNote {
  readonly server = input.required<Pick<McpServer, 'state' | 'lastFailure'>>();
  /** The clock "2 min ago" is measured against (ms); 0 reads the wall clock. */
  readonly now = input(0);

  protected readonly failure = computed(() => describeFailure(this.server()));
  protected readonly summary = computed(() => {
    const view = this.failure();
    return view ? failureSummary(view, relativeTime(view.at, Math.max(this.now() || Date.now(), Date.parse(view.at)))) : '';
  });
}
