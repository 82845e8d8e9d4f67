import { Injectable } from '@nestjs/common';

import { type FiguresJson, LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';

/** How old the figures spliced into a list page may be. */
export const SNAPSHOT_MAX_AGE_MS = 500;

/**
 * Every server's live figures as JSON text, read at most every SNAPSHOT_MAX_AGE_MS whatever
 * the number of list requests (one query for all, shared by concurrent readers), so a list
 * page served from the cache costs no query for its figures. Health, metrics and uptime in a
 * list are at most half a second old; a server's own page reads them directly.
 */
@Injectable()
export class LiveFiguresSnapshot {
  private figures = new Map<string, FiguresJson>();
  private readAt = 0;
  private reading: Promise<Map<string, FiguresJson>> | undefined;

  constructor(private readonly repository: LiveFiguresRepository) {}

  current(): Promise<Map<string, FiguresJson>> {
    if (Date.now() - this.readAt <= SNAPSHOT_MAX_AGE_MS) {
      return Promise.resolve(this.figures);
    }
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<Map<string, FiguresJson>> {
    const startedAt = Date.now();
    const rows = await this.repository.allFiguresJson();
    this.figures = new Map(rows.map((row) => [row.serverId, row]));
    this.readAt = startedAt;
    return this.figures;
  }
}
