import { Injectable } from '@nestjs/common';

import type { ListServersResult } from './list-servers.query';

const MAX_ENTRIES = 256;

/**
 * List pages keyed by the registry revision and the normalised query. A page is served
 * only while the revision it was read at is still the current one, so it is never stale;
 * the bound on entries keeps pages of old revisions from piling up.
 */
@Injectable()
export class ListPageCache {
  private readonly pages = new Map<string, ListServersResult>();
  private highestRevision = 0n;

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

  get(key: string): ListServersResult | undefined {
    const page = this.pages.get(key);
    if (page) {
      // Refresh recency: Maps iterate in insertion order.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: ListServersResult): void {
    if (this.pages.size >= MAX_ENTRIES) {
      const oldest = this.pages.keys().next();
      if (!oldest.done) this.pages.delete(oldest.value);
    }
    this.pages.set(key, page);
  }
}
