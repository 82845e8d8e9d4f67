import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>DashboardPage</h1>',
})
export class DashboardPage {}
