import { Injectable } from '@nestjs/common';
import { Counter, register } from 'prom-client';

const MAX_ENTRIES = 256;

/** The registry part of a list page, rendered once; the live figures are spliced in per request. */
export interface CachedPage {
  ids: string[];
  /** Each item's JSON without its closing brace, so `"health"` and `"metrics"` can follow. */
  openItems: string[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * List pages keyed by the registry revision and the normalised query. A page is served only
 * while the revision it was read at is still the current one, so its registry part is never
 * stale; its live figures are read fresh every time. The bound on entries keeps pages of old
 * revisions from piling up.
 */
@Injectable()
export class ListPageCache {
  private readonly pages = new Map<string, CachedPage>();
  private highestRevision = 0n;
  private readonly lookups = lookupCounter();

  /**
   * A revision lower than one already seen means another history (a restored backup, a
   * failed-over replica): pages cached under the old numbering may collide, so drop them all.
   */
  observe(revision: string): void {
    const current = BigInt(revision);
    if (current < this.highestRevision) {
      this.pages.clear();
    }
    this.highestRevision = current;
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    this.lookups.inc({ result: page ? 'hit' : 'miss' });
    if (page) {
      // Refresh recency: Maps iterate in insertion order.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    if (this.pages.size >= MAX_ENTRIES) {
      const oldest = this.pages.keys().next();
      if (!oldest.done) this.pages.delete(oldest.value);
    }
    this.pages.set(key, page);
  }
}

/** `mcp_list_cache_lookups_total{result}`: list pages served from the cache (hit) or read (miss). */
function lookupCounter(): Counter<'result'> {
  const name = 'mcp_list_cache_lookups_total';
  return (
    (register.getSingleMetric(name) as Counter<'result'> | undefined) ??
    new Counter({ name, help: 'Server list pages served from the cache (hit) or read from the database (miss)', labelNames: ['result'] })
  );
}
