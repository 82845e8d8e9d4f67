import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  Injector,
  input,
  viewChildren,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

import { SERVER_LIMITS } from '@mcp-fleet/shared/contracts';

import { type ConfigRowGroup, type ConfigRows, createConfigRow, errorText, type RowKind } from '../server-form';
import { refreshOnFormEvents } from './form-refresh';

const TEXT = {
  env: { legend: 'Environment variables', add: 'Add variable', name: 'Variable name', item: 'variable', empty: 'No variables.' },
  headers: { legend: 'Headers', add: 'Add header', name: 'Header name', item: 'header', empty: 'No headers.' },
} as const;

/**
 * Env variables or HTTP headers: name, value and a Secret toggle per row. A secret's value
 * is never shown: typed into a password field, and when the server already holds one the
 * field stays empty and says so; left empty, the stored secret is kept.
 */
@Component({
  selector: 'mf-config-rows-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatSlideToggleModule],
  templateUrl: './config-rows-editor.html',
  styleUrl: './rows.scss',
})
export class ConfigRowsEditor {
  readonly rows = input.required<ConfigRows>();
  readonly kind = input.required<RowKind>();
  /** An error the API reported for the list as a whole. */
  readonly listError = input<string | null>(null);
  protected readonly text = computed(() => TEXT[this.kind()]);
  protected readonly max = computed(() => (this.kind() === 'env' ? SERVER_LIMITS.maxEnv : SERVER_LIMITS.maxHeaders));
  protected readonly errorText = errorText;
  private readonly nameInputs = viewChildren<ElementRef<HTMLInputElement>>('nameInput');
  private readonly injector = inject(Injector);

  constructor() {
    refreshOnFormEvents(this.rows);
  }

  protected add(): void {
    this.rows().push(createConfigRow(this.kind()));
    this.rows().markAsDirty();
    afterNextRender(() => this.nameInputs().at(-1)?.nativeElement.focus(), { injector: this.injector });
  }

  protected remove(index: number): void {
    this.rows().removeAt(index);
    this.rows().markAsDirty();
  }

  /** Whether a value is required depends on the toggle: check it again. */
  protected secretChanged(row: ConfigRowGroup): void {
    row.controls.value.updateValueAndValidity();
  }

  protected keepsStored(row: ConfigRowGroup): boolean {
    const { secret, stored, value } = row.getRawValue();
    return secret && stored && value === '';
  }
}
