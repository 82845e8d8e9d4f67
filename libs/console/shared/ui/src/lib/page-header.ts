import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The title row of a page, with its actions projected on the right. */
@Component({
  selector: 'mf-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="mf-page-header">
      <div>
        <h1>{{ title() }}</h1>
        @if (subtitle()) {
          <p class="mf-muted">{{ subtitle() }}</p>
        }
      </div>
      <div class="mf-page-actions"><ng-content /></div>
    </header>
  `,
})
export class PageHeader {
  readonly title = input.required<string>();
  readonly subtitle = input<string | null>(null);
}
