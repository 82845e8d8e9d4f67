import { afterNextRender, ChangeDetectionStrategy, Component, type ElementRef, inject, Injector, input, viewChildren } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import { SERVER_LIMITS } from '@mcp-fleet/shared/contracts';

import { type ArgRows, createArgControl, errorText } from '../server-form';
import { refreshOnFormEvents } from './form-refresh';

/** The arguments of a stdio command: one row each, in order, passed without a shell. */
@Component({
  selector: 'mf-args-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  templateUrl: './args-editor.html',
  styleUrl: './rows.scss',
})
export class ArgsEditor {
  readonly rows = input.required<ArgRows>();
  /** An error the API reported for the list as a whole. */
  readonly listError = input<string | null>(null);
  private readonly inputs = viewChildren<ElementRef<HTMLInputElement>>('argInput');
  private readonly injector = inject(Injector);
  protected readonly maxArgs = SERVER_LIMITS.maxArgs;
  protected readonly errorText = errorText;

  constructor() {
    refreshOnFormEvents(this.rows);
  }

  protected add(): void {
    this.rows().push(createArgControl());
    this.rows().markAsDirty();
    afterNextRender(() => this.inputs().at(-1)?.nativeElement.focus(), { injector: this.injector });
  }

  protected remove(index: number): void {
    this.rows().removeAt(index);
    this.rows().markAsDirty();
  }

  protected move(index: number, by: -1 | 1): void {
    const rows = this.rows();
    const control = rows.at(index);
    rows.removeAt(index, { emitEvent: false });
    rows.insert(index + by, control);
    rows.markAsDirty();
    // Keep focus on the moved row, so repeated presses keep moving the same argument.
    afterNextRender(() => this.inputs()[index + by]?.nativeElement.focus(), { injector: this.injector });
  }
}
