import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { Location } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, LoadingState, PageHeader } from '@mcp-fleet/console/shared/ui';
import { type FieldError, type McpServer, SERVER_LIMITS, SERVER_TRANSPORTS } from '@mcp-fleet/shared/contracts';

import { fieldTarget } from './api-field-paths';
import { AdvancedSettings } from './editors/advanced-settings';
import { ArgsEditor } from './editors/args-editor';
import { ConfigRowsEditor } from './editors/config-rows-editor';
import { refreshOnFormEvents } from './editors/form-refresh';
import { ImportDialog, type ImportDialogResult } from './import/import-dialog';
import { applyTransport, createServerForm, errorText, readServerForm, setServerFormValue } from './server-form';
import {
  emptyFormValue,
  formValueFromImport,
  formValueFromServer,
  isEmptyUpdate,
  isRemoteTransport,
  type ServerFormValue,
  toRegisterRequest,
  toUpdateRequest,
} from './server-form-value';

type ListName = 'args' | 'env' | 'headers';

/** Register a server (`servers/new`) or edit one (`servers/:id/edit`). */
@Component({
  selector: 'mf-server-edit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatSlideToggleModule,
    PageHeader,
    LoadingState,
    ErrorState,
    ArgsEditor,
    ConfigRowsEditor,
    AdvancedSettings,
  ],
  templateUrl: './server-edit-page.html',
  styleUrl: './server-edit-page.scss',
})
export class ServerEditPage {
  /** The server to edit (route `servers/:id/edit`); absent when adding. */
  readonly id = input<string>();

  private readonly api = inject(ServersApi);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly form = createServerForm();
  protected readonly transports = SERVER_TRANSPORTS;
  protected readonly separatorKeys = [ENTER, COMMA];
  protected readonly limits = SERVER_LIMITS;
  protected readonly errorText = errorText;

  protected readonly server = signal<McpServer | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ConsoleError | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ConsoleError | null>(null);
  /** API field errors the form has no place for, listed in the alert above it. */
  protected readonly unplacedErrors = signal<FieldError[]>([]);
  protected readonly listErrors = signal<Partial<Record<ListName, string>>>({});
  protected readonly advancedOpen = signal(false);

  protected readonly transport = toSignal(this.form.controls.transport.valueChanges, { initialValue: this.form.controls.transport.value });
  protected readonly remote = computed(() => isRemoteTransport(this.transport()));
  protected readonly tags = toSignal(this.form.controls.tags.valueChanges, { initialValue: this.form.controls.tags.value });
  protected readonly editing = computed(() => this.id() !== undefined);
  protected readonly title = computed(() => {
    if (!this.editing()) {
      return 'Add server';
    }
    const server = this.server();
    return server ? `Edit ${server.name}` : 'Edit server';
  });

  /** The form as loaded: an update sends only what differs from it. */
  private initial: ServerFormValue = emptyFormValue();

