import {
  EVENT_CATEGORIES,
  EVENT_SEVERITIES,
  type EventCategory,
  type EventSeverity,
  type FleetEvent,
  type ListEventsParams,
} from '@mcp-fleet/shared/contracts';

/** The filters of the events page, as kept in the URL's query parameters. */
export interface EventFilters {
  serverId?: string;
  /** One type or several, comma-separated; `prefix*` matches a prefix. */
  type?: string;
  severity?: EventSeverity;
  /** This severity and worse. */
  minSeverity?: EventSeverity;
  category?: EventCategory;
  /** ISO-8601, inclusive. */
  from?: string;
  /** ISO-8601, exclusive. */
  to?: string;
  search?: string;
  actor?: string;
  correlationId?: string;
}

export const FILTER_KEYS = [
  'serverId',
  'type',
  'severity',
  'minSeverity',
  'category',
  'from',
  'to',
  'search',
  'actor',
  'correlationId',
] as const satisfies readonly (keyof EventFilters)[];

/** Event types as the API accepts them: up to 20, comma-separated, each optionally ending in `*`. */
export const TYPE_FILTER_PATTERN = /^[a-z0-9_.]+\*?(,[a-z0-9_.]+\*?){0,19}$/;

const isSeverity = (value: string): value is EventSeverity => (EVENT_SEVERITIES as readonly string[]).includes(value);
const isCategory = (value: string): value is EventCategory => (EVENT_CATEGORIES as readonly string[]).includes(value);
const isDate = (value: string) => !Number.isNaN(Date.parse(value));

/**
 * Filters from query parameters. Values the API would refuse (a hand-edited URL) are
 * dropped, so a bad link shows everything rather than an error.
 */
export function filtersFromParams(get: (key: string) => string | null): EventFilters {
  const filters: EventFilters = {};
  const text = (key: keyof EventFilters) => get(key)?.trim() || undefined;
  filters.serverId = text('serverId');
  const type = text('type')?.replace(/\s+/g, '');
  filters.type = type && TYPE_FILTER_PATTERN.test(type) ? type : undefined;
  const severity = text('severity');
  filters.severity = severity && isSeverity(severity) ? severity : undefined;
  const minSeverity = text('minSeverity');
  filters.minSeverity = minSeverity && isSeverity(minSeverity) ? minSeverity : undefined;
  const category = text('category');
  filters.category = category && isCategory(category) ? category : undefined;
  const from = text('from');
  filters.from = from && isDate(from) ? from : undefined;
  const to = text('to');
  filters.to = to && isDate(to) ? to : undefined;
  filters.search = text('search');
  filters.actor = text('actor');
  filters.correlationId = text('correlationId');
  return compact(filters);
}

/** The filters without empty keys. */
export function compact(filters: EventFilters): EventFilters {
  const kept: EventFilters = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') {
      Object.assign(kept, { [key]: value });
    }
  }
  return kept;
}

export function sameFilters(a: EventFilters, b: EventFilters): boolean {
  return FILTER_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

export function hasFilters(filters: EventFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** The list request for these filters (the API takes the same names). */
export function listParams(filters: EventFilters, extra: Pick<ListEventsParams, 'limit' | 'beforeSeq'> = {}): ListEventsParams {
  return { ...compact(filters), ...extra };
}

/**
 * Whether a live event belongs in the list under these filters: the same rules the API
 * applies to the history, so a prepended event is one the next reload would show too.
 */
export function matchesFilters(event: FleetEvent, filters: EventFilters): boolean {
  if (filters.serverId && event.serverId !== filters.serverId) return false;
  if (filters.severity && event.severity !== filters.severity) return false;
  if (filters.minSeverity && EVENT_SEVERITIES.indexOf(event.severity) < EVENT_SEVERITIES.indexOf(filters.minSeverity)) return false;
  if (filters.category && event.category !== filters.category) return false;
  if (filters.correlationId && event.correlationId !== filters.correlationId) return false;
  if (filters.actor && event.actor.id !== filters.actor && event.actor.name !== filters.actor) return false;
  const time = Date.parse(event.timestamp);
  if (filters.from && time < Date.parse(filters.from)) return false;
  if (filters.to && time >= Date.parse(filters.to)) return false;
  if (filters.type && !filters.type.split(',').some((type) => typeMatches(event.type, type))) return false;
  if (filters.search) {
    const needle = filters.search.toLowerCase();
    const haystacks = [event.message, event.type, event.serverName ?? ''];
    if (!haystacks.some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function typeMatches(type: string, pattern: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

/** `2026-11-25T04:26` (local, as a datetime-local input shows it) from an ISO time. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** ISO-8601 UTC from a datetime-local value (read as local time); undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
