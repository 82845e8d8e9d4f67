import type { AbstractControl, FormGroup } from '@angular/forms';

import type { ConsoleError } from '@mcp-fleet/console/shared/data-access';

/**
 * Puts the API's per-field messages on the matching controls (as a `server` error, shown by
 * `<mat-error>`; it clears on the next edit because validators run again). Codes that are about
 * one field without field details (EMAIL_TAKEN) go to that field. Returns whether any field took one.
 */
export function applyServerErrors(form: FormGroup, error: ConsoleError, codeFields: Record<string, string> = {}): boolean {
  let applied = false;
  const put = (control: AbstractControl | null, messages: string[]) => {
    if (control && messages.length > 0) {
      control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
      control.markAsTouched();
      applied = true;
    }
  };
  for (const field of error.fields) {
    put(form.get(field.field.split('.')[0]), field.messages);
  }
  const codeField = codeFields[error.code];
  if (codeField) {
    put(form.get(codeField), [error.message]);
  }
  return applied;
}

/** The text of a control's `server` error, if any. */
export function serverError(control: AbstractControl): string | null {
  const value: unknown = control.errors?.['server'];
  return typeof value === 'string' ? value : null;
}
