import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';

import { queryParams, readSnapshot, type Snapshot } from '@mcp-fleet/console/shared/data-access';
import {
  type ApproveDefinitionsRequest,
  type ApproveDefinitionsResponse,
  type BulkOperation,
  type BulkOperationResponse,
  type CallToolResponse,
  type CatalogList,
  type CatalogResourceTemplate,
  type CatalogTool,
  type CommandResult,
  type CompleteRequest,
  type CompleteResponse,
  type DriftReport,
  type FleetMetricHistory,
  type FleetOverview,
  type GetPromptRequest,
  type GetPromptResponse,
  type HealthCheckResult,
  type ListRevisionsParams,
  type ListServersParams,
  type McpServer,
  type McpServerDetail,
  type MetricHistory,
  type Page,
  type ReadResourceResponse,
  type RegisterServerRequest,
  type RestoreRevisionRequest,
  type RestoreRevisionResponse,
  type ServerFilter,
  type ServerLogPage,
  type ServerLogParams,
  type ServerRevision,
  type ServerRevisionPage,
  type ServerSelection,
  type ToolSwitch,
  type UpdateServerRequest,
  type UpdateToolRequest,
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

  /** `list` with the last event seq it includes, to join it to the live feed (`FleetSocket.missed`). */
  snapshot(params: ListServersParams = {}): Observable<Snapshot<Page<McpServer>>> {
    return readSnapshot<Page<McpServer>>(this.http, BASE, params);
  }

  /** Every server `filter` matches, id and name (422 TOO_MANY_MATCHES past SELECTION_LIMITS.maxServers). */
  matching(filter: ServerFilter): Observable<ServerSelection> {
    return this.http.get<ServerSelection>(`${BASE}/matching`, { params: queryParams(filter) });
  }

  /** The server, with what waits for its next start (`pendingRestart`, `pendingPaths`). */
  get(id: string): Observable<McpServerDetail> {
    return this.http.get<McpServerDetail>(`${BASE}/${encodeURIComponent(id)}`);
  }

  /** `get` with the last event seq it includes, for a page that follows the server live. */
  getSnapshot(id: string): Observable<Snapshot<McpServerDetail>> {
    return readSnapshot<McpServerDetail>(this.http, `${BASE}/${encodeURIComponent(id)}`);
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

  /** The server's config history, newest first. */
  revisions(id: string, params: ListRevisionsParams = {}): Observable<Snapshot<ServerRevisionPage>> {
    return readSnapshot<ServerRevisionPage>(this.http, `${BASE}/${encodeURIComponent(id)}/revisions`, params);
  }

  revision(id: string, revision: number): Observable<ServerRevision> {
    return this.http.get<ServerRevision>(`${BASE}/${encodeURIComponent(id)}/revisions/${revision}`);
  }

  /** The server's tool, resource and prompt definitions that differ from their approved ones. */
  drift(id: string): Observable<Snapshot<DriftReport>> {
    return readSnapshot<DriftReport>(this.http, `${BASE}/${encodeURIComponent(id)}/drift`);
  }

  /** Makes the current definitions of the named items the approved ones. */
  approveDefinitions(id: string, request: ApproveDefinitionsRequest): Observable<ApproveDefinitionsResponse> {
    return this.http.post<ApproveDefinitionsResponse>(`${BASE}/${encodeURIComponent(id)}/tools/approve`, request);
  }

  /** Makes a new revision equal to `revision`; `version` (the one last read) refuses a stale restore. */
  restoreRevision(id: string, revision: number, version?: number): Observable<RestoreRevisionResponse> {
    const body: RestoreRevisionRequest = version === undefined ? {} : { version };
    return this.http.post<RestoreRevisionResponse>(`${BASE}/${encodeURIComponent(id)}/revisions/${revision}/restore`, body);
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

  /** Resource templates are listed on their own: `resources/list` leaves them out. */
  resourceTemplates(id: string): Observable<CatalogList<CatalogResourceTemplate>> {
    return this.http.get<CatalogList<CatalogResourceTemplate>>(`${BASE}/${encodeURIComponent(id)}/resource-templates`);
  }

  readResource(id: string, uri: string): Observable<ReadResourceResponse> {
    return this.http.get<ReadResourceResponse>(`${BASE}/${encodeURIComponent(id)}/resources/read`, { params: { uri } });
  }

  getPrompt(id: string, prompt: string, args: Record<string, string>): Observable<GetPromptResponse> {
    const body: GetPromptRequest = { arguments: args };
    return this.http.post<GetPromptResponse>(`${BASE}/${encodeURIComponent(id)}/prompts/${encodeURIComponent(prompt)}/get`, body);
  }

  /** Values the server suggests for one argument of a prompt or resource template. */
  complete(id: string, request: CompleteRequest): Observable<CompleteResponse> {
    return this.http.post<CompleteResponse>(`${BASE}/${encodeURIComponent(id)}/complete`, request);
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

  /** A whole run's log as a Blob, with the file name the API gives it (`<server>-<runId>.log`). */
  downloadLog(id: string, runId: string): Observable<{ blob: Blob; fileName: string }> {
    return this.http
      .get(`${BASE}/${encodeURIComponent(id)}/logs/download`, { params: queryParams({ runId }), responseType: 'blob', observe: 'response' })
      .pipe(
        map((response) => ({
          blob: response.body ?? new Blob([]),
          fileName: /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${runId}.log`,
        })),
      );
  }

  /** The fleet's history (servers running, CPU, memory, tool calls summed), or a scoped token's servers'. */
  fleetMetricsHistory(params: MetricsHistoryParams = {}): Observable<FleetMetricHistory> {
    return this.http.get<FleetMetricHistory>('/api/mcp/metrics/history', { params: queryParams(params) });
  }

  metricsHistory(id: string, params: MetricsHistoryParams = {}): Observable<MetricHistory> {
    return this.http.get<MetricHistory>(`${BASE}/${encodeURIComponent(id)}/metrics/history`, {
      params: queryParams(params),
    });
  }
}
