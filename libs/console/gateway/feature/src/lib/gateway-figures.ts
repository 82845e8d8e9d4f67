import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';

import type { GatewayFigures } from '@mcp-fleet/shared/contracts';

import { byTraffic, errorRate, latency } from './figures';

/** How the gateway is doing on this replica: traffic, errors, sessions, latency, per server. */
@Component({
  selector: 'mf-gateway-figures',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatTableModule],
  template: `
    <div class="mf-stats">
      <div class="mf-card mf-stat" role="group" aria-labelledby="mf-gw-requests">
        <h3 id="mf-gw-requests">Requests</h3>
        <p class="mf-stat-value">{{ figures().requests | number }}</p>
      </div>
      <div class="mf-card mf-stat" role="group" aria-labelledby="mf-gw-errors" [attr.data-alert]="figures().errors > 0">
        <h3 id="mf-gw-errors">Errors</h3>
        <p class="mf-stat-value">{{ figures().errors | number }}</p>
        <p class="mf-muted">{{ rate() }} of requests</p>
      </div>
      <div class="mf-card mf-stat" role="group" aria-labelledby="mf-gw-sessions">
        <h3 id="mf-gw-sessions">Active sessions</h3>
        <p class="mf-stat-value">{{ figures().activeSessions | number }}</p>
      </div>
      <div class="mf-card mf-stat" role="group" aria-labelledby="mf-gw-latency">
        <h3 id="mf-gw-latency">Latency</h3>
        <p class="mf-stat-value">{{ p50() }}</p>
        <p class="mf-muted">median · p99 {{ p99() }}</p>
      </div>
    </div>

    @if (servers().length > 0) {
      <div class="mf-card mf-table-card">
        <div class="mf-table-scroll">
          <table mat-table [dataSource]="servers()" aria-label="Gateway traffic by server">
            <ng-container matColumnDef="server">
              <th mat-header-cell *matHeaderCellDef scope="col">Server</th>
              <td mat-cell *matCellDef="let row">{{ row.serverName }}</td>
            </ng-container>
            <ng-container matColumnDef="requests">
              <th mat-header-cell *matHeaderCellDef scope="col" class="mf-num">Requests</th>
              <td mat-cell *matCellDef="let row" class="mf-num">{{ row.requests | number }}</td>
            </ng-container>
            <ng-container matColumnDef="errors">
              <th mat-header-cell *matHeaderCellDef scope="col" class="mf-num">Errors</th>
              <td mat-cell *matCellDef="let row" class="mf-num">{{ row.errors | number }}</td>
            </ng-container>
            <ng-container matColumnDef="rate">
              <th mat-header-cell *matHeaderCellDef scope="col" class="mf-num">Error rate</th>
              <td mat-cell *matCellDef="let row" class="mf-num">{{ rateOf(row) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      </div>
    } @else {
      <p class="mf-muted">No requests through the gateway yet.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--mf-gap);
    }
    .mf-stats {
      display: grid;
      gap: var(--mf-gap);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    }
    .mf-stat {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      h3 {
        font: var(--mat-sys-title-small);
        color: var(--mat-sys-on-surface-variant);
      }
      p {
        margin: 0;
      }
      &[data-alert='true'] .mf-stat-value {
        color: var(--mf-bad);
      }
    }
    .mf-stat-value {
      font: var(--mat-sys-headline-medium);
    }
    .mf-table-card {
      padding: 0;
      overflow: hidden;
    }
    table {
      width: 100%;
      background: transparent;
    }
    .mf-num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    p {
      margin: 0;
    }
  `,
})
export class GatewayFiguresPanel {
  readonly figures = input.required<GatewayFigures>();

  protected readonly columns = ['server', 'requests', 'errors', 'rate'];
  protected readonly servers = computed(() => byTraffic(this.figures().byServer));
  protected readonly rate = computed(() => errorRate(this.figures()));
  protected readonly p50 = computed(() => latency(this.figures().p50Ms));
  protected readonly p99 = computed(() => latency(this.figures().p99Ms));

  protected rateOf(row: { requests: number; errors: number }): string {
    return errorRate(row);
  }
}
