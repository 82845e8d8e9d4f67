import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** "Nothing here yet", with what to do about it. */
@Component({
  selector: 'mf-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="mf-view-state">
      <span class="material-symbols-outlined mf-view-state-icon" aria-hidden="true">{{ icon() }}</span>
      <p class="mf-view-state-title">{{ title() }}</p>
      <ng-content />
    </div>
  `,
})
export class EmptyState {
  readonly title = input.required<string>();
  readonly icon = input('inbox');
}

@Component({
  selector: 'mf-loading-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressSpinnerModule],
  template: `
    <div class="mf-view-state" role="status" aria-live="polite">
      <mat-spinner diameter="32" aria-hidden="true" />
      <p>{{ label() }}</p>
    </div>
  `,
})
export class LoadingState {
  readonly label = input('Loading…');
}

/** A failed load: the API's message and code, and a way to try again. */
@Component({
  selector: 'mf-error-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <div class="mf-view-state" role="alert">
      <span class="material-symbols-outlined mf-view-state-icon mf-error-text" aria-hidden="true">error</span>
      <p class="mf-view-state-title">{{ message() }}</p>
      @if (code()) {
        <p class="mf-muted">Code: {{ code() }}</p>
      }
      <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
    </div>
  `,
})
export class ErrorState {
  readonly message = input.required<string>();
  readonly code = input<string | null>(null);
  readonly retry = output<void>();
}
