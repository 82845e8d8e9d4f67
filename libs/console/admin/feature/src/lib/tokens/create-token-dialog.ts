import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormBuilder,
  type FormControl,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { firstValueFrom, map } from 'rxjs';

import { AdminApi } from '@mcp-fleet/console/admin/data-access';
import { type ConsoleError, fieldMessages, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { selectText, writeClipboard } from '@mcp-fleet/console/shared/ui';
import { type ApiToken, AUTH_LIMITS, type Permission, PERMISSIONS, ROLE_PERMISSIONS } from '@mcp-fleet/shared/contracts';

import { PERMISSION_DESCRIPTIONS, type PermissionPreset, TOKEN_PRESETS } from '../shared/permissions';
import { applyServerErrors, serverError } from '../shared/server-errors';
import { daysFromNow, endOfLocalDay, EXPIRY_PRESETS, localDate } from './expiry';
import type { ServerOption } from './server-directory';
import { ServerPicker } from './server-picker';

/** A new token starts read-only: more rights are a deliberate choice. */
const READ_ONLY: readonly Permission[] = ROLE_PERMISSIONS.viewer;

function futureDay(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) {
    return null;
  }
  const end = endOfLocalDay(control.value);
  if (!end) {
    return { date: true };
  }
  return end.getTime() <= Date.now() ? { past: true } : null;
}

/**
 * Creates an API token, then shows its value once. The value lives only in this dialog:
 * closing it drops the last reference, and the API keeps nothing but a hash.
 */
@Component({
  selector: 'mf-create-token-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ServerPicker,
  ],
  templateUrl: './create-token-dialog.html',
  styleUrl: './create-token-dialog.scss',
})
export class CreateTokenDialog {
  private readonly api = inject(AdminApi);
  private readonly notifier = inject(Notifier);
  private readonly ref = inject<MatDialogRef<CreateTokenDialog, ApiToken>>(MatDialogRef);
  private readonly tokenField = viewChild<ElementRef<HTMLInputElement>>('tokenField');
  /** Fires as soon as the API created the token, so the list shows it while the value is on screen. */
  readonly created = output<ApiToken>();

  protected readonly permissions = PERMISSIONS;
  protected readonly descriptions = PERMISSION_DESCRIPTIONS;
  protected readonly presets = TOKEN_PRESETS;
  protected readonly expiryPresets = EXPIRY_PRESETS;
  protected readonly limits = AUTH_LIMITS;
  protected readonly today = localDate(new Date());
  protected readonly busy = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly result = signal<{ token: string; apiToken: ApiToken } | null>(null);
  protected readonly copyHint = signal<string | null>(null);
  protected readonly serverError = serverError;

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(AUTH_LIMITS.tokenNameMaxLength), Validators.pattern(/\S/)]],
    permissions: this.fb.group(
      Object.fromEntries(PERMISSIONS.map((permission) => [permission, this.fb.control(READ_ONLY.includes(permission))])) as Record<
        Permission,
        FormControl<boolean>
      >,
    ),
    expires: [daysFromNow(90), futureDay],
    /** Every server (now and later), or only the chosen ones. */
    scope: this.fb.control<'all' | 'some'>('all'),
  });
  protected readonly servers = signal<ServerOption[]>([]);
  protected readonly scope = toSignal(this.form.controls.scope.valueChanges, { initialValue: this.form.controls.scope.value });
  protected readonly serversMissing = signal(false);
  protected readonly chosen = toSignal(this.form.controls.permissions.valueChanges.pipe(map(() => this.selectedPermissions())), {
    initialValue: this.selectedPermissions(),
  });
  protected readonly expires = toSignal(this.form.controls.expires.valueChanges, { initialValue: this.form.controls.expires.value });
  protected readonly activePreset = computed(() => {
    const chosen = this.chosen();
    return (
      this.presets.find((preset) => preset.permissions.length === chosen.length && preset.permissions.every((p) => chosen.includes(p)))
        ?.label ?? null
    );
  });

  protected applyPreset(preset: PermissionPreset): void {
    this.form.controls.permissions.setValue(
      Object.fromEntries(PERMISSIONS.map((permission) => [permission, preset.permissions.includes(permission)])) as Record<
        Permission,
        boolean
      >,
    );
  }

  protected setExpiry(days: number | null): void {
    this.form.controls.expires.setValue(days === null ? '' : daysFromNow(days));
    this.form.controls.expires.markAsTouched();
  }

  protected isExpiryPreset(days: number | null): boolean {
    return days === null ? this.expires() === '' : this.expires() === daysFromNow(days);
  }

  protected permissionError(): string | null {
    const messages = fieldMessages(this.error(), 'permissions');
    return messages.length > 0 ? messages.join(' ') : null;
  }

  protected scopeError(): string | null {
    if (this.serversMissing()) {
      return 'Choose at least one server, or allow all servers';
    }
    const messages = fieldMessages(this.error(), 'serverIds');
    return messages.length > 0 ? messages.join(' ') : null;
  }

  protected async submit(): Promise<void> {
    if (this.busy()) {
      return;
    }
    const permissions = this.selectedPermissions();
    const scoped = this.form.controls.scope.value === 'some';
    this.serversMissing.set(scoped && this.servers().length === 0);
    if (this.serversMissing()) {
      this.form.markAllAsTouched();
      return;
    }
    if (this.form.invalid || permissions.length === 0) {
      this.form.markAllAsTouched();
      this.error.set(
        permissions.length === 0
          ? { status: 0, code: 'CLIENT_ERROR', message: 'Choose at least one permission.', fields: [], correlationId: null }
          : null,
      );
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { name, expires } = this.form.getRawValue();
    try {
      const response = await firstValueFrom(
        this.api.createToken({
          name: name.trim(),
          permissions,
          serverIds: scoped ? this.servers().map((server) => server.id) : undefined,
          expiresAt: expires ? endOfLocalDay(expires)?.toISOString() : undefined,
        }),
      );
      this.result.set(response);
      // The value is on screen now: a stray click outside must not throw it away.
      this.ref.disableClose = true;
      this.created.emit(response.apiToken);
    } catch (err) {
      const problem = toConsoleError(err);
      const onFields = applyServerErrors(this.form, problem, {});
      const onOwnFields = fieldMessages(problem, 'permissions').length > 0 || fieldMessages(problem, 'serverIds').length > 0;
      this.error.set(onFields && !onOwnFields ? null : problem);
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(token: string): Promise<void> {
    if (await writeClipboard(token)) {
      this.copyHint.set('Copied to the clipboard.');
      this.notifier.success('Token copied to the clipboard');
      return;
    }
    const field = this.tokenField()?.nativeElement;
    if (field) {
      selectText(field);
    }
    this.copyHint.set('Copying is blocked here: the token is selected, press Ctrl+C (⌘C on a Mac).');
    this.notifier.success('Copying is blocked here: the token is selected, press Ctrl+C');
  }

  protected done(): void {
    const created = this.result()?.apiToken;
    this.result.set(null);
    this.ref.close(created);
  }

  private selectedPermissions(): Permission[] {
    const value = this.form.controls.permissions.getRawValue();
    return PERMISSIONS.filter((permission) => value[permission]);
  }
}
