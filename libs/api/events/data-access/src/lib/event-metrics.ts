import { Counter, register } from 'prom-client';

import type { FleetEvent } from '@mcp-fleet/shared/contracts';

const NAME = 'mcp_events_total';

/**
 * `mcp_events_total{event_type,severity,category}` in the default Prometheus registry, counted
 * when events are committed. The metrics endpoint exposes the default registry. The counter is
 * shared by every Nest application in the process (tests start several).
 */
export function eventsCounter(): Counter<'event_type' | 'severity' | 'category'> {
  const existing = register.getSingleMetric(NAME) as Counter<'event_type' | 'severity' | 'category'> | undefined;
  return (
    existing ??
    new Counter({
      name: NAME,
      help: 'Events committed to the event store, by type, severity and category',
      labelNames: ['event_type', 'severity', 'category'],
    })
  );
}

export function countEvents(counter: Counter<'event_type' | 'severity' | 'category'>, events: FleetEvent[]): void {
  for (const event of events) {
    counter.inc({ event_type: event.type, severity: event.severity, category: event.category });
  }
}
