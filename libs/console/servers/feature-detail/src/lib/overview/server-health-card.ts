import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { AuthStore, Notifier } from '@mcp-fleet/console/shared/data-access';
import { HealthBadge, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import type { HealthCheckResult, McpServer, ServerHealth } from '@mcp-fleet/shared/contracts';

/** The last probe's verdict, and a probe on demand. */
@Component({
  selector: 'mf-server-health-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressSpinnerModule, HealthBadge, RelativeTimePipe],
  templateUrl: './server-health-card.html',
  styleUrl: './overview-card.scss',
})
export class ServerHealthCard {
  private readonly api = inject(ServersApi);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  protected readonly canCheck = computed(() => this.auth.can('mcp:manage_servers'));
  readonly server = input.required<McpServer>();
  readonly checked = output<ServerHealth>();

  protected readonly health = computed(() => this.server().health);
  protected readonly running = computed(() => this.server().state === 'running');
  protected readonly checking = signal(false);
  protected readonly result = signal<HealthCheckResult | null>(null);

  protected async check(): Promise<void> {
    if (this.checking()) {
      return;
    }
    this.checking.set(true);
    this.result.set(null);
    try {
      const result = await firstValueFrom(this.api.healthCheck(this.server().id));
      this.result.set(result);
      this.checked.emit(result.health);
    } catch (error) {
      this.notifier.error(error, 'Health check');
    } finally {
      this.checking.set(false);
    }
  }
}
