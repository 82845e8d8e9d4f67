import type { DestroyRef } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';

/**
 * Runs a load now, or once more right after the one in flight. A refresh asked for while a load
 * runs is never lost, and never cancels the load that is about to paint the page (with
 * switchMap, a socket resubscribing during the first load would push the first render back).
 */
export class CoalescedRefresh<T> {
  private inFlight = false;
  private again = false;
  private destroyed = false;

  constructor(
    private readonly load: () => Observable<T>,
    private readonly handlers: { next: (value: T) => void; error: (error: unknown) => void },
    private readonly destroyRef: DestroyRef,
  ) {
    destroyRef.onDestroy(() => (this.destroyed = true));
  }

  request(): void {
    if (this.destroyed) {
      return;
    }
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    const settle = () => {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    };
    this.load()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.handlers.next(value),
        error: (error: unknown) => {
          this.handlers.error(error);
          settle();
        },
        complete: settle,
      });
  }
}
