import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';

import { GatewayApi } from '@mcp-fleet/console/gateway/data-access';
import { type ConsoleError, fieldMessages, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { AUTH_LIMITS, type CreateApiTokenResponse, type Permission } from '@mcp-fleet/shared/contracts';

/** A gateway client needs nothing but the gateway: it cannot read, start or configure anything. */
export const CLIENT_TOKEN_PERMISSIONS: readonly Permission[] = ['mcp:call_tools'];

export const CLIENT_TOKEN_EXPIRY: readonly { label: string; days: number | null }[] = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];

export interface CreateClientTokenData {
  servers: readonly { serverId: string; name: string }[];
}

/** Creates a token for an MCP client and hands it to the page, which shows it once in the snippets. */
@Component({
  selector: 'mf-create-client-token-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
  ],
  templateUrl: './create-client-token-dialog.html',
  styles: `
    .mf-token-form {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding-top: 0.5rem !important;
    }
    mat-form-field {
      width: 100%;
    }
    mat-radio-group {
      display: flex;
      flex-direction: column;
    }
    .mf-fieldset {
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      legend {
        padding: 0 0.25rem;
        font: var(--mat-sys-title-small);
      }
    }
    p {
      margin: 0;
    }
  `,
})
export class CreateClientTokenDialog {
  private readonly api = inject(GatewayApi);
  private readonly ref = inject<MatDialogRef<CreateClientTokenDialog, CreateApiTokenResponse>>(MatDialogRef);
  protected readonly data = inject<CreateClientTokenData>(MAT_DIALOG_DATA);

  protected readonly limits = AUTH_LIMITS;
  protected readonly expiryChoices = CLIENT_TOKEN_EXPIRY;
  protected readonly permissions = CLIENT_TOKEN_PERMISSIONS;
  protected readonly busy = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    name: ['MCP client', [Validators.required, Validators.maxLength(AUTH_LIMITS.tokenNameMaxLength), Validators.pattern(/\S/)]],
    scope: this.fb.control<'all' | 'some'>('all'),
    serverIds: this.fb.control<string[]>([]),
    expiresInDays: this.fb.control<number | null>(90),
  });
  protected readonly scope = toSignal(this.form.controls.scope.valueChanges, { initialValue: this.form.controls.scope.value });
  protected readonly serversMissing = signal(false);

  protected async submit(): Promise<void> {
    if (this.busy()) {
      return;
    }
    const { name, scope, serverIds, expiresInDays } = this.form.getRawValue();
    this.serversMissing.set(scope === 'some' && serverIds.length === 0);
    if (this.form.invalid || this.serversMissing()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await firstValueFrom(
        this.api.createToken({
          name: name.trim(),
          permissions: [...this.permissions],
          serverIds: scope === 'some' ? serverIds : undefined,
          expiresAt: expiresInDays === null ? undefined : new Date(Date.now() + expiresInDays * 86_400_000).toISOString(),
        }),
      );
      this.ref.close(created);
    } catch (err) {
      this.error.set(toConsoleError(err));
    } finally {
      this.busy.set(false);
    }
  }

  protected messages(field: string): string | null {
    const messages = fieldMessages(this.error(), field);
    return messages.length > 0 ? messages.join(' ') : null;
  }
}
