import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormRecord, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { map, startWith, switchMap } from 'rxjs';

import { expandUriTemplate, templateVariables } from '@mcp-fleet/console/servers/util';
import { type CatalogResourceTemplate, type CompletionRef, RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

import { type ArgumentField, ArgumentFields } from './argument-fields';
import { ResourceReader } from './resource-reader';

/** Every variable is needed: an empty one would leave a hole in the URI. */
const REQUIRED: ValidatorFn[] = [(control) => Validators.required(control)];

/** The variables of a resource template, the URI they expand to, and a read of that URI. */
@Component({
  selector: 'mf-resource-template-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, ArgumentFields, ResourceReader],
  template: `
    <form class="mf-panel" [formGroup]="form()" (ngSubmit)="read()">
      <mf-argument-fields
        [serverId]="serverId()"
        [ref]="ref()"
        [form]="form()"
        [fields]="fields()"
        [enabled]="running()"
        empty="This template has no variables."
      />
      <p>
        <span class="mf-muted">Reads </span><code class="mf-break" data-testid="expanded-uri">{{ expanded() }}</code>
      </p>
      @if (tooLong()) {
        <p class="mf-form-error" role="alert">The URI is longer than {{ uriMaxLength }} characters.</p>
      }
      <div class="mf-panel-actions">
        <button mat-flat-button type="submit" [disabled]="!running() || tooLong()">
          <span class="material-symbols-outlined" aria-hidden="true">description</span>
          Read resource
        </button>
        @if (!running()) {
          <span class="mf-muted">Start the server to read its resources.</span>
        }
      </div>
    </form>
    @if (readUri(); as uri) {
      <mf-resource-reader
        [serverId]="serverId()"
        [uri]="uri"
        [mimeType]="template().mimeType ?? null"
        [running]="running()"
        [attempt]="attempt()"
      />
    }
  `,
  styleUrl: './catalog-panel.scss',
})
export class ResourceTemplateForm {
  readonly serverId = input.required<string>();
  readonly template = input.required<CatalogResourceTemplate>();
  readonly running = input.required<boolean>();

  protected readonly uriMaxLength = RESOURCE_READ_LIMITS.uriMaxLength;
  protected readonly variables = computed(() => templateVariables(this.template().uriTemplate));
  protected readonly ref = computed<CompletionRef>(() => ({ type: 'ref/resource', uri: this.template().uriTemplate }));
  protected readonly fields = computed<ArgumentField[]>(() =>
    this.variables().map((name) => ({ name, label: name, required: true, hint: null })),
  );
  protected readonly form = computed(
    () =>
      new FormRecord<FormControl<string>>(
        Object.fromEntries(this.variables().map((name) => [name, new FormControl('', { nonNullable: true, validators: REQUIRED })])),
      ),
  );
  private readonly values = toSignal(
    toObservable(this.form).pipe(
      switchMap((form) =>
        form.valueChanges.pipe(
          startWith(form.getRawValue()),
          map(() => form.getRawValue()),
        ),
      ),
    ),
    { initialValue: {} },
  );
  protected readonly expanded = computed(() => expandUriTemplate(this.template().uriTemplate, this.values()));
  protected readonly tooLong = computed(() => this.expanded().length > this.uriMaxLength);
  protected readonly readUri = signal<string | null>(null);
  protected readonly attempt = signal(0);

  protected read(): void {
    const form = this.form();
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    if (!this.running() || this.tooLong()) {
      return;
    }
    this.readUri.set(this.expanded());
    this.attempt.update((count) => count + 1);
  }
}