  constructor() {
    refreshOnFormEvents(signal(this.form));
    applyTransport(this.form, this.form.controls.transport.value);
    this.form.controls.transport.valueChanges.subscribe((transport) => applyTransport(this.form, transport));
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id !== undefined) {
          void this.load(id);
        }
      });
    });
  }

  protected async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const server = await firstValueFrom(this.api.get(id));
      this.server.set(server);
      this.initial = formValueFromServer(server);
      setServerFormValue(this.form, this.initial);
      this.form.markAsPristine();
      this.clearApiErrors();
    } catch (error) {
      this.loadError.set(toConsoleError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected retryLoad(): void {
    const id = this.id();
    if (id !== undefined) {
      void this.load(id);
    }
  }

  /** After a version conflict: the current server replaces the form (the user's edits are dropped). */
  protected async reload(): Promise<void> {
    const id = this.id();
    if (id !== undefined) {
      await this.load(id);
      if (!this.loadError()) {
        this.notifier.success('Loaded the latest version. Make your changes again.');
      }
    }
  }

  protected addTag(event: MatChipInputEvent): void {
    const tag = event.value.trim().toLowerCase();
    const tags = this.form.controls.tags;
    if (tag && !tags.value.includes(tag)) {
      tags.setValue([...tags.value, tag]);
      tags.markAsDirty();
    }
    event.chipInput.clear();
  }

  protected removeTag(tag: string): void {
    const tags = this.form.controls.tags;
    tags.setValue(tags.value.filter((t) => t !== tag));
    tags.markAsDirty();
    tags.markAsTouched();
  }

  protected openImport(): void {
    const ref = this.dialog.open<ImportDialog, void, ImportDialogResult>(ImportDialog, {
      width: '48rem',
      maxWidth: 'calc(100vw - 1rem)',
      autoFocus: 'first-tabbable',
    });
    ref.afterClosed().subscribe((result) => {
      if (result?.kind === 'fill') {
        setServerFormValue(this.form, formValueFromImport(readServerForm(this.form), result.server));
        this.form.markAsDirty();
        this.clearApiErrors();
        this.notifier.success(`Filled the form from "${result.server.sourceName}". Review it and save.`);
      }
    });
  }

  protected async save(): Promise<void> {
    if (this.saving()) {
      return;
    }
    this.clearApiErrors();
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      if (this.form.controls.advanced.invalid) {
        this.advancedOpen.set(true);
      }
      this.focusFirstInvalid();
      return;
    }
    const value = readServerForm(this.form);
    const server = this.server();
    this.saving.set(true);
    try {
      if (server) {
        const request = toUpdateRequest(this.initial, value, server.version);
        if (isEmptyUpdate(request)) {
          this.notifier.success('Nothing changed.');
          await this.router.navigate(['/servers', server.id]);
          return;
        }
        const updated = await firstValueFrom(this.api.update(server.id, request));
        this.form.markAsPristine();
        this.notifier.success(`Saved ${updated.name}.`);
        await this.router.navigate(['/servers', updated.id]);
      } else {
        const created = await firstValueFrom(this.api.register(toRegisterRequest(value)));
        this.form.markAsPristine();
        this.notifier.success(`Registered ${created.name}.`);
        await this.router.navigate(['/servers', created.id]);
      }
    } catch (error) {
      this.showApiError(this.notifier.error(error, 'Not saved'));
    } finally {
      this.saving.set(false);
    }
  }

  protected cancel(): void {
    if (this.router.lastSuccessfulNavigation()?.previousNavigation) {
      this.location.back();
      return;
    }
    const server = this.server();
    void this.router.navigate(server ? ['/servers', server.id] : ['/servers']);
  }

  /** Puts every error the API reported on the field it is about; the rest goes above the form. */
  private showApiError(problem: ConsoleError): void {
    this.saveError.set(problem);
    const unplaced: FieldError[] = [];
    if (problem.code === 'SERVER_NAME_TAKEN') {
      this.markControl(this.form.controls.name, [problem.message]);
    }
    for (const field of problem.fields) {
      if (!this.placeFieldError(field)) {
        unplaced.push(field);
      }
    }
    this.unplacedErrors.set(unplaced);
    this.focusFirstInvalid();
  }

  private placeFieldError(field: FieldError): boolean {
    const target = fieldTarget(field.field);
    const messages = field.messages;
    switch (target?.kind) {
      case 'control': {
        const control = this.form.get(target.path);
        if (target.path[0] === 'advanced') {
          this.advancedOpen.set(true);
        }
        return control !== null && control.enabled && this.markControl(control, messages);
      }
      case 'arg': {
        const control = this.form.controls.stdio.controls.args.at(target.index) as AbstractControl | undefined;
        return this.form.controls.stdio.enabled && control !== undefined && this.markControl(control, messages);
      }
      case 'row': {
        const rows = target.list === 'env' ? this.form.controls.stdio.controls.env : this.form.controls.remote.controls.headers;
        const row = rows.controls.find((r) => r.controls.name.value.trim() === target.name);
        return rows.enabled && row !== undefined && this.markControl(row.controls.name, messages);
      }
      case 'list':
        this.listErrors.update((errors) => ({ ...errors, [target.list]: messages.join(' ') }));
        return true;
      case undefined:
        return false;
    }
  }

  private markControl(control: AbstractControl, messages: string[]): boolean {
    control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
    control.markAsTouched();
    return true;
  }

  private clearApiErrors(): void {
    this.saveError.set(null);
    this.unplacedErrors.set([]);
    this.listErrors.set({});
  }

  private focusFirstInvalid(): void {
    afterNextRender(
      () => {
        const invalid = this.document.querySelector<HTMLElement>('mf-server-edit-page [aria-invalid="true"]');
        invalid?.focus();
      },
      { injector: this.injector },
    );
  }
}
