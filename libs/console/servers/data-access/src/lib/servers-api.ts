import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import { queryParams } from '@mcp-fleet/console/shared/data-access';
import type {
  BulkOperation,
  BulkOperationResponse,
  CallToolResponse,
  CatalogList,
  CatalogTool,
  CommandResult,
  FleetOverview,
  HealthCheckResult,
  ListServersParams,
  McpServer,
  MetricHistory,
  Page,
  RegisterServerRequest,
  ServerLogPage,
  ServerLogParams,
  ToolSwitch,
  UpdateServerRequest,
  UpdateToolRequest,
} from '@mcp-fleet/shared/contracts';

const BASE = '/api/mcp/servers';

/** Lifecycle commands by their route under /servers/:id. */
export const LIFECYCLE_ROUTES = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  enter_maintenance: 'maintenance',
  exit_maintenance: 'maintenance/exit',
} as const;
export type LifecycleAction = keyof typeof LIFECYCLE_ROUTES;

export type CatalogKind = 'tools' | 'resources' | 'prompts';

export interface MetricsHistoryParams {
  from?: string;
  to?: string;
  step?: number;
}

/** The servers REST API, one method per route; no state kept here. */
@Injectable({ providedIn: 'root' })
export class ServersApi {
  private readonly http = inject(HttpClient);

  list(params: ListServersParams = {}): Observable<Page<McpServer>> {
    return this.http.get<Page<McpServer>>(BASE, { params: queryParams(params) });
  }

  get(id: string): Observable<McpServer> {
    return this.http.get<McpServer>(`${BASE}/${encodeURIComponent(id)}`);
  }

  register(request: RegisterServerRequest): Observable<McpServer> {
    return this.http.post<McpServer>(BASE, request);
  }

  update(id: string, request: UpdateServerRequest): Observable<McpServer> {
    return this.http.patch<McpServer>(`${BASE}/${encodeURIComponent(id)}`, request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}`);
  }

  command(id: string, action: LifecycleAction): Observable<CommandResult> {
    return this.http.post<CommandResult>(`${BASE}/${encodeURIComponent(id)}/${LIFECYCLE_ROUTES[action]}`, {});
  }

  /** The idempotency key makes a retried click (or a flaky network) run the operation once. */
  bulk(operation: BulkOperation, serverIds: string[], idempotencyKey: string): Observable<BulkOperationResponse> {
    return this.http.post<BulkOperationResponse>(
      `${BASE}/bulk/${operation}`,
      { serverIds },
      {
        headers: { 'idempotency-key': idempotencyKey },
      },
    );
  }

  /** The fleet's figures (counts by state and health, mean response time, events in the last hour). */
  overview(): Observable<FleetOverview> {
    return this.http.get<FleetOverview>('/api/mcp/overview');
  }

  catalog<T = CatalogTool>(id: string, kind: CatalogKind): Observable<CatalogList<T>> {
    return this.http.get<CatalogList<T>>(`${BASE}/${encodeURIComponent(id)}/${kind}`);
  }

  callTool(id: string, tool: string, args: Record<string, unknown>): Observable<CallToolResponse> {
    return this.http.post<CallToolResponse>(`${BASE}/${encodeURIComponent(id)}/tools/${encodeURIComponent(tool)}/call`, {
      arguments: args,
    });
  }

  /** Shows a tool to the gateway's MCP clients, or hides it from them. */
  setToolEnabled(id: string, tool: string, enabled: boolean): Observable<ToolSwitch> {
    const body: UpdateToolRequest = { enabled };
    return this.http.patch<ToolSwitch>(`${BASE}/${encodeURIComponent(id)}/tools/${encodeURIComponent(tool)}`, body);
  }

  healthCheck(id: string): Observable<HealthCheckResult> {
    return this.http.post<HealthCheckResult>(`${BASE}/${encodeURIComponent(id)}/health-check`, {});
  }

  logs(id: string, params: ServerLogParams = {}): Observable<ServerLogPage> {
    return this.http.get<ServerLogPage>(`${BASE}/${encodeURIComponent(id)}/logs`, { params: queryParams(params) });
  }

  metricsHistory(id: string, params: MetricsHistoryParams = {}): Observable<MetricHistory> {
    return this.http.get<MetricHistory>(`${BASE}/${encodeURIComponent(id)}/metrics/history`, {
      params: queryParams(params),
    });
  }
}
