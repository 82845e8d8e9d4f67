import type { ParamMap, Params } from '@angular/router';

import { AUDIT_RESULTS, type AuditResult, type ListAuditParams } from '@mcp-fleet/shared/contracts';

/** The filters as the URL keeps them (times in ISO-8601 UTC, so a shared link means the same everywhere). */
export type AuditFilters = Required<Pick<ListAuditParams, 'actor' | 'action' | 'targetId' | 'from' | 'to' | 'correlationId'>> & {
  result: AuditResult | '';
};

/** The filters as the form shows them (`from`/`to` in the local time of a datetime-local input). */
export type AuditFilterForm = AuditFilters;

export const FILTER_KEYS = ['actor', 'action', 'result', 'from', 'to', 'targetId', 'correlationId'] as const;

/** Same rule as the API: a dotted action name, or a prefix ending in `*`. */
export const ACTION_PATTERN = /^[a-z0-9_.]{1,100}\*?$/;

export const EMPTY_FILTERS: AuditFilters = { actor: '', action: '', result: '', from: '', to: '', targetId: '', correlationId: '' };

function isResult(value: string): value is AuditResult {
  return (AUDIT_RESULTS as readonly string[]).includes(value);
}

function validIso(value: string): string {
  return value && !Number.isNaN(new Date(value).getTime()) ? value : '';
}

export function filtersFromParams(params: ParamMap): AuditFilters {
  const get = (key: string) => params.get(key)?.trim() ?? '';
  const result = get('result');
  return {
    actor: get('actor'),
    action: get('action'),
    result: isResult(result) ? result : '',
    from: validIso(get('from')),
    to: validIso(get('to')),
    targetId: get('targetId'),
    correlationId: get('correlationId'),
  };
}

/** Query params for the router: empty filters are left out of the URL. */
export function filtersToParams(filters: AuditFilters): Params {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, filters[key] || null]));
}

export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return FILTER_KEYS.every((key) => a[key] === b[key]);
}

export function activeFilterCount(filters: AuditFilters): number {
  return FILTER_KEYS.filter((key) => filters[key] !== '').length;
}

/** ISO → `YYYY-MM-DDTHH:mm` in local time, the value format of `<input type="datetime-local">`. */
export function isoToLocalInput(iso: string): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (no offset, so read as local time) → ISO UTC. */
export function localInputToIso(value: string): string {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function formFromFilters(filters: AuditFilters): AuditFilterForm {
  return { ...filters, from: isoToLocalInput(filters.from), to: isoToLocalInput(filters.to) };
}

export function filtersFromForm(form: AuditFilterForm): AuditFilters {
  return {
    actor: form.actor.trim(),
    action: form.action.trim(),
    result: form.result,
    from: localInputToIso(form.from),
    to: localInputToIso(form.to),
    targetId: form.targetId.trim(),
    correlationId: form.correlationId.trim(),
  };
}

/** Request params for one page: filters that are set, plus paging. */
/** The filters as the API takes them, for a page (`toListParams`) or an export. */
export function toFilterParams(filters: AuditFilters): Omit<ListAuditParams, 'limit' | 'offset' | 'beforeSeq'> {
  return {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    result: filters.result || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    targetId: filters.targetId || undefined,
    correlationId: filters.correlationId || undefined,
  };
}

export function toListParams(filters: AuditFilters, limit: number, beforeSeq?: number): ListAuditParams {
  return { ...toFilterParams(filters), limit, beforeSeq };
}
