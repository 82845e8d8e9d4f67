import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AdminApi } from '@mcp-fleet/console/admin/data-access';
import { AuthStore, type ConsoleError, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, PageHeader, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import { type Role, ROLES, type User } from '@mcp-fleet/shared/contracts';

import { ROLE_DESCRIPTIONS } from '../shared/permissions';
import { CreateUserDialog } from './create-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

@Component({
  selector: 'mf-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    MatMenuModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatTableModule,
    EmptyState,
    ErrorState,
    LoadingState,
    PageHeader,
    RelativeTimePipe,
  ],
  templateUrl: './users-page.html',
  styleUrls: ['../shared/admin-tables.scss', './users-page.scss'],
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);

  protected readonly roles = ROLES;
  protected readonly roleDescriptions = ROLE_DESCRIPTIONS;
  protected readonly columns = ['email', 'displayName', 'role', 'status', 'lastLogin', 'created', 'actions'];
  protected readonly users = signal<User[] | null>(null);
  protected readonly loadError = signal<ConsoleError | null>(null);
  /** The API's refusal to leave the fleet without an admin stays on screen until dismissed. */
  protected readonly lastAdminError = signal<ConsoleError | null>(null);
  /** Ids of users with an action in flight (their row's controls are disabled meanwhile). */
  protected readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);
  protected readonly summary = computed(() => {
    const list = this.users() ?? [];
    const admins = list.filter((user) => user.role === 'admin' && !user.disabled).length;
    return `${list.length} ${list.length === 1 ? 'user' : 'users'}, ${admins} active ${admins === 1 ? 'admin' : 'admins'}`;
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.users.set(await firstValueFrom(this.api.users()));
    } catch (error) {
      this.users.set(null);
      this.loadError.set(toConsoleError(error));
    }
  }

  protected isPending(user: User): boolean {
    return this.pending().has(user.id);
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open<CreateUserDialog, void, User>(CreateUserDialog, {
      width: '32rem',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    const user = await firstValueFrom(ref.afterClosed());
    if (user) {
      this.users.update((list) => [...(list ?? []), user]);
      this.notifier.success(`User ${user.email} created as ${user.role}`);
    }
  }

  protected async changeRole(user: User, change: MatSelectChange<Role>): Promise<void> {
    const role = change.value;
    const self = user.id === this.meId();
    if (role === user.role) {
      return;
    }
    // Every role change is confirmed: a promotion hands over the fleet, a demotion takes it away.
    const name = user.displayName || user.email;
    const confirmed = await confirmAction(
      this.dialog,
      self && ROLE_RANK[role] < ROLE_RANK[user.role]
        ? {
            title: 'Change your own role?',
            message: `You will become ${role} and lose access to the admin pages (users, API tokens, audit log) right away.`,
            confirm: `Make me ${role}`,
            danger: true,
          }
        : {
            title: `Make ${name} ${role}?`,
            message: `${user.email} goes from ${user.role} to ${role}: ${ROLE_DESCRIPTIONS[role]}`,
            confirm: `Make ${role}`,
            danger: ROLE_RANK[role] > ROLE_RANK[user.role],
          },
    );
    if (!confirmed) {
      change.source.value = user.role;
      return;
    }
    const updated = await this.update(user, { role }, `Role of ${user.email} changed to ${role}`);
    if (!updated) {
      change.source.value = user.role;
    } else if (self && role !== 'admin') {
      // The session still carries the old role: take the new one and leave the admin pages.
      await this.auth.refresh();
      await this.router.navigateByUrl('/');
    }
  }

  protected async toggleDisabled(user: User): Promise<void> {
    const name = user.displayName || user.email;
    const disable = !user.disabled;
    const confirmed = await confirmAction(this.dialog, {
      title: disable ? `Disable ${name}?` : `Enable ${name}?`,
      message: disable
        ? `${user.email} is signed out everywhere and cannot sign in until enabled again. Their API tokens are not affected.`
        : `${user.email} can sign in again with their current password.`,
      confirm: disable ? 'Disable' : 'Enable',
      danger: disable,
    });
    if (confirmed) {
      await this.update(user, { disabled: disable }, `${user.email} ${disable ? 'disabled' : 'enabled'}`);
    }
  }

  protected async resetPassword(user: User): Promise<void> {
    const ref = this.dialog.open<ResetPasswordDialog, User, boolean>(ResetPasswordDialog, {
      data: user,
      width: '32rem',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    if (!(await firstValueFrom(ref.afterClosed()))) {
      return;
    }
    if (user.id === this.meId()) {
      // The API revoked every session of this user, this one included.
      this.auth.expire();
      this.notifier.success('Your password was changed; sign in with the new one');
      await this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
      return;
    }
    this.notifier.success(`Password of ${user.email} reset; they were signed out everywhere`);
  }

  private async update(user: User, changes: { role?: Role; disabled?: boolean }, done: string): Promise<boolean> {
    this.setPending(user.id, true);
    this.lastAdminError.set(null);
    try {
      const updated = await firstValueFrom(this.api.updateUser(user.id, changes));
      this.users.update((list) => (list ?? []).map((item) => (item.id === updated.id ? updated : item)));
      this.notifier.success(done);
      return true;
    } catch (error) {
      const problem = this.notifier.error(error, `Could not update ${user.email}`);
      if (problem.code === 'LAST_ADMIN') {
        this.lastAdminError.set(problem);
      }
      return false;
    } finally {
      this.setPending(user.id, false);
    }
  }

  private setPending(id: string, on: boolean): void {
    this.pending.update((current) => {
      const next = new Set(current);
      if (on) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  }
}
