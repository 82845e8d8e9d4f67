import {
  HEALTH_STATUSES,
  type HealthStatus,
  type ListServersParams,
  SERVER_SORT_FIELDS,
  SERVER_STATUSES,
  SERVER_TRANSPORTS,
  type ServerFilter,
  type ServerSort,
  type ServerSortField,
  type ServerStatus,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_SORT: ServerSort = 'name';

/** What the list shows, as kept in the URL (so reload, back and shared links keep it). */
export interface ServerListQuery {
  page: number;
  pageSize: number;
  sort: ServerSort;
  search: string;
  status: ServerStatus | null;
  transport: ServerTransport | null;
  type: string;
  tag: string;
  /** Only servers with definitions to approve (`drift=true` in the URL and to the API). */
  needsApproval: boolean;
  health: HealthStatus | null;
  /** true: only enabled servers; false: only disabled ones. */
  enabled: boolean | null;
  /** true: only servers in maintenance; false: only those that are not. */
  maintenance: boolean | null;
  /** Compact rows (a view setting, kept in the URL with the filters so a saved link keeps it). */
  dense: boolean;
}

/** Every filter at its "any" value: what "Clear filters" sets. */
export const NO_FILTERS = {
  search: '',
  status: null,
  transport: null,
  type: '',
  tag: '',
  needsApproval: false,
  health: null,
  enabled: null,
  maintenance: null,
} as const satisfies Partial<ServerListQuery>;

/** Reads query parameters; anything missing or invalid takes its default rather than failing. */
export function parseListQuery(params: { get(name: string): string | null }): ServerListQuery {
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const pageSize = Number.parseInt(params.get('pageSize') ?? '', 10);
  const sort = params.get('sort') ?? '';
  const status = params.get('status');
  const transport = params.get('transport');
  const health = params.get('health');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : PAGE_SIZES[0],
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    search: params.get('search')?.trim() ?? '',
    status: (SERVER_STATUSES as readonly string[]).includes(status ?? '') ? (status as ServerStatus) : null,
    transport: (SERVER_TRANSPORTS as readonly string[]).includes(transport ?? '') ? (transport as ServerTransport) : null,
    type: params.get('type')?.trim() ?? '',
    tag: params.get('tag')?.trim() ?? '',
    needsApproval: params.get('drift') === 'true',
    health: (HEALTH_STATUSES as readonly string[]).includes(health ?? '') ? (health as HealthStatus) : null,
    enabled: booleanParam(params.get('enabled')),
    maintenance: booleanParam(params.get('maintenance')),
    dense: params.get('density') === 'compact',
  };
}

/** The URL form of a query: defaults left out (null removes the parameter), so plain URLs stay plain. */
export function toQueryParams(query: ServerListQuery): Record<string, string | number | null> {
  return {
    page: query.page > 1 ? query.page : null,
    pageSize: query.pageSize !== PAGE_SIZES[0] ? query.pageSize : null,
    sort: query.sort !== DEFAULT_SORT ? query.sort : null,
    search: query.search || null,
    status: query.status,
    transport: query.transport,
    type: query.type || null,
    tag: query.tag || null,
    drift: query.needsApproval ? 'true' : null,
    health: query.health,
    enabled: query.enabled === null ? null : String(query.enabled),
    maintenance: query.maintenance === null ? null : String(query.maintenance),
    density: query.dense ? 'compact' : null,
  };
}

/** The filters alone, as the API takes them (the list, and "select all N matching"). */
export function toFilter(query: ServerListQuery): ServerFilter {
  return {
    search: query.search || undefined,
    status: query.status ?? undefined,
    transport: query.transport ?? undefined,
    type: query.type || undefined,
    tag: query.tag || undefined,
    drift: query.needsApproval ? true : undefined,
    health: query.health ?? undefined,
    enabled: query.enabled ?? undefined,
    maintenance: query.maintenance ?? undefined,
  };
}

export function toListParams(query: ServerListQuery): ListServersParams {
  return { page: query.page, pageSize: query.pageSize, sort: query.sort, ...toFilter(query) };
}

/** Whether any filter narrows the list (as opposed to an empty fleet). */
export function isFiltered(query: ServerListQuery): boolean {
  return (Object.keys(NO_FILTERS) as (keyof typeof NO_FILTERS)[]).some((key) => query[key] !== NO_FILTERS[key]);
}

/** The next query after a change: a new filter or sort starts again at page 1 (a density change keeps the page). */
export function withChange(query: ServerListQuery, change: Partial<ServerListQuery>): ServerListQuery {
  const next = { ...query, ...change };
  const keepsPage = change.page !== undefined || Object.keys(change).every((key) => key === 'dense');
  return keepsPage ? next : { ...next, page: 1 };
}

/** A sort as mat-sort sees it: the field and a direction. */
export function sortState(sort: ServerSort): { field: ServerSortField; direction: 'asc' | 'desc' } {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as ServerSortField, direction: 'desc' }
    : { field: sort as ServerSortField, direction: 'asc' };
}

export function toSort(field: string, direction: 'asc' | 'desc' | ''): ServerSort {
  if (direction === '' || !(SERVER_SORT_FIELDS as readonly string[]).includes(field)) {
    return DEFAULT_SORT;
  }
  return (direction === 'desc' ? `-${field}` : field) as ServerSort;
}

function booleanParam(value: string | null): boolean | null {
  return value === 'true' ? true : value === 'false' ? false : null;
}

function isSort(value: string): value is ServerSort {
  return (SERVER_SORT_FIELDS as readonly string[]).includes(value.startsWith('-') ? value.slice(1) : value);
}
