import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';

import type { ConsoleError } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, relativeTime } from '@mcp-fleet/console/shared/ui';
import type { EventSeverity, FleetEvent } from '@mcp-fleet/shared/contracts';

import type { LoadStatus } from './dashboard-store';

const SEVERITY_ICONS: Record<EventSeverity, string> = {
  debug: 'bug_report',
  info: 'info',
  warning: 'warning',
  error: 'error',
  critical: 'crisis_alert',
};

/** The newest events, newest first, as they happen. */
@Component({
  selector: 'mf-live-events-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyState, ErrorState, LoadingState],
  templateUrl: './live-events-panel.html',
  styleUrl: './live-events-panel.scss',
})
export class LiveEventsPanel {
  readonly events = input.required<readonly FleetEvent[]>();
  readonly status = input.required<LoadStatus>();
  readonly error = input<ConsoleError | null>(null);
  /** False for callers without `mcp:view_events`. */
  readonly allowed = input(true);
  /** The page's clock, so "2 min ago" keeps counting. */
  readonly now = input(0);
  readonly retry = output<void>();

  protected readonly icons = SEVERITY_ICONS;

  protected ago(timestamp: string): string {
    return relativeTime(timestamp, Math.max(this.now(), Date.parse(timestamp)));
  }
}
