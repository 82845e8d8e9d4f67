import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { catchError, debounceTime, of, switchMap } from 'rxjs';

import { ServerDirectory, type ServerOption } from './server-directory';

/** Chosen servers as chips, added by searching the registry (any fleet size: the API searches). */
@Component({
  selector: 'mf-server-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatAutocompleteModule, MatChipsModule, MatFormFieldModule],
  template: `
    <mat-form-field class="mf-picker">
      <mat-label>Servers</mat-label>
      <mat-chip-grid #grid aria-label="Chosen servers">
        @for (server of chosen(); track server.id) {
          <mat-chip-row (removed)="remove(server)">
            {{ server.name }}
            <button matChipRemove type="button" [attr.aria-label]="'Remove ' + server.name">
              <span class="material-symbols-outlined" aria-hidden="true">cancel</span>
            </button>
          </mat-chip-row>
        }
      </mat-chip-grid>
      <input
        #search
        placeholder="Search servers by name"
        autocomplete="off"
        [matChipInputFor]="grid"
        [matAutocomplete]="options"
        (input)="query.set(search.value)"
      />
      <mat-autocomplete #options="matAutocomplete" (optionSelected)="add($event); search.value = ''; query.set('')">
        @for (option of available(); track option.id) {
          <mat-option [value]="option">{{ option.name }}</mat-option>
        } @empty {
          @if (loaded()) {
            <mat-option disabled>No servers match</mat-option>
          }
        }
      </mat-autocomplete>
      @if (error(); as text) {
        <mat-hint class="mf-error-text" role="alert">{{ text }}</mat-hint>
      } @else {
        <mat-hint>{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    .mf-picker {
      width: 100%;
    }
  `,
})
export class ServerPicker {
  private readonly directory = inject(ServerDirectory);

  readonly chosen = model<ServerOption[]>([]);
  readonly hint = input('The token sees and uses only these');
  /** Shown under the field instead of the hint (the API refused the choice). */
  readonly error = input<string | null>(null);

  protected readonly query = signal('');
  private readonly matches = signal<ServerOption[]>([]);
  protected readonly loaded = signal(false);
  protected readonly available = computed(() => {
    const taken = new Set(this.chosen().map((server) => server.id));
    return this.matches().filter((server) => !taken.has(server.id));
  });

  constructor() {
    toObservable(this.query)
      .pipe(
        debounceTime(150),
        switchMap((text) => this.directory.search(text).pipe(catchError(() => of<ServerOption[]>([])))),
        takeUntilDestroyed(),
      )
      .subscribe((matches) => {
        this.matches.set(matches);
        this.loaded.set(true);
      });
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const server = event.option.value as ServerOption;
    if (!this.chosen().some((item) => item.id === server.id)) {
      this.chosen.update((list) => [...list, server]);
    }
  }

  protected remove(server: ServerOption): void {
    this.chosen.update((list) => list.filter((item) => item.id !== server.id));
  }
}
