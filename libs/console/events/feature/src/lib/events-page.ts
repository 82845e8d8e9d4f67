import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'mf-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>EventsPage</h1>',
})
export class EventsPage {}
