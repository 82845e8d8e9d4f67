import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-server-edit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>ServerEditPage</h1>',
})
export class ServerEditPage {}
