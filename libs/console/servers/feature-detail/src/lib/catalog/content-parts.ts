import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import type { ToolResultPart } from '@mcp-fleet/console/servers/util';

/**
 * MCP content blocks as parts: text as text, images as images, anything else as JSON. Long
 * parts scroll, so they take focus: a keyboard can scroll them too.
 */
@Component({
  selector: 'mf-content-parts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (part of parts(); track $index) {
      @switch (part.kind) {
        @case ('text') {
          <pre class="mf-part-text" tabindex="0">{{ part.text }}</pre>
        }
        @case ('image') {
          <img class="mf-part-image" [src]="part.src" [alt]="imageAlt() + ' (' + part.mimeType + ')'" />
        }
        @case ('json') {
          <pre class="mf-part-json" tabindex="0">{{ part.text }}</pre>
        }
      }
    }
  `,
  styleUrl: './content-text.scss',
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .mf-part-image {
      display: block;
      max-width: 100%;
      margin-bottom: 0.5rem;
    }
  `,
})
export class ContentParts {
  readonly parts = input.required<readonly ToolResultPart[]>();
  /** What an image is, for its alt text ("Image returned by echo"). */
  readonly imageAlt = input('Image');
}
