import { ChangeDetectionStrategy, ChangeDetectorRef, Component, effect, inject, input, signal } from '@angular/core';
import { type FormControl, type FormRecord, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, map, merge, type Observable, of, Subject, switchMap } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { CompletionRef } from '@mcp-fleet/shared/contracts';

/** Keystrokes within this window make one completion request. */
export const COMPLETE_DEBOUNCE_MS = 250;
/** Suggestions shown at most (MCP allows a server 100). */
const MAX_SUGGESTIONS = 20;

/**
 * A string argument of a prompt or resource template, with the values the server suggests for
 * what has been typed so far (`completion/complete`), asked for on focus and while typing.
 */
@Component({
  selector: 'mf-completion-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="mf-completion-field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="text"
        autocomplete="off"
        spellcheck="false"
        [formControl]="control()"
        [required]="required()"
        [matAutocomplete]="auto"
        (focus)="focused.next(control().value)"
      />
      <mat-autocomplete #auto="matAutocomplete">
        @for (value of suggestions(); track value) {
          <mat-option [value]="value">{{ value }}</mat-option>
        }
      </mat-autocomplete>
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      <mat-error>{{ control().getError('server') || label() + ' is required' }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    .mf-completion-field {
      width: 100%;
      max-width: 40rem;
    }
  `,
})
export class CompletionField {
  private readonly api = inject(ServersApi);

  readonly serverId = input.required<string>();
  /** The prompt or resource template the argument belongs to. */
  readonly ref = input.required<CompletionRef>();
  /** The form holding every argument: the others are sent as context. */
  readonly form = input.required<FormRecord<FormControl<string>>>();
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly required = input(false);
  readonly hint = input<string | null>(null);
  /** Suggestions are asked for only while the server runs. */
  readonly enabled = input(true);

  protected readonly suggestions = signal<string[]>([]);
  protected readonly focused = new Subject<string>();
  protected control(): FormControl<string> {
    return this.form().controls[this.name()];
  }

  constructor() {
    const changes = inject(ChangeDetectorRef);
    // The form is touched and given errors from outside (a submit, the API's answer): this
    // OnPush view must show them although none of its inputs changed.
    effect((onCleanup) => {
      const subscription = this.control().events.subscribe(() => changes.markForCheck());
      onCleanup(() => subscription.unsubscribe());
    });
    effect((onCleanup) => {
      const control = this.control();
      this.unsupported = false;
      const ask = this.suggest.bind(this, this.serverId(), this.ref(), this.name(), this.enabled());
      const subscription = merge(this.focused, control.valueChanges)
        .pipe(
          debounceTime(COMPLETE_DEBOUNCE_MS),
          map((value) => value ?? ''),
          distinctUntilChanged(),
          switchMap((value) => ask(value)),
        )
        .subscribe((values) => this.suggestions.set(values));
      onCleanup(() => subscription.unsubscribe());
    });
  }

  /** Set when the server refused to complete (no completions capability): typing asks no more. */
  private unsupported = false;

  private suggest(serverId: string, ref: CompletionRef, name: string, enabled: boolean, value: string): Observable<string[]> {
    if (!enabled || this.unsupported) {
      return of([]);
    }
    const others = Object.fromEntries(Object.entries(this.form().getRawValue()).filter(([key, text]) => key !== name && text !== ''));
    return this.api
      .complete(serverId, { ref, argument: { name, value }, ...(Object.keys(others).length > 0 ? { context: { arguments: others } } : {}) })
      .pipe(
        map((response) => response.completion.values.slice(0, MAX_SUGGESTIONS)),
        // Suggestions are a convenience: a failure leaves the field a plain input. A refusal
        // (4xx: the server does not complete) stops further asking; anything else may pass.
        catchError((error: unknown) => {
          const status = toConsoleError(error).status;
          this.unsupported = status >= 400 && status < 500;
          return of([]);
        }),
      );
  }
}
