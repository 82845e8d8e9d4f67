import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import { queryParams } from '@mcp-fleet/console/shared/data-access';
import type { RegistryImportParams, RegistryImportResponse } from '@mcp-fleet/shared/contracts';

const BASE = '/api/mcp/servers/import/registry';

/** MCP Registry `server.json` import. The document goes as it is: the API alone maps it. */
@Injectable({ providedIn: 'root' })
export class RegistryImportApi {
  private readonly http = inject(HttpClient);

  /** What the document would register; nothing is written. */
  preview(document: unknown, params: RegistryImportParams = {}): Observable<RegistryImportResponse> {
    return this.http.post<RegistryImportResponse>(`${BASE}/preview`, document, { params: queryParams({ ...params }) });
  }

  register(document: unknown, params: RegistryImportParams = {}): Observable<RegistryImportResponse> {
    return this.http.post<RegistryImportResponse>(BASE, document, { params: queryParams({ ...params }) });
  }
}
