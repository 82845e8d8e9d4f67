import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  ApiToken,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  CreateUserRequest,
  UpdateUserRequest,
  User,
} from '@mcp-fleet/shared/contracts';

/** Users and API tokens (admin only). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  users(): Observable<User[]> {
    return this.http.get<User[]>('/api/mcp/users');
  }

  createUser(request: CreateUserRequest): Observable<User> {
    return this.http.post<User>('/api/mcp/users', request);
  }

  updateUser(id: string, request: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`/api/mcp/users/${encodeURIComponent(id)}`, request);
  }

  resetPassword(id: string, password: string): Observable<void> {
    return this.http.post<void>(`/api/mcp/users/${encodeURIComponent(id)}/reset-password`, { password });
  }

  tokens(): Observable<ApiToken[]> {
    return this.http.get<ApiToken[]>('/api/mcp/api-tokens');
  }

  createToken(request: CreateApiTokenRequest): Observable<CreateApiTokenResponse> {
    return this.http.post<CreateApiTokenResponse>('/api/mcp/api-tokens', request);
  }

  revokeToken(id: string): Observable<ApiToken> {
    return this.http.delete<ApiToken>(`/api/mcp/api-tokens/${encodeURIComponent(id)}`);
  }
}
