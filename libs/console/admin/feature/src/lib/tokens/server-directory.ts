import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, forkJoin, map, type Observable, of } from 'rxjs';

import { queryParams } from '@mcp-fleet/console/shared/data-access';
import type { ListServersParams, McpServer, Page } from '@mcp-fleet/shared/contracts';

export interface ServerOption {
  id: string;
  name: string;
}

/** Server names by id; a server that is gone (or unreadable) is left out. */
export type ServerNames = ReadonlyMap<string, string>;

const BASE = '/api/mcp/servers';
/** More than this many ids on one token page are summed up as a count; nobody reads 200 names in a cell. */
export const MAX_NAMED_SERVERS = 100;

/**
 * The two server reads the token pages need: a search for the picker and names for the list.
 * The admin domain does not import the servers data-access (lint boundaries), so these two
 * calls live here, next to their only users.
 */
@Injectable({ providedIn: 'root' })
export class ServerDirectory {
  private readonly http = inject(HttpClient);

  search(text: string, limit = 20): Observable<ServerOption[]> {
    const params: ListServersParams = { pageSize: limit, sort: 'name', search: text.trim() || undefined };
    return this.http
      .get<Page<McpServer>>(BASE, { params: queryParams(params) })
      .pipe(map((page) => page.items.map((server) => ({ id: server.id, name: server.name }))));
  }

  names(ids: readonly string[]): Observable<ServerNames> {
    const unique = [...new Set(ids)].slice(0, MAX_NAMED_SERVERS);
    if (unique.length === 0) {
      return of(new Map());
    }
    return forkJoin(
      unique.map((id) =>
        this.http.get<McpServer>(`${BASE}/${encodeURIComponent(id)}`).pipe(
          map((server): [string, string] | null => [id, server.name]),
          catchError(() => of(null)),
        ),
      ),
    ).pipe(map((pairs) => new Map(pairs.filter((pair): pair is [string, string] => pair !== null))));
  }
}

/** "all servers", or the names (ids of servers that are gone, shortened), at most `shown` of them. */
export function describeScope(serverIds: readonly string[] | null, names: ServerNames, shown = 3): { text: string; all: string } {
  if (serverIds === null) {
    return { text: 'all servers', all: 'All servers, including ones added later' };
  }
  const labels = serverIds.map((id) => names.get(id) ?? `${id.slice(0, 8)}… (removed?)`);
  const text = labels.length <= shown ? labels.join(', ') : `${labels.slice(0, shown).join(', ')} +${labels.length - shown} more`;
  return { text, all: labels.join(', ') };
}
