import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { toolResultView } from '@mcp-fleet/console/servers/util';

import { ContentParts } from './content-parts';

/** What a tool answered: text as text, images as images, anything else as JSON; and how long it took. */
@Component({
  selector: 'mf-tool-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ContentParts],
  template: `
    <section class="mf-result" aria-label="Tool result" [class.mf-result-error]="view().isError">
      <p class="mf-result-head">
        @if (view().isError) {
          <span class="material-symbols-outlined" aria-hidden="true">error</span>
          <strong>The tool reported an error</strong>
        } @else {
          <span class="material-symbols-outlined" aria-hidden="true">check_circle</span>
          <strong>Result</strong>
        }
        <span class="mf-muted">{{ durationMs() }} ms</span>
      </p>
      <mf-content-parts [parts]="view().parts" [imageAlt]="'Image returned by ' + toolName()" />
      @if (view().parts.length === 0) {
        @if (view().structured === null) {
          <p class="mf-muted">The tool returned no content.</p>
        }
      }
      @if (view().structured; as structured) {
        <p class="mf-muted">Structured content</p>
        <pre class="mf-result-json">{{ structured }}</pre>
      }
    </section>
  `,
  styleUrl: './content-text.scss',
  styles: `
    .mf-result {
      margin-top: 1rem;
      padding: 0.75rem 1rem;
      border-radius: var(--mat-sys-corner-small);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container);
      min-width: 0;
    }
    .mf-result-error {
      border-color: var(--mf-bad);
      .mf-result-head {
        color: var(--mf-bad);
      }
    }
    .mf-result-head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.5rem;
    }
  `,
})
export class ToolResult {
  readonly result = input.required<Record<string, unknown>>();
  readonly durationMs = input.required<number>();
  readonly toolName = input.required<string>();
  protected readonly view = computed(() => toolResultView(this.result()));
}
