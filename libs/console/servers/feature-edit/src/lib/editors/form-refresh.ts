import { ChangeDetectorRef, effect, inject, type Signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

/**
 * Re-renders an OnPush editor whenever its part of the form changes value, status or
 * touched state. Errors the page sets after a save (from the API) would otherwise not
 * reach a child whose inputs did not change: nothing zone-driven checks it.
 */
export function refreshOnFormEvents(control: Signal<AbstractControl>): void {
  const changes = inject(ChangeDetectorRef);
  effect((onCleanup) => {
    const subscription = control().events.subscribe(() => changes.markForCheck());
    onCleanup(() => subscription.unsubscribe());
  });
}
