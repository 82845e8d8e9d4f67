import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { catchError, debounceTime, distinctUntilChanged, filter, map, merge, of, Subject, switchMap } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import {
  EVENT_CATEGORIES,
  EVENT_LIMITS,
  EVENT_SEVERITIES,
  type EventCategory,
  type EventSeverity,
  RESTRICTED_EVENT_CATEGORIES,
} from '@mcp-fleet/shared/contracts';

import { compact, type EventFilters, fromLocalInput, hasFilters, sameFilters, toLocalInput, TYPE_FILTER_PATTERN } from './event-filters';

interface ServerOption {
  id: string;
  name: string;
}

const typeList: ValidatorFn = (control: AbstractControl<string>) => {
  const value = control.value.replace(/\s+/g, '');
  return value === '' || TYPE_FILTER_PATTERN.test(value) ? null : { typeList: true };
};

const text = (validators: ValidatorFn[] = []) => new FormControl('', { nonNullable: true, validators });

/**
 * The filters of the events page. Selects and dates apply at once, typed text after a
 * pause; the page keeps the result in the URL and hands it back here, so a link, the back
 * button or "Clear filters" all land in the same form.
 */
@Component({
  selector: 'mf-event-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './event-filters-bar.html',
  styleUrl: './event-filters-bar.scss',
})
export class EventFiltersBar {
  readonly filters = input.required<EventFilters>();
  /** Whether the reader may see audit and security events (admins). */
  readonly showRestricted = input(false);
  readonly filtersChange = output<EventFilters>();

  private readonly servers = inject(ServersApi);
  protected readonly severities = EVENT_SEVERITIES;
  protected readonly categories = computed(() =>
    EVENT_CATEGORIES.filter((category) => this.showRestricted() || !RESTRICTED_EVENT_CATEGORIES.includes(category)),
  );
  protected readonly searchMax = EVENT_LIMITS.maxSearchLength;
  protected readonly serverOptions = signal<ServerOption[]>([]);
  protected readonly active = computed(() => hasFilters(this.filters()));
  private readonly names = new Map<string, string>();
  private readonly serverQuery = new Subject<string>();

  protected readonly form = new FormGroup({
    server: new FormControl<string | ServerOption>('', { nonNullable: true }),
    type: text([typeList]),
    severity: text(),
    category: text(),
    from: text(),
    to: text(),
    search: text([Validators.maxLength(EVENT_LIMITS.maxSearchLength)]),
  });

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => this.patchFrom(filters));
    });
    const { server, type, severity, category, from, to, search } = this.form.controls;
    merge(server.valueChanges.pipe(filter((value): value is string => typeof value === 'string')), this.serverQuery)
      .pipe(
        map((value) => value.trim()),
        debounceTime(200),
        distinctUntilChanged(),
        switchMap((value) =>
          this.servers.list({ search: value || undefined, pageSize: 20, sort: 'name' }).pipe(catchError(() => of(null))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.serverOptions.set(page?.items.map(({ id, name }) => ({ id, name })) ?? []));
    server.valueChanges
      .pipe(
        filter((value) => value === ''),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.emit());
    merge(type.valueChanges, search.valueChanges)
      .pipe(debounceTime(350), takeUntilDestroyed())
      .subscribe(() => this.emit());
    merge(severity.valueChanges, category.valueChanges, from.valueChanges, to.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.emit());
  }

  protected displayServer = (value: string | ServerOption | null): string => (typeof value === 'string' ? value : (value?.name ?? ''));

  /** The first suggestions appear on focus, before anything is typed. */
  protected serverFocused(): void {
    const value = this.form.controls.server.value;
    this.serverQuery.next(typeof value === 'string' ? value : '');
  }

  protected serverSelected(event: MatAutocompleteSelectedEvent): void {
    const option = event.option.value as ServerOption;
    this.names.set(option.id, option.name);
    this.emit();
  }

  /** Text typed but not picked from the list goes back to the server in force. */
  protected serverBlurred(): void {
    const value = this.form.controls.server.value;
    if (typeof value === 'string' && value.trim() !== '') {
      this.patchServer(this.filters().serverId);
    }
  }

  protected clearAll(): void {
    this.filtersChange.emit({});
  }

  protected removeExtra(key: 'actor' | 'correlationId'): void {
    this.filtersChange.emit(compact({ ...this.filters(), [key]: undefined }));
  }

  private emit(): void {
    const value = this.form.getRawValue();
    const from = fromLocalInput(value.from);
    const to = fromLocalInput(value.to);
    const toControl = this.form.controls.to;
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      // The API refuses this range; say so on the field instead of failing the whole list.
      toControl.setErrors({ order: true });
      toControl.markAsTouched();
      return;
    }
    if (toControl.hasError('order')) {
      toControl.updateValueAndValidity({ emitEvent: false });
    }
    // Each control, not the group: a control's valueChanges fire before its parent's status is updated.
    if (Object.values(this.form.controls).some((control) => control.invalid)) {
      return;
    }
    const [mode, level] = value.severity.split(':') as ['eq' | 'min' | '', EventSeverity | undefined];
    const next = compact({
      serverId: typeof value.server === 'string' ? undefined : value.server.id,
      type: value.type.replace(/\s+/g, '') || undefined,
      severity: mode === 'eq' ? level : undefined,
      minSeverity: mode === 'min' ? level : undefined,
      category: (value.category || undefined) as EventCategory | undefined,
      from,
      to,
      search: value.search.trim() || undefined,
      // Set by links (a correlation id, an actor); the chips above the list remove them.
      actor: this.filters().actor,
      correlationId: this.filters().correlationId,
    });
    if (!sameFilters(next, this.filters())) {
      this.filtersChange.emit(next);
    }
  }

  private patchFrom(filters: EventFilters): void {
    const severity = filters.severity ? `eq:${filters.severity}` : filters.minSeverity ? `min:${filters.minSeverity}` : '';
    const current = this.form.getRawValue();
    this.form.patchValue(
      {
        // Text being typed stays as typed when it already means the same filter.
        type: current.type.replace(/\s+/g, '') === (filters.type ?? '') ? current.type : (filters.type ?? ''),
        search: current.search.trim() === (filters.search ?? '') ? current.search : (filters.search ?? ''),
        severity,
        category: filters.category ?? '',
        from: fromLocalInput(current.from) === filters.from ? current.from : toLocalInput(filters.from),
        to: fromLocalInput(current.to) === filters.to ? current.to : toLocalInput(filters.to),
      },
      { emitEvent: false },
    );
    this.patchServer(filters.serverId);
  }

  private patchServer(serverId: string | undefined): void {
    const control = this.form.controls.server;
    if (!serverId) {
      control.setValue('', { emitEvent: false });
      return;
    }
    const known = this.names.get(serverId);
    control.setValue({ id: serverId, name: known ?? serverId }, { emitEvent: false });
    if (!known) {
      this.servers.get(serverId).subscribe({
        next: (server) => {
          this.names.set(server.id, server.name);
          if (this.filters().serverId === server.id) {
            control.setValue({ id: server.id, name: server.name }, { emitEvent: false });
          }
        },
        // An unknown id (a deleted server) keeps showing the id itself.
        error: () => undefined,
      });
    }
  }
}
