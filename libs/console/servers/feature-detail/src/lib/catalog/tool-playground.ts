import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormRecord, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type EnumOption, schemaToFields, type ToolField, type ToolFieldValue, valuesToArguments } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, fieldMessages, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { CallToolResponse, CatalogTool } from '@mcp-fleet/shared/contracts';

import { ToolResult } from './tool-result';

/** A form built from the tool's input schema, the call, and what came back. */
@Component({
  selector: 'mf-tool-playground',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ToolResult,
  ],
  templateUrl: './tool-playground.html',
  styleUrls: ['./catalog-panel.scss', './tool-playground.scss'],
})
export class ToolPlayground {
  private readonly api = inject(ServersApi);
  readonly serverId = input.required<string>();
  readonly tool = input.required<CatalogTool>();
  readonly running = input.required<boolean>();

  protected readonly fields = computed(() => schemaToFields(this.tool().inputSchema));
  protected readonly form = computed(
    () =>
      new FormRecord<FormControl<ToolFieldValue>>(
        Object.fromEntries(this.fields().map((field) => [field.name, new FormControl<ToolFieldValue>(field.initial)])),
      ),
  );
  protected readonly calling = signal(false);
  protected readonly response = signal<CallToolResponse | null>(null);
  protected readonly apiError = signal<ConsoleError | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  /** API field errors that name no field of the form (the tool name, the body). */
  protected readonly otherErrors = computed(() => {
    const error = this.apiError();
    const names = new Set(this.fields().map((field) => `arguments.${field.name}`));
    return (error?.fields ?? [])
      .filter((item) => !names.has(item.field))
      .flatMap((item) => item.messages.map((message) => `${item.field}: ${message}`));
  });

  protected optionLabel(option: EnumOption): string {
    return option === null ? 'null' : String(option);
  }

  protected hint(field: ToolField): string {
    const parts = [field.description, field.kind === 'json' ? `${field.typeLabel}, as JSON` : field.typeLabel].filter(Boolean);
    return parts.join(' · ');
  }

  protected async call(): Promise<void> {
    if (this.calling() || !this.running()) {
      return;
    }
    const form = this.form();
    const { arguments: args, errors } = valuesToArguments(this.fields(), form.getRawValue());
    this.showErrors(errors);
    if (!args) {
      return;
    }
    this.calling.set(true);
    this.apiError.set(null);
    this.response.set(null);
    try {
      this.response.set(await firstValueFrom(this.api.callTool(this.serverId(), this.tool().name, args)));
    } catch (error) {
      const problem = toConsoleError(error);
      this.apiError.set(problem);
      const fromApi = Object.fromEntries(
        this.fields()
          .map((field) => [field.name, fieldMessages(problem, `arguments.${field.name}`).join(' ')] as const)
          .filter(([, message]) => message !== ''),
      );
      this.showErrors(fromApi);
    } finally {
      this.calling.set(false);
    }
  }

  private showErrors(errors: Record<string, string>): void {
    this.fieldErrors.set(errors);
    const form = this.form();
    for (const [name, control] of Object.entries(form.controls)) {
      if (errors[name]) {
        control.setErrors({ schema: errors[name] });
        control.markAsTouched();
      } else {
        control.updateValueAndValidity();
      }
    }
  }
}
