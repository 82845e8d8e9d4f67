import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';

import { AdminApi } from '@mcp-fleet/console/admin/data-access';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { AUTH_LIMITS, type Role, ROLES, type User } from '@mcp-fleet/shared/contracts';

import { PasswordField } from '../shared/password-field';
import { ROLE_DESCRIPTIONS } from '../shared/permissions';
import { applyServerErrors, serverError } from '../shared/server-errors';

/** Creates a user; closes with the new user, or with nothing when cancelled. */
@Component({
  selector: 'mf-create-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressBarModule,
    PasswordField,
  ],
  templateUrl: './create-user-dialog.html',
  styleUrl: './user-dialogs.scss',
})
export class CreateUserDialog {
  private readonly api = inject(AdminApi);
  private readonly ref = inject<MatDialogRef<CreateUserDialog, User>>(MatDialogRef);
  protected readonly roles = ROLES;
  protected readonly descriptions = ROLE_DESCRIPTIONS;
  protected readonly limits = AUTH_LIMITS;
  protected readonly busy = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly serverError = serverError;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(AUTH_LIMITS.emailMaxLength)]],
    displayName: ['', Validators.maxLength(AUTH_LIMITS.displayNameMaxLength)],
    role: ['viewer' as Role, Validators.required],
    password: [
      '',
      [Validators.required, Validators.minLength(AUTH_LIMITS.passwordMinLength), Validators.maxLength(AUTH_LIMITS.passwordMaxLength)],
    ],
  });
  protected readonly role = toSignal(this.form.controls.role.valueChanges, { initialValue: this.form.controls.role.value });

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
    const { email, displayName, role, password } = this.form.getRawValue();
    try {
      const user = await firstValueFrom(
        this.api.createUser({ email: email.trim(), displayName: displayName.trim() || undefined, role, password }),
      );
      this.ref.close(user);
    } catch (err) {
      const problem = toConsoleError(err);
      // Field problems show on their fields; anything else shows above the buttons.
      this.error.set(applyServerErrors(this.form, problem, { EMAIL_TAKEN: 'email' }) ? null : problem);
    } finally {
      this.busy.set(false);
    }
  }
}
