import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';

import { type ConsoleError, toConsoleError } from './api-error';

/** Immediate feedback for actions: a short confirmation, or the API's own error message and code. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  success(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 4000, politeness: 'polite' });
  }

  /**
   * A confirmation with one action to take (Undo): emits once if it is taken. It stays longer
   * than a plain confirmation, so there is time to reach the button.
   */
  offer(message: string, action: string): Observable<void> {
    return this.snackBar.open(message, action, { duration: 10_000, politeness: 'polite' }).onAction();
  }

  error(error: unknown, prefix?: string): ConsoleError {
    const problem = toConsoleError(error);
    this.failure(`${prefix ? `${prefix}: ` : ''}${problem.message}`, problem.code);
    return problem;
  }

  /** A failure the API answered without an HTTP error (a command result with `success: false`). */
  failure(message: string, code?: string): void {
    const text = code ? `${message} (${code})` : message;
    this.snackBar.open(text, 'Dismiss', { duration: 8000, politeness: 'assertive', panelClass: 'mf-snack-error' });
  }
}
