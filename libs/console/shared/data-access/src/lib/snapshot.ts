import type { HttpClient, HttpResponse } from '@angular/common/http';
import { map, type Observable } from 'rxjs';

import { EVENT_SEQ_HEADER } from '@mcp-fleet/shared/contracts';

import { queryParams } from './http-params';

/** A REST read and the last event seq it includes (null from an API that does not say). */
export interface Snapshot<T> {
  body: T;
  seq: number | null;
}

/** A GET of `url` with the seq of its `EVENT_SEQ_HEADER`, to join it to the live feed (`FleetSocket.missed`). */
export function readSnapshot<T>(http: HttpClient, url: string, params: object = {}): Observable<Snapshot<T>> {
  return http.get<T>(url, { params: queryParams(params), observe: 'response' }).pipe(map(toSnapshot));
}

function toSnapshot<T>(response: HttpResponse<T>): Snapshot<T> {
  const seq = Number(response.headers.get(EVENT_SEQ_HEADER) ?? Number.NaN);
  return { body: response.body as T, seq: Number.isSafeInteger(seq) ? seq : null };
}
