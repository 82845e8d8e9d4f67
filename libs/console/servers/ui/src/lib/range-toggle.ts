import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';

import { RANGE_CHOICES } from '@mcp-fleet/console/servers/util';
import type { MetricRange } from '@mcp-fleet/shared/contracts';

/** The time range of a set of charts: 1 h, 6 h, 24 h, 7 d. */
@Component({
  selector: 'mf-range-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonToggleModule],
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [attr.aria-label]="label()"
      [value]="range()"
      (change)="changed.emit($event.value)"
    >
      @for (choice of choices; track choice.range) {
        <mat-button-toggle [value]="choice.range">{{ choice.label }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    mat-button-toggle-group {
      --mat-button-toggle-height: 32px;
    }
  `,
})
export class RangeToggle {
  readonly range = input.required<MetricRange>();
  readonly label = input('Time range');
  readonly changed = output<MetricRange>();

  protected readonly choices = RANGE_CHOICES;
}
