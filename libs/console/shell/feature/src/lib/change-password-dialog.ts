import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, FormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { AuthStore, type ConsoleError, fieldMessages, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { AUTH_LIMITS } from '@mcp-fleet/shared/contracts';

const required = (control: AbstractControl): ValidationErrors | null => Validators.required(control);

function sameAsNew(group: AbstractControl): ValidationErrors | null {
  const { newPassword, newPasswordAgain } = group.value as { newPassword: string; newPasswordAgain: string };
  return newPasswordAgain && newPassword !== newPasswordAgain ? { mismatch: true } : null;
}

/** The signed-in user's own password; closes with true once changed (the other sessions have ended). */
@Component({
  selector: 'mf-change-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      padding-top: 0.5rem;
    }
  `,
  template: `
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Changing the password" />
    }
    <h2 mat-dialog-title>Change password</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="mf-muted">Your other sessions (other browsers and devices) are signed out; this one stays signed in.</p>
        <input type="text" name="username" autocomplete="username" [value]="auth.user()?.email ?? ''" hidden aria-hidden="true" />
        <mat-form-field appearance="outline">
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required cdkFocusInitial />
          @if (form.controls.currentPassword.hasError('required')) {
            <mat-error>Enter your current password.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
          <mat-hint>At least {{ limits.passwordMinLength }} characters.</mat-hint>
          @if (form.controls.newPassword.hasError('required')) {
            <mat-error>Enter a new password.</mat-error>
          } @else if (form.controls.newPassword.hasError('minlength')) {
            <mat-error>At least {{ limits.passwordMinLength }} characters.</mat-error>
          } @else if (form.controls.newPassword.hasError('maxlength')) {
            <mat-error>At most {{ limits.passwordMaxLength }} characters.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Repeat the new password</mat-label>
          <input matInput type="password" formControlName="newPasswordAgain" autocomplete="new-password" required />
        </mat-form-field>
        @if (form.hasError('mismatch') && form.controls.newPasswordAgain.touched) {
          <p class="mf-form-error" role="alert">The two new passwords differ.</p>
        }
        @if (error(); as problem) {
          <p class="mf-form-error" role="alert">{{ describe(problem) }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ChangePasswordDialog {
  protected readonly auth = inject(AuthStore);
  private readonly ref = inject<MatDialogRef<ChangePasswordDialog, boolean>>(MatDialogRef);
  protected readonly limits = AUTH_LIMITS;
  protected readonly busy = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', required],
    newPassword: ['', [required, Validators.minLength(AUTH_LIMITS.passwordMinLength), Validators.maxLength(AUTH_LIMITS.passwordMaxLength)]],
    newPasswordAgain: ['', required],
  });

  constructor() {
    this.form.addValidators(sameAsNew);
  }

  protected describe(problem: ConsoleError): string {
    if (problem.code === 'WRONG_PASSWORD') {
      return 'The current password is wrong.';
    }
    const fields = fieldMessages(problem, 'newPassword');
    return fields.length > 0 ? fields.join(' ') : problem.message;
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword(currentPassword, newPassword);
      this.ref.close(true);
    } catch (error) {
      this.error.set(toConsoleError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
