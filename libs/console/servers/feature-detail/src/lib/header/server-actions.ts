import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { actionBlockedBy, allowedLifecycleActions } from '@mcp-fleet/console/servers/util';
import { AuthStore } from '@mcp-fleet/console/shared/data-access';
import type { LifecycleCommand, McpServer } from '@mcp-fleet/shared/contracts';

import type { PendingAction } from '../server-detail-store';

/** The buttons of the page header: what the state machine allows now, and what the role may do. */
@Component({
  selector: 'mf-server-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink],
  template: `
    @if (canManage()) {
      @for (action of actions(); track action.command) {
        <button
          mat-flat-button
          type="button"
          [disabled]="pending() !== null || blocked(action.command) !== null"
          [attr.aria-describedby]="blocked(action.command) ? 'mf-start-blocked' : null"
          (click)="lifecycle.emit(action.command)"
        >
          <span class="material-symbols-outlined" aria-hidden="true">{{ action.icon }}</span>
          {{ action.label }}
        </button>
      }
      @if (startBlocked(); as why) {
        <span id="mf-start-blocked" class="mf-blocked">{{ why }}</span>
      }
    }
    @if (canConfigure()) {
      @if (pending() === null) {
        <a mat-stroked-button [routerLink]="['/servers', server().id, 'edit']">
          <span class="material-symbols-outlined" aria-hidden="true">edit</span>
          Edit
        </a>
      } @else {
        <button mat-stroked-button type="button" disabled>
          <span class="material-symbols-outlined" aria-hidden="true">edit</span>
          Edit
        </button>
      }
      <button
        mat-stroked-button
        type="button"
        class="mf-delete"
        [disabled]="pending() !== null || server().state === 'stopping'"
        (click)="deleteServer.emit()"
      >
        <span class="material-symbols-outlined" aria-hidden="true">delete</span>
        {{ server().state === 'stopped' ? 'Delete' : 'Stop and delete' }}
      </button>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .mf-blocked {
      align-self: center;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .mf-delete:not(:disabled) {
      color: var(--mat-sys-error);
    }
  `,
})
export class ServerActions {
  private readonly auth = inject(AuthStore);
  readonly server = input.required<McpServer>();
  readonly pending = input<PendingAction | null>(null);
  readonly lifecycle = output<LifecycleCommand>();
  readonly deleteServer = output<void>();

  protected readonly actions = computed(() => allowedLifecycleActions(this.server().state));
  /** Shown once next to the buttons: why Start and Restart cannot be used (a disabled server). */
  protected readonly startBlocked = computed(() => (this.actions().length > 0 ? actionBlockedBy('start', this.server()) : null));
  protected readonly canManage = computed(() => this.auth.can('mcp:manage_servers'));
  protected readonly canConfigure = computed(() => this.auth.can('mcp:configure_servers'));

  protected blocked(command: LifecycleCommand): string | null {
    return actionBlockedBy(command, this.server());
  }
}
