import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';

import { type Notifier, queryParams, readBlobError, readSnapshot, type Snapshot } from '@mcp-fleet/console/shared/data-access';
import type { AuditPage, EventPage, ExportFormat, ListAuditParams, ListEventsParams } from '@mcp-fleet/shared/contracts';

/** Event history, export and the audit log. */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly http = inject(HttpClient);

  list(params: ListEventsParams = {}): Observable<EventPage> {
    return this.http.get<EventPage>('/api/mcp/events', { params: queryParams(params) });
  }

  /** `list` with the last event seq it includes, to join it to the live feed (`FleetSocket.missed`). */
  snapshot(params: ListEventsParams = {}): Observable<Snapshot<EventPage>> {
    return readSnapshot<EventPage>(this.http, '/api/mcp/events', params);
  }

  /**
   * The export as a Blob: fetched with the access token (a plain link could not carry it),
   * then handed to the browser as a download by the caller.
   */
  export(params: Omit<ListEventsParams, 'limit' | 'offset' | 'afterSeq' | 'beforeSeq'>, format: ExportFormat): Observable<Blob> {
    return this.http.get('/api/mcp/events/export', { params: queryParams({ ...params, format }), responseType: 'blob' });
  }

  audit(params: ListAuditParams = {}): Observable<AuditPage> {
    return this.http.get<AuditPage>('/api/mcp/audit', { params: queryParams(params) });
  }

  /** Every audit entry the filters match, as a Blob (see `export`). */
  auditExport(params: Omit<ListAuditParams, 'limit' | 'offset' | 'beforeSeq'>, format: ExportFormat): Observable<Blob> {
    return this.http.get('/api/mcp/audit/export', { params: queryParams({ ...params, format }), responseType: 'blob' });
  }
}

/** Saves a Blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string, document: Document): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetches an export, saves it under `name`, and tells the operator how it went. */
export async function downloadExport(source: Observable<Blob>, name: string, document: Document, notifier: Notifier): Promise<void> {
  try {
    saveBlob(await firstValueFrom(source), name, document);
    notifier.success(`Exported ${name}.`);
  } catch (error) {
    notifier.error(await readBlobError(error), 'Export failed');
  }
}
