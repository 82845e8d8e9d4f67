import { DOCUMENT } from '@angular/common';
import { HttpBackend, HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { type LoginResponse, type Permission, ROLE_PERMISSIONS, type User } from '@mcp-fleet/shared/contracts';

/**
 * The signed-in session. The access token lives in memory only; the refresh token is an
 * httpOnly cookie scoped to /api/auth, so a reload restores the session through `restore()`
 * and no script can read the long-lived credential.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  // HttpBackend skips the interceptors: auth calls must not trigger the refresh-on-401 path.
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly document = inject(DOCUMENT);
  private readonly session = signal<{ user: User; accessToken: string; expiresAt: number } | null>(null);
  private refreshing: Promise<boolean> | null = null;
  private restored: Promise<boolean> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  readonly permissions = computed<readonly Permission[]>(() => {
    const user = this.user();
    return user ? ROLE_PERMISSIONS[user.role] : [];
  });

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  can(permission: Permission): boolean {
    return this.permissions().includes(permission);
  }

  async login(email: string, password: string): Promise<User> {
    const response = await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', { email, password }, { withCredentials: true }));
    this.accept(response);
    return response.user;
  }

  /** Restores a session from the refresh cookie once per page load. */
  restore(): Promise<boolean> {
    this.restored ??= this.session() ? Promise.resolve(true) : this.refresh();
    return this.restored;
  }

  /**
   * Trades the refresh cookie for a new access token. Single-flight: the cookie rotates on
   * every use, and a second concurrent call with the old cookie would look like token theft
   * (the API then ends the session). Other tabs share the cookie, so refreshes are also
   * serialised across tabs: the second tab then presents the cookie the first one received.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.acrossTabs(() =>
      firstValueFrom(this.http.post<LoginResponse>('/api/auth/refresh', {}, { withCredentials: true })),
    )
      .then((response) => {
        this.accept(response);
        return true;
      })
      .catch(() => {
        this.session.set(null);
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /**
   * Changes the signed-in user's password. The API ends every session of the user and answers
   * with a new one for this tab (token in the body, cookie rotated): taken under the refresh
   * lock, so no refresh with the old cookie runs meanwhile.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const response = await this.acrossTabs(() =>
      firstValueFrom(
        this.http.post<LoginResponse>(
          '/api/auth/password',
          { currentPassword, newPassword },
          { withCredentials: true, headers: { authorization: `Bearer ${this.accessToken() ?? ''}` } },
        ),
      ),
    );
    this.accept(response);
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/logout', {}, { withCredentials: true }));
    } finally {
      this.session.set(null);
      this.restored = null;
    }
  }

  /** Forgets the session without calling the API (the API already refused it). */
  expire(): void {
    this.session.set(null);
    this.restored = null;
  }

  /** Runs `work` under a lock held by one tab of this origin at a time (Web Locks), where supported. */
  private acrossTabs<T>(work: () => Promise<T>): Promise<T> {
    const locks = this.document.defaultView?.navigator.locks;
    return locks ? (locks.request('mcp-fleet.session-refresh', work) as Promise<T>) : work();
  }

  private accept(response: LoginResponse): void {
    this.session.set({
      user: response.user,
      accessToken: response.accessToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
    });
    this.restored = Promise.resolve(true);
  }
}
