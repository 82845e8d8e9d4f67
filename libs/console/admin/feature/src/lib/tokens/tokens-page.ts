import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { catchError, firstValueFrom, forkJoin, of } from 'rxjs';

import { AdminApi } from '@mcp-fleet/console/admin/data-access';
import { type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, PageHeader, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import type { ApiToken, Permission, User } from '@mcp-fleet/shared/contracts';

import { PERMISSION_DESCRIPTIONS, type TokenStatus, tokenStatus } from '../shared/permissions';
import { CreateTokenDialog } from './create-token-dialog';
import { describeScope, ServerDirectory, type ServerNames } from './server-directory';

interface TokenRow {
  token: ApiToken;
  status: TokenStatus;
  creator: string;
  /** "all servers" or the names, and all of them for the tooltip. */
  scope: { text: string; all: string };
}

const STATUS_ICONS: Record<TokenStatus, string> = { active: 'check_circle', expired: 'schedule', revoked: 'block' };
const STATUS_WORDS: Record<TokenStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

@Component({
  selector: 'mf-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    MatProgressSpinnerModule,
    MatTableModule,
    MatTooltipModule,
    EmptyState,
    ErrorState,
    LoadingState,
    PageHeader,
    RelativeTimePipe,
  ],
  templateUrl: './tokens-page.html',
  styleUrls: ['../shared/admin-tables.scss', './tokens-page.scss'],
})
export class TokensPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly directory = inject(ServerDirectory);

  protected readonly columns = ['name', 'prefix', 'permissions', 'expires', 'lastUsed', 'createdBy', 'status', 'actions'];
  protected readonly tokens = signal<ApiToken[] | null>(null);
  /** Emails by user id, to say who created a token; empty if the user list could not be read. */
  private readonly emails = signal<ReadonlyMap<string, string>>(new Map());
  /** Names of the servers scoped tokens name; an id missing here is shown shortened. */
  private readonly serverNames = signal<ServerNames>(new Map());
  protected readonly loadError = signal<ConsoleError | null>(null);
  protected readonly revoking = signal<ReadonlySet<string>>(new Set());
  protected readonly rows = computed<TokenRow[] | null>(() => {
    const tokens = this.tokens();
    const emails = this.emails();
    const names = this.serverNames();
    const now = Date.now();
    return (
      tokens?.map((token) => ({
        token,
        status: tokenStatus(token, now),
        creator: token.createdBy ? (emails.get(token.createdBy) ?? token.createdBy) : '—',
        scope: describeScope(token.serverIds ?? null, names),
      })) ?? null
    );
  });
  protected readonly summary = computed(() => {
    const rows = this.rows() ?? [];
    const active = rows.filter((row) => row.status === 'active').length;
    return `${active} active of ${rows.length}`;
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const { tokens, users } = await firstValueFrom(
        forkJoin({ tokens: this.api.tokens(), users: this.api.users().pipe(catchError(() => of([] as User[]))) }),
      );
      this.emails.set(new Map(users.map((user) => [user.id, user.email])));
      this.tokens.set(tokens);
      void this.loadServerNames(tokens);
    } catch (error) {
      this.tokens.set(null);
      this.loadError.set(toConsoleError(error));
    }
  }

  protected create(): void {
    const ref = this.dialog.open<CreateTokenDialog, void, ApiToken>(CreateTokenDialog, {
      width: '36rem',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    // The dialog lives on to show the value once; the list takes the new row right away.
    ref.componentInstance.created.subscribe((token) => {
      this.tokens.update((list) => [token, ...(list ?? []).filter((item) => item.id !== token.id)]);
      void this.loadServerNames([token]);
      this.notifier.success(`Token ${token.name} created`);
    });
  }

  protected async revoke(token: ApiToken): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke ${token.name}?`,
      message: `Anything using the token starting with ${token.prefix} is refused from now on. This cannot be undone.`,
      confirm: 'Revoke',
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.revoking.update((ids) => new Set(ids).add(token.id));
    try {
      const revoked = await firstValueFrom(this.api.revokeToken(token.id));
      this.tokens.update((list) => (list ?? []).map((item) => (item.id === revoked.id ? revoked : item)));
      this.notifier.success(`Token ${token.name} revoked`);
    } catch (error) {
      this.notifier.error(error, `Could not revoke ${token.name}`);
    } finally {
      this.revoking.update((ids) => {
        const next = new Set(ids);
        next.delete(token.id);
        return next;
      });
    }
  }

  /** Names for the servers scoped tokens name; the list shows without them first (a token's scope is secondary). */
  private async loadServerNames(tokens: readonly ApiToken[]): Promise<void> {
    const known = this.serverNames();
    const missing = tokens.flatMap((token) => token.serverIds ?? []).filter((id) => !known.has(id));
    if (missing.length === 0) {
      return;
    }
    try {
      const found = await firstValueFrom(this.directory.names(missing));
      this.serverNames.update((names) => new Map([...names, ...found]));
    } catch {
      // Ids stay shortened on screen; the list itself is fine.
    }
  }

  /** Table cells are untyped (`let row`); these keep the lookups type-checked. */
  protected statusIcon(status: TokenStatus): string {
    return STATUS_ICONS[status];
  }

  protected statusWord(status: TokenStatus): string {
    return STATUS_WORDS[status];
  }

  protected describe(permission: Permission): string {
    return PERMISSION_DESCRIPTIONS[permission];
  }

  protected shortPermission(permission: Permission): string {
    return permission.replace(/^mcp:/, '');
  }
}
