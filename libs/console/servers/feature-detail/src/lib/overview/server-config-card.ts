import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { configPairs, protocolSetting, toolPolicySetting } from '@mcp-fleet/console/servers/util';
import { type McpServer, REMOTE_TRANSPORTS } from '@mcp-fleet/shared/contracts';

/** The configuration as stored, with secrets masked: what will run, with which limits. */
@Component({
  selector: 'mf-server-config-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './server-config-card.html',
  styleUrl: './overview-card.scss',
})
export class ServerConfigCard {
  readonly server = input.required<McpServer>();

  protected readonly config = computed(() => this.server().config);
  protected readonly remote = computed(() => REMOTE_TRANSPORTS.includes(this.server().transport));
  protected readonly env = computed(() => configPairs(this.config().env));
  protected readonly headers = computed(() => configPairs(this.config().headers));
  protected readonly protocol = computed(() => protocolSetting(this.config().protocol));
  protected readonly toolPolicy = computed(() => toolPolicySetting(this.config().toolPolicy));

  /** 60000 → "60 s", 1500 → "1500 ms": whole seconds read faster. */
  protected ms(value: number): string {
    return value >= 1000 && value % 1000 === 0 ? `${value / 1000} s` : `${value} ms`;
  }
}
