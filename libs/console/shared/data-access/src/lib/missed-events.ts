import { defer, filter, map, merge, type Observable, tap } from 'rxjs';

/**
 * The one rule that joins a page's snapshots to the live feed. `snapshotSeqs` gives the seq of
 * each snapshot as it arrives; `liveFrom` the seq the feed is live from, at once and after each
 * (re)subscription. Fires, once per snapshot, when the feed is or goes live after events that
 * snapshot lacks: the page reads it again, and only then. A snapshot of unknown seq never fires.
 */
export function missedEvents(snapshotSeqs: Observable<number | null>, liveFrom: Observable<number>): Observable<void> {
  return defer(() => {
    let snapshot: number | null = null;
    let live: number | null = null;
    return merge(snapshotSeqs.pipe(tap((seq) => (snapshot = seq))), liveFrom.pipe(tap((seq) => (live = seq)))).pipe(
      filter(() => snapshot !== null && live !== null && snapshot < live),
      tap(() => (snapshot = null)),
      map(() => undefined),
    );
  });
}
