import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTooltipModule } from '@angular/material/tooltip';
import { catchError, map, merge, of, Subject, switchMap, timer } from 'rxjs';

import { GatewayApi } from '@mcp-fleet/console/gateway/data-access';
import { AuthStore, type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, LoadingState, PageHeader } from '@mcp-fleet/console/shared/ui';
import type { CreateApiTokenResponse, GatewayInfo } from '@mcp-fleet/shared/contracts';

import { type CreateClientTokenData, CreateClientTokenDialog } from './create-client-token-dialog';
import { GatewayEndpoints } from './gateway-endpoints';
import { GatewayFiguresPanel } from './gateway-figures';
import { GatewaySnippets } from './gateway-snippets';

/** The figures move while the page is open; the endpoints rarely do. */
const REFRESH_MS = 15_000;

type Loaded = { info: GatewayInfo; error: null } | { info: null; error: ConsoleError };

/**
 * The MCP gateway: where clients connect, configuration to paste into them (with a token made
 * here, shown once), and how the gateway is doing.
 */
@Component({
  selector: 'mf-gateway-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatTooltipModule,
    ErrorState,
    LoadingState,
    PageHeader,
    GatewayEndpoints,
    GatewayFiguresPanel,
    GatewaySnippets,
  ],
  templateUrl: './gateway-page.html',
  styleUrl: './gateway-page.scss',
})
export class GatewayPage {
  private readonly api = inject(GatewayApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  private readonly refresh$ = new Subject<void>();

  /** Creating API tokens is an admin right (the API tokens route is behind `mcp:admin`). */
  protected readonly canCreateToken = computed(() => this.auth.can('mcp:admin'));
  protected readonly info = signal<GatewayInfo | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  /** The new token's value: kept in this page only, and gone when it is left or reloaded. */
  protected readonly created = signal<CreateApiTokenResponse | null>(null);

  constructor() {
    merge(timer(0, REFRESH_MS), this.refresh$)
      .pipe(
        switchMap(() =>
          this.api.info().pipe(
            map((info): Loaded => ({ info, error: null })),
            catchError((error: unknown) => of<Loaded>({ info: null, error: toConsoleError(error) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((loaded) => {
        // A failed refresh keeps the last figures on screen; the error shows only with nothing to show.
        if (loaded.info) {
          this.info.set(loaded.info);
        }
        this.error.set(loaded.error);
      });
  }

  protected refresh(): void {
    this.refresh$.next();
  }

  protected createToken(): void {
    const data: CreateClientTokenData = { servers: this.info()?.servers ?? [] };
    this.dialog
      .open<CreateClientTokenDialog, CreateClientTokenData, CreateApiTokenResponse>(CreateClientTokenDialog, {
        data,
        width: '34rem',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((created) => {
        if (created) {
          this.created.set(created);
          this.notifier.success(`Token ${created.apiToken.name} created: copy it from the snippets now`);
        }
      });
  }

  protected forgetToken(): void {
    this.created.set(null);
  }
}
