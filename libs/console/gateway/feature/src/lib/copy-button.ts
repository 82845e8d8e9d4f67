import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';

import { Notifier } from '@mcp-fleet/console/shared/data-access';
import { selectContents, writeClipboard } from '@mcp-fleet/console/shared/ui';

/**
 * Copies `text`. Where the browser refuses the clipboard (plain http to a remote host), it selects
 * `fallback` instead, which shows the same thing, so Ctrl+C does the rest; without a fallback it
 * says `blocked` and the parent decides (a masked token must be revealed before it is selected).
 */
@Component({
  selector: 'mf-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatTooltipModule],
  template: `
    @if (iconOnly()) {
      <button mat-icon-button type="button" [attr.aria-label]="label()" [matTooltip]="label()" (click)="copy()">
        <span class="material-symbols-outlined" aria-hidden="true">content_copy</span>
      </button>
    } @else {
      <button mat-stroked-button type="button" [attr.aria-label]="label()" (click)="copy()">
        <span class="material-symbols-outlined" aria-hidden="true">content_copy</span> Copy
      </button>
    }
  `,
})
export class CopyButton {
  private readonly notifier = inject(Notifier);

  readonly text = input.required<string>();
  /** What is copied, for screen readers and the confirmation: "Copy fleet URL". */
  readonly label = input.required<string>();
  readonly what = input('Text');
  readonly fallback = input<HTMLElement | null>(null);
  readonly iconOnly = input(false);
  readonly blocked = output<void>();

  protected async copy(): Promise<void> {
    if (await writeClipboard(this.text())) {
      this.notifier.success(`${this.what()} copied to the clipboard`);
      return;
    }
    const element = this.fallback();
    if (element) {
      selectContents(element);
      this.notifier.failure('Copying is blocked here: the text is selected, press Ctrl+C (⌘C on a Mac)');
    } else {
      this.blocked.emit();
    }
  }
}
