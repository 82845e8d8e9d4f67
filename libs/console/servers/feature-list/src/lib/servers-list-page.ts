import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-servers-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>ServersListPage</h1>',
})
export class ServersListPage {}
