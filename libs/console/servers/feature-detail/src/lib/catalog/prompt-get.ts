import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormRecord, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type PromptArgumentView, promptMessagesView } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, fieldMessages, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { CompletionRef, GetPromptResponse } from '@mcp-fleet/shared/contracts';

import { type ArgumentField, ArgumentFields } from './argument-fields';
import { ContentParts } from './content-parts';

/** A form for the arguments a prompt declares, the get, and the messages that came back. */
@Component({
  selector: 'mf-prompt-get',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatProgressBarModule, ArgumentFields, ContentParts],
  templateUrl: './prompt-get.html',
  styleUrl: './catalog-panel.scss',
})
export class PromptGet {
  private readonly api = inject(ServersApi);
  readonly serverId = input.required<string>();
  readonly prompt = input.required<{ name: string; arguments: PromptArgumentView[] }>();
  readonly running = input.required<boolean>();

  protected readonly ref = computed<CompletionRef>(() => ({ type: 'ref/prompt', name: this.prompt().name }));
  protected readonly fields = computed<ArgumentField[]>(() =>
    this.prompt().arguments.map((arg) => ({
      name: arg.name,
      label: arg.title && arg.title !== arg.name ? `${arg.name} (${arg.title})` : arg.name,
      required: arg.required,
      hint: arg.description,
    })),
  );
  protected readonly form = computed(
    () =>
      new FormRecord<FormControl<string>>(
        Object.fromEntries(
          this.prompt().arguments.map((arg) => [
            arg.name,
            new FormControl('', { nonNullable: true, validators: arg.required ? [(control) => Validators.required(control)] : [] }),
          ]),
        ),
      ),
  );
  protected readonly getting = signal(false);
  protected readonly response = signal<GetPromptResponse | null>(null);
  protected readonly apiError = signal<ConsoleError | null>(null);
  protected readonly messages = computed(() => promptMessagesView(this.response()?.result));
  protected readonly description = computed(() => {
    const text = this.response()?.result.description;
    return typeof text === 'string' && text !== '' ? text : null;
  });

  protected async get(): Promise<void> {
    const form = this.form();
    if (this.getting() || !this.running()) {
      return;
    }
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    // Empty optional arguments are left out rather than sent as "".
    const args = Object.fromEntries(Object.entries(form.getRawValue()).filter(([, value]) => value !== ''));
    this.getting.set(true);
    this.apiError.set(null);
    this.response.set(null);
    try {
      this.response.set(await firstValueFrom(this.api.getPrompt(this.serverId(), this.prompt().name, args)));
    } catch (error) {
      const problem = toConsoleError(error);
      this.apiError.set(problem);
      for (const [name, control] of Object.entries(form.controls)) {
        const message = fieldMessages(problem, `arguments.${name}`).join(' ');
        if (message !== '') {
          control.setErrors({ server: message });
          control.markAsTouched();
        }
      }
    } finally {
      this.getting.set(false);
    }
  }
}
