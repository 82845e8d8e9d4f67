import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>UsersPage</h1>',
})
export class UsersPage {}
