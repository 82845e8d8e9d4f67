import { DatePipe } from '@angular/common';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, firstValueFrom, map } from 'rxjs';

import { downloadExport, EventsApi } from '@mcp-fleet/console/events/data-access';
import { type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import {
  AUDIT_RESULTS,
  type AuditEntry,
  type AuditResult,
  EXPORT_FORMATS,
  exportFileName,
  type ExportFormat,
} from '@mcp-fleet/shared/contracts';

import { AuditDetails } from './audit-details';
import {
  ACTION_PATTERN,
  activeFilterCount,
  type AuditFilters,
  EMPTY_FILTERS,
  filtersFromForm,
  filtersFromParams,
  filtersToParams,
  formFromFilters,
  sameFilters,
  toFilterParams,
  toListParams,
} from './audit-filters';

const PAGE_SIZE = 50;

const RESULT_ICONS: Record<AuditResult, string> = { success: 'check_circle', failure: 'error', denied: 'block' };

@Component({
  selector: 'mf-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    AuditDetails,
    EmptyState,
    ErrorState,
    LoadingState,
    PageHeader,
    RelativeTimePipe,
  ],
  // Filters apply while typing, so a bad value is flagged while typing too, not only on blur.
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './audit-page.html',
  styleUrls: ['../shared/admin-tables.scss', './audit-page.scss'],
})
export class AuditPage {
  private readonly eventsApi = inject(EventsApi);
  private readonly notifier = inject(Notifier);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  protected readonly results = AUDIT_RESULTS;
  /** The export under way, if any. */
  protected readonly exporting = signal<ExportFormat | null>(null);
  protected readonly exportFormats = EXPORT_FORMATS;
  protected readonly columns = ['expand', 'time', 'actor', 'action', 'target', 'result', 'request'];
  protected readonly filters = signal<AuditFilters>(EMPTY_FILTERS);
  protected readonly entries = signal<AuditEntry[] | null>(null);
  protected readonly total = signal(0);
  protected readonly nextCursor = signal<number | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly filterCount = computed(() => activeFilterCount(this.filters()));
  /** Each load gets a ticket; an answer for an older ticket (filters changed meanwhile) is dropped. */
  private ticket = 0;

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    actor: ['', Validators.maxLength(254)],
    action: ['', Validators.pattern(ACTION_PATTERN)],
    result: this.fb.control<AuditResult | ''>(''),
    from: [''],
    to: [''],
    targetId: ['', Validators.pattern(/^[A-Za-z0-9._:@-]{1,100}$/)],
    correlationId: ['', Validators.pattern(/^[A-Za-z0-9._:-]{1,128}$/)],
  });

  constructor() {
    this.route.queryParamMap.pipe(map(filtersFromParams), distinctUntilChanged(sameFilters), takeUntilDestroyed()).subscribe((filters) => {
      this.filters.set(filters);
      if (!sameFilters(filtersFromForm(this.form.getRawValue()), filters)) {
        this.form.setValue(formFromFilters(filters), { emitEvent: false });
      }
      void this.load();
    });
    this.form.valueChanges.pipe(debounceTime(350), takeUntilDestroyed()).subscribe(() => {
      if (this.form.valid) {
        void this.applyFilters();
      }
    });
  }

  protected async applyFilters(): Promise<void> {
    const filters = filtersFromForm(this.form.getRawValue());
    if (!sameFilters(filters, this.filters())) {
      // Typing refines one search: replace the history entry instead of stacking one per keystroke.
      await this.router.navigate([], { relativeTo: this.route, queryParams: filtersToParams(filters), replaceUrl: true });
    }
  }

  protected async clearFilters(): Promise<void> {
    this.form.setValue(formFromFilters(EMPTY_FILTERS), { emitEvent: false });
    await this.router.navigate([], { relativeTo: this.route, queryParams: filtersToParams(EMPTY_FILTERS) });
  }

  /** Every entry the filters match (not only the loaded pages), as a download. */
  protected async export(format: ExportFormat): Promise<void> {
    if (this.exporting()) {
      return;
    }
    this.exporting.set(format);
    try {
      const source = this.eventsApi.auditExport(toFilterParams(this.filters()), format);
      await downloadExport(source, exportFileName('audit', format), this.document, this.notifier);
    } finally {
      this.exporting.set(null);
    }
  }

  protected async load(): Promise<void> {
    const ticket = ++this.ticket;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.eventsApi.audit(toListParams(this.filters(), PAGE_SIZE)));
      if (ticket !== this.ticket) {
        return;
      }
      this.entries.set(page.items);
      this.total.set(page.total);
      this.nextCursor.set(page.nextCursor);
      this.expanded.set(new Set());
    } catch (error) {
      if (ticket === this.ticket) {
        this.entries.set(null);
        this.error.set(toConsoleError(error));
      }
    } finally {
      if (ticket === this.ticket) {
        this.loading.set(false);
      }
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore()) {
      return;
    }
    const ticket = this.ticket;
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.eventsApi.audit(toListParams(this.filters(), PAGE_SIZE, cursor)));
      if (ticket !== this.ticket) {
        return;
      }
      this.entries.update((current) => {
        const seen = new Set((current ?? []).map((entry) => entry.seq));
        return [...(current ?? []), ...page.items.filter((entry) => !seen.has(entry.seq))];
      });
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.notifier.error(error, 'Could not load more entries');
    } finally {
      this.loadingMore.set(false);
    }
  }

  /** Table cells are untyped (`let entry`); these keep the lookups type-checked. */
  protected resultIcon(result: AuditResult): string {
    return RESULT_ICONS[result];
  }

  /** Ids are UUIDs: the first block tells rows apart; the full id is in the title and the filter. */
  protected shortId(id: string): string {
    return id.length > 13 ? `${id.slice(0, 8)}…` : id;
  }

  protected toggle(entry: AuditEntry): void {
    this.expanded.update((current) => {
      const next = new Set(current);
      if (!next.delete(entry.id)) {
        next.add(entry.id);
      }
      return next;
    });
  }
}
