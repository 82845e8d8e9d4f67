import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import { queryParams } from '@mcp-fleet/console/shared/data-access';
import type { FleetApplyResponse, FleetFormat } from '@mcp-fleet/shared/contracts';

const BASE = '/api/mcp/fleet';

/**
 * The fleet as a document. A document goes to the API as the text it is (YAML, and so JSON,
 * which YAML reads too): the API alone parses, checks and plans it.
 */
@Injectable({ providedIn: 'root' })
export class FleetApi {
  private readonly http = inject(HttpClient);

  /** The export as a Blob: fetched with the access token, then handed to the browser as a download. */
  export(format: FleetFormat): Observable<Blob> {
    return this.http.get(`${BASE}/export`, { params: queryParams({ format }), responseType: 'blob' });
  }

  /** What an apply of `document` would do, per server; nothing is written. */
  plan(document: string, prune: boolean): Observable<FleetApplyResponse> {
    return this.send(document, true, prune);
  }

  /** Applies `document`: each server its own revision, each item its own result. */
  apply(document: string, prune: boolean): Observable<FleetApplyResponse> {
    return this.send(document, false, prune);
  }

  private send(document: string, dryRun: boolean, prune: boolean): Observable<FleetApplyResponse> {
    return this.http.post<FleetApplyResponse>(`${BASE}/apply`, document, {
      params: queryParams({ dryRun, prune }),
      headers: { 'content-type': 'application/yaml' },
    });
  }
}
