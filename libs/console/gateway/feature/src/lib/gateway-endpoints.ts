import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { StateBadge } from '@mcp-fleet/console/shared/ui';
import { type GatewayInfo, SERVER_STATES, type ServerState } from '@mcp-fleet/shared/contracts';

import { CopyButton } from './copy-button';

type EndpointRow = GatewayInfo['servers'][number] & { badge: ServerState | null };

/** Where MCP clients connect: the fleet endpoint and one endpoint per server. */
@Component({
  selector: 'mf-gateway-endpoints',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, RouterLink, StateBadge, CopyButton],
  template: `
    <div class="mf-card mf-fleet-url">
      <div class="mf-fleet-text">
        <h3 id="mf-fleet-url-label">Fleet endpoint</h3>
        <p class="mf-muted">
          Every server's tools in one place, named <code>&lt;server&gt;{{ info().separator }}&lt;tool&gt;</code>. Speaks Streamable HTTP ({{
            info().protocolVersions.join(', ')
          }}).
        </p>
        <code #fleetUrl class="mf-url" data-testid="fleet-url">{{ info().fleetUrl }}</code>
      </div>
      <mf-copy-button [text]="info().fleetUrl" label="Copy fleet endpoint URL" what="Fleet URL" [fallback]="fleetUrl" />
    </div>

    @if (rows().length > 0) {
      <div class="mf-card mf-table-card">
        <div class="mf-table-scroll">
          <table mat-table [dataSource]="rows()" aria-label="Server endpoints">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef scope="col">Server</th>
              <td mat-cell *matCellDef="let row">
                <a [routerLink]="['/servers', row.serverId]">{{ row.name }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef scope="col">State</th>
              <td mat-cell *matCellDef="let row">
                @if (row.badge) {
                  <mf-state-badge [state]="row.badge" />
                } @else {
                  {{ row.state }}
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="tools">
              <th mat-header-cell *matHeaderCellDef scope="col">Tools exposed</th>
              <td mat-cell *matCellDef="let row">
                {{ row.enabledTools }} of {{ row.tools }}
                @if (row.enabledTools < row.tools) {
                  <span class="mf-muted">({{ row.tools - row.enabledTools }} hidden)</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="url">
              <th mat-header-cell *matHeaderCellDef scope="col">Endpoint</th>
              <td mat-cell *matCellDef="let row">
                <div class="mf-url-cell">
                  <code #serverUrl class="mf-url">{{ row.url }}</code>
                  <mf-copy-button
                    [text]="row.url"
                    [label]="'Copy endpoint URL of ' + row.name"
                    what="Server URL"
                    [fallback]="serverUrl"
                    [iconOnly]="true"
                  />
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" [class.mf-row-idle]="row.state !== 'running'"></tr>
          </table>
        </div>
      </div>
      @if (idle() > 0) {
        <p class="mf-muted">
          {{ idle() }} {{ idle() === 1 ? 'server is' : 'servers are' }} not running: clients see their tools once they run.
        </p>
      }
    } @else {
      <p class="mf-muted">No servers registered yet: the fleet endpoint answers, with no tools.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--mf-gap);
    }
    p {
      margin: 0;
    }
    .mf-fleet-url {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 0.75rem 1rem;
    }
    .mf-fleet-text {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      min-width: 0;
      h3 {
        font: var(--mat-sys-title-medium);
      }
    }
    .mf-url {
      overflow-wrap: anywhere;
      white-space: normal;
    }
    .mf-fleet-url .mf-url {
      font-size: 1rem;
    }
    // In the table the URL stays on one line; the table scrolls sideways on a phone instead.
    .mf-url-cell {
      display: flex;
      align-items: center;
      gap: 0.25rem;
      .mf-url {
        overflow-wrap: normal;
        white-space: nowrap;
      }
    }
    .mf-table-card {
      padding: 0;
      overflow: hidden;
    }
    table {
      width: 100%;
      background: transparent;
    }
  `,
})
export class GatewayEndpoints {
  readonly info = input.required<GatewayInfo>();

  protected readonly columns = ['name', 'state', 'tools', 'url'];
  protected readonly rows = computed<EndpointRow[]>(() =>
    this.info().servers.map((server) => ({
      ...server,
      badge: (SERVER_STATES as readonly string[]).includes(server.state) ? (server.state as ServerState) : null,
    })),
  );
  protected readonly idle = computed(() => this.info().servers.filter((server) => server.state !== 'running').length);
}
