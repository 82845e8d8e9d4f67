import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { CreateApiTokenRequest, CreateApiTokenResponse, GatewayInfo } from '@mcp-fleet/shared/contracts';

/** The MCP gateway's REST side: where clients connect, its figures, and tokens for clients. */
@Injectable({ providedIn: 'root' })
export class GatewayApi {
  private readonly http = inject(HttpClient);

  info(): Observable<GatewayInfo> {
    return this.http.get<GatewayInfo>('/api/mcp/gateway');
  }

  /** The same route as the admin tokens page (`mcp:admin`); the value is in this response only. */
  createToken(request: CreateApiTokenRequest): Observable<CreateApiTokenResponse> {
    return this.http.post<CreateApiTokenResponse>('/api/mcp/api-tokens', request);
  }
}
