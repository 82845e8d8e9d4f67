import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { AdminApi } from '@mcp-fleet/console/admin/data-access';
import { AuthStore, type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { AUTH_LIMITS, type User } from '@mcp-fleet/shared/contracts';

import { PasswordField } from '../shared/password-field';
import { applyServerErrors } from '../shared/server-errors';

/** Sets a new password for one user; closes with true once the API accepted it. */
@Component({
  selector: 'mf-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatProgressBarModule, PasswordField],
  template: `
    <h2 mat-dialog-title>Reset password</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="mf-dialog-form">
        <p class="mf-dialog-lead">
          New password for <strong>{{ user.displayName || user.email }}</strong> ({{ user.email }}). They are signed out everywhere and sign
          in again with it.
        </p>
        @if (self) {
          <p class="mf-dialog-lead">
            <strong>This is your own account:</strong> your session here ends too; sign in again with the new password.
          </p>
        }
        <mf-password-field [control]="form.controls.password" label="New password" />
        @if (error(); as problem) {
          <p class="mf-form-error" role="alert">{{ problem.message }} ({{ problem.code }})</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Reset password</button>
      </mat-dialog-actions>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Resetting password" />
      }
    </form>
  `,
  styleUrl: './user-dialogs.scss',
})
export class ResetPasswordDialog {
  private readonly api = inject(AdminApi);
  private readonly ref = inject<MatDialogRef<ResetPasswordDialog, boolean>>(MatDialogRef);
  protected readonly user = inject<User>(MAT_DIALOG_DATA);
  protected readonly self = inject(AuthStore).user()?.id === this.user.id;
  protected readonly busy = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: [
      '',
      [Validators.required, Validators.minLength(AUTH_LIMITS.passwordMinLength), Validators.maxLength(AUTH_LIMITS.passwordMaxLength)],
    ],
  });

  protected async submit(): Promise<void> {
    if (this.busy()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.resetPassword(this.user.id, this.form.controls.password.value), { defaultValue: undefined });
      this.ref.close(true);
    } catch (err) {
      const problem = toConsoleError(err);
      this.error.set(applyServerErrors(this.form, problem) ? null : problem);
    } finally {
      this.busy.set(false);
    }
  }
}
