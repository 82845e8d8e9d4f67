import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { ThemeStore } from '@mcp-fleet/console/shared/data-access';

@Component({
  selector: 'mf-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet],
  template: `<router-outlet />`,
})
export class App {
  // Created here so the saved theme applies before the first page renders.
  protected readonly theme = inject(ThemeStore);
}
