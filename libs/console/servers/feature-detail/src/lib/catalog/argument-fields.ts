import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FormControl, FormRecord } from '@angular/forms';

import type { CompletionRef } from '@mcp-fleet/shared/contracts';

import { CompletionField } from './completion-field';

/** One named string argument: of a prompt, or a variable of a resource template. */
export interface ArgumentField {
  name: string;
  label: string;
  required: boolean;
  hint: string | null;
}

/**
 * A completion field per argument, or a line saying there are none. Its host takes no box
 * (`display: contents`): the fields lay out as items of the form around it.
 */
@Component({
  selector: 'mf-argument-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CompletionField],
  template: `
    @for (field of fields(); track field.name) {
      <mf-completion-field
        [serverId]="serverId()"
        [ref]="ref()"
        [form]="form()"
        [name]="field.name"
        [label]="field.label"
        [required]="field.required"
        [hint]="field.hint"
        [enabled]="enabled()"
      />
    } @empty {
      <p class="mf-muted">{{ empty() }}</p>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    p {
      margin: 0;
    }
  `,
})
export class ArgumentFields {
  readonly serverId = input.required<string>();
  readonly ref = input.required<CompletionRef>();
  readonly form = input.required<FormRecord<FormControl<string>>>();
  readonly fields = input.required<readonly ArgumentField[]>();
  /** Suggestions are asked for only while the server runs. */
  readonly enabled = input.required<boolean>();
  /** What to say when there is no argument. */
  readonly empty = input.required<string>();
}
