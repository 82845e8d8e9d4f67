import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-server-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>ServerDetailPage</h1>',
})
export class ServerDetailPage {}
