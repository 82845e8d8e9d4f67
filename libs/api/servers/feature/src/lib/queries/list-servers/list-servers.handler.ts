import { createHash } from 'node:crypto';

import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { INITIAL_HEALTH, INITIAL_METRICS, McpServerRepository, type ServerListPage } from '@mcp-fleet/api/servers/data-access';
import { SERVER_LIMITS, type ServerSortField } from '@mcp-fleet/shared/contracts';

import { LIVE_STATES, withPendingRestart } from '../../domain/pending-restart';
import { toPublicServer } from '../../domain/public-server';
import { toServerMatch } from '../../domain/server-match';
import { type CachedPage, ListPageCache } from './list-page-cache';
import { ListServersQuery, type ListServersResult } from './list-servers.query';
import { LiveFiguresSnapshot } from './live-figures-snapshot';

const NO_FIGURES = { health: JSON.stringify(INITIAL_HEALTH), metrics: JSON.stringify(INITIAL_METRICS) };

@QueryHandler(ListServersQuery)
export class ListServersHandler implements IQueryHandler<ListServersQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly figures: LiveFiguresSnapshot,
    private readonly cache: ListPageCache,
  ) {}

  async execute({ params, serverIds }: ListServersQuery): Promise<ListServersResult> {
    const sort = params.sort ?? 'name';
    const sortDescending = sort.startsWith('-');
    const filter: ServerListPage = {
      ...toServerMatch(params),
      page: params.page ?? 1,
      pageSize: params.pageSize ?? SERVER_LIMITS.defaultPageSize,
      sortField: (sortDescending ? sort.slice(1) : sort) as ServerSortField,
      sortDescending,
    };
    const revision = await this.servers.revision();
    this.cache.observe(revision);
    // A scope of up to 500 ids keys the cache by its digest, not by its text.
    const key = `${revision}|${JSON.stringify(filter)}|${serverIds ? scopeDigest(serverIds) : '*'}`;
    if (serverIds) {
      filter.ids = serverIds;
    }
    // Health is a live figure: it changes without moving the registry revision, so a page chosen
    // by health is read fresh every time.
    const cacheable = filter.health === undefined;
    let page = cacheable ? this.cache.get(key) : undefined;
    if (!page) {
      page = await this.read(filter);
      if (cacheable) {
        this.cache.set(key, page);
      }
    }
    return { json: await this.withFigures(page) };
  }

  /**
   * The registry part of a page. Its drift counts and pending restarts are part of it: what they
   * are made of (a drift count, a run opened or ended) moves the registry revision too.
   */
  private async read(filter: ServerListPage): Promise<CachedPage> {
    const { items, total } = await this.servers.list(filter);
    const launches = await this.servers.launchesOf(items.filter((item) => LIVE_STATES.includes(item.state)).map((item) => item.id));
    return {
      ids: items.map((item) => item.id),
      openItems: items.map((item) => JSON.stringify(toPublicServer(withPendingRestart(item, launches.get(item.id) ?? null))).slice(0, -1)),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** The page's JSON with each item's live figures (at most SNAPSHOT_MAX_AGE_MS old). */
  private async withFigures(page: CachedPage): Promise<string> {
    const figures = await this.figures.current();
    const items = page.openItems.map((open, index) => {
      const live = figures.get(page.ids[index]) ?? NO_FIGURES;
      return `${open},"health":${live.health},"metrics":${live.metrics}}`;
    });
    return `{"items":[${items.join(',')}],"total":${page.total},"page":${page.page},"pageSize":${page.pageSize}}`;
  }
}

function scopeDigest(serverIds: readonly string[]): string {
  return createHash('sha256')
    .update([...serverIds].sort().join(','))
    .digest('base64url');
}
