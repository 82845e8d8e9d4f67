import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { debounceTime, map } from 'rxjs';

import {
  HEALTH_STATUSES,
  type HealthStatus,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  type ServerStatus,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

import { isFiltered, NO_FILTERS, type ServerListQuery } from './servers-list-query';

type TextFilter = 'search' | 'type' | 'tag';

/** A filter change, and whether it came from typing (so the URL entry is replaced, not stacked). */
export interface FilterChange {
  change: Partial<ServerListQuery>;
  typing: boolean;
}

/** The Enabled select's choices, as its values travel through mat-select (strings). */
const ENABLED_CHOICES: Record<string, boolean | null> = { '': null, yes: true, no: false };

/**
 * Search, State, Health, Transport, Type, Tag, Enabled, In maintenance and Needs approval (tool
 * definitions that drifted). The URL is the source of truth: text fields send
 * what was typed after a pause and take the URL's value back when it changes elsewhere
 * (back, forward, "Clear filters"), without undoing what is being typed.
 */
@Component({
  selector: 'mf-server-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule],
  templateUrl: './server-filters.html',
  styleUrl: './server-filters.scss',
  host: { '[class.mf-dense]': 'dense()' },
})
export class ServerFilters {
  readonly query = input.required<ServerListQuery>();
  /** Compact fields, with the list's compact rows. */
  readonly dense = input(false);
  readonly changed = output<FilterChange>();

  protected readonly statuses = SERVER_STATUSES;
  protected readonly transports = SERVER_TRANSPORTS;
  protected readonly healths = HEALTH_STATUSES;
  protected readonly enabledChoice = computed(() => {
    const enabled = this.query().enabled;
    return enabled === null ? '' : enabled ? 'yes' : 'no';
  });
  protected readonly filtered = computed(() => isFiltered(this.query()));
  protected readonly text: Record<TextFilter, FormControl<string>> = {
    search: new FormControl('', { nonNullable: true }),
    type: new FormControl('', { nonNullable: true }),
    tag: new FormControl('', { nonNullable: true }),
  };
  /** The value of each text field last sent to (or taken from) the URL. */
  private readonly synced: Record<TextFilter, string> = { search: '', type: '', tag: '' };

  constructor() {
    for (const key of Object.keys(this.text) as TextFilter[]) {
      this.text[key].valueChanges
        .pipe(
          map((value) => value.trim()),
          debounceTime(300),
          takeUntilDestroyed(),
        )
        .subscribe((value) => {
          this.synced[key] = value;
          if (value !== this.query()[key]) {
            this.changed.emit({ change: { [key]: value }, typing: true });
          }
        });
    }
    effect(() => {
      const query = this.query();
      for (const key of Object.keys(this.text) as TextFilter[]) {
        if (query[key] !== this.synced[key]) {
          this.synced[key] = query[key];
          this.text[key].setValue(query[key], { emitEvent: false });
        }
      }
    });
  }

  protected setStatus(value: ServerStatus | ''): void {
    this.changed.emit({ change: { status: value || null }, typing: false });
  }

  protected setTransport(value: ServerTransport | ''): void {
    this.changed.emit({ change: { transport: value || null }, typing: false });
  }

  protected setHealth(value: HealthStatus | ''): void {
    this.changed.emit({ change: { health: value || null }, typing: false });
  }

  protected setEnabled(value: string): void {
    this.changed.emit({ change: { enabled: ENABLED_CHOICES[value] ?? null }, typing: false });
  }

  protected setMaintenance(value: boolean): void {
    this.changed.emit({ change: { maintenance: value ? true : null }, typing: false });
  }

  protected setNeedsApproval(value: boolean): void {
    this.changed.emit({ change: { needsApproval: value }, typing: false });
  }

  protected clear(): void {
    this.changed.emit({ change: NO_FILTERS, typing: false });
  }
}
