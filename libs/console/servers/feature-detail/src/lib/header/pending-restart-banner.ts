import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { allowedLifecycleActions } from '@mcp-fleet/console/servers/util';
import { AuthStore } from '@mcp-fleet/console/shared/data-access';
import type { LifecycleCommand, McpServerDetail } from '@mcp-fleet/shared/contracts';

import type { PendingAction } from '../server-detail-store';

/**
 * The running process was made from an older config: which paths wait for a restart is the API's
 * verdict (`pendingRestart`, `pendingPaths`), shown as it is, with the restart one click away.
 */
@Component({
  selector: 'mf-pending-restart-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <div class="mf-pending-restart" role="status" aria-live="polite">
      @if (server().pendingRestart) {
        <span class="material-symbols-outlined" aria-hidden="true">restart_alt</span>
        <p>
          Configuration changed since this server started:
          @for (path of server().pendingPaths; track path; let last = $last) {
            <code>{{ path }}</code
            >{{ last ? '.' : ', ' }}
          }
          Restart to apply.
        </p>
        @if (canRestart()) {
          <button mat-flat-button type="button" [disabled]="pending() !== null" (click)="lifecycle.emit('restart')">
            <span class="material-symbols-outlined" aria-hidden="true">restart_alt</span>
            Restart
          </button>
        }
      }
    </div>
  `,
  styles: `
    .mf-pending-restart:not(:empty) {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      padding: 0.75rem 1rem;
      margin-bottom: 1rem;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      p {
        margin: 0;
        flex: 1 1 16rem;
        overflow-wrap: anywhere;
      }
    }
  `,
})
export class PendingRestartBanner {
  private readonly auth = inject(AuthStore);
  readonly server = input.required<McpServerDetail>();
  readonly pending = input<PendingAction | null>(null);
  readonly lifecycle = output<LifecycleCommand>();

  protected readonly canRestart = computed(
    () =>
      this.auth.can('mcp:manage_servers') && allowedLifecycleActions(this.server().state).some((action) => action.command === 'restart'),
  );
}
