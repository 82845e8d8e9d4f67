import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';

import { AuthStore } from '@mcp-fleet/console/shared/data-access';

const STATUS_STYLES = `
  .mf-status-page {
    max-width: 40rem;
    margin: 3rem auto;
    text-align: center;
  }
  .mf-status-icon {
    font-size: 3rem;
    width: 3rem;
    height: 3rem;
    color: var(--mat-sys-on-surface-variant);
  }
  .mf-status-url {
    overflow-wrap: anywhere;
  }
  .mf-status-actions {
    display: flex;
    justify-content: center;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1.5rem;
  }
`;

/** Any console URL no route matches: says so (the URL stays as typed), with a way home. */
@Component({
  selector: 'mf-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule],
  styles: STATUS_STYLES,
  template: `
    <section class="mf-status-page" aria-labelledby="mf-status-title">
      <span class="material-symbols-outlined mf-status-icon" aria-hidden="true">search_off</span>
      <h1 id="mf-status-title">Page not found</h1>
      <p>
        There is no page at <code class="mf-status-url">{{ url() }}</code
        >. It may have moved, or the link is mistyped.
      </p>
      <p class="mf-status-actions">
        <a mat-flat-button routerLink="/">Go to the dashboard</a>
        <a mat-button routerLink="/servers">Servers</a>
      </p>
    </section>
  `,
})
export class NotFoundPage {
  private readonly router = inject(Router);
  /** The address as typed: the page is created before the navigation ends, so follow its end. */
  protected readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.getCurrentNavigation()?.finalUrl?.toString() ?? this.router.url },
  );
}

/** Where a permission guard sends a page the role may not open: names the page and what it needs. */
@Component({
  selector: 'mf-no-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule],
  styles: STATUS_STYLES,
  template: `
    <section class="mf-status-page" aria-labelledby="mf-status-title">
      <span class="material-symbols-outlined mf-status-icon" aria-hidden="true">block</span>
      <h1 id="mf-status-title">No access</h1>
      <p>
        @if (page(); as page) {
          Your role ({{ role() }}) may not open <code class="mf-status-url">{{ page }}</code
          >.
        } @else {
          Your role ({{ role() }}) may not open this page.
        }
        @if (needs(); as needs) {
          It needs the permission <code>{{ needs }}</code
          >; an admin can change your role.
        }
      </p>
      <p class="mf-status-actions">
        <a mat-flat-button routerLink="/">Go to the dashboard</a>
      </p>
    </section>
  `,
})
export class NoAccessPage {
  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params)));
  private readonly auth = inject(AuthStore);
  /** Only a console path is echoed back (it is shown as text, never followed). */
  protected readonly page = computed(() => {
    const page = this.query()?.get('page') ?? null;
    return page?.startsWith('/') ? page.slice(0, 200) : null;
  });
  protected readonly needs = computed(() => {
    const needs = this.query()?.get('needs') ?? null;
    return needs && /^[a-z:_]{1,64}$/.test(needs) ? needs : null;
  });
  protected readonly role = computed(() => this.auth.user()?.role ?? 'none');
}
