import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { UndoOperationResponse } from '@mcp-fleet/shared/contracts';

/** Operations of lifecycle commands and bulk operations, by the `operationId` their results carry. */
@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);

  /** Puts every server of the operation back to its desired state before it; a server changed since is a conflict. */
  undo(operationId: string): Observable<UndoOperationResponse> {
    return this.http.post<UndoOperationResponse>(`/api/mcp/operations/${encodeURIComponent(operationId)}/undo`, {});
  }
}
