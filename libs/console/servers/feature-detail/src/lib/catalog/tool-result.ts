import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { toolResultView } from '@mcp-fleet/console/servers/util';

/** What a tool answered: text as text, images as images, anything else as JSON; and how long it took. */
@Component({
  selector: 'mf-tool-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
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
      @for (part of view().parts; track $index) {
        @switch (part.kind) {
          @case ('text') {
            <pre class="mf-result-text">{{ part.text }}</pre>
          }
          @case ('image') {
            <img class="mf-result-image" [src]="part.src" [alt]="'Image returned by ' + toolName() + ' (' + part.mimeType + ')'" />
          }
          @case ('json') {
            <pre class="mf-result-json">{{ part.text }}</pre>
          }
        }
      } @empty {
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
    pre {
      margin: 0 0 0.5rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      max-height: 24rem;
      overflow: auto;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85rem;
    }
    .mf-result-image {
      display: block;
      max-width: 100%;
      margin-bottom: 0.5rem;
      image-rendering: auto;
    }
  `,
})
export class ToolResult {
  readonly result = input.required<Record<string, unknown>>();
  readonly durationMs = input.required<number>();
  readonly toolName = input.required<string>();
  protected readonly view = computed(() => toolResultView(this.result()));
}
