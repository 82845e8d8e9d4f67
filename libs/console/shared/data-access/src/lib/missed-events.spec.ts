import { Subject } from 'rxjs';

import { missedEvents } from './missed-events';

function join() {
  const snapshots = new Subject<number | null>();
  const live = new Subject<number>();
  let fired = 0;
  missedEvents(snapshots, live).subscribe(() => (fired += 1));
  return { snapshots, live, fired: () => fired };
}

describe('missedEvents', () => {
  it('stays quiet when the feed goes live at the seq the snapshot includes (a page load reads once)', () => {
    const feed = join();
    feed.snapshots.next(10);
    feed.live.next(10);
    feed.live.next(9);
    expect(feed.fired()).toBe(0);
  });

  it('fires once when the feed went live after events the snapshot lacks, whichever came first', () => {
    const late = join();
    late.snapshots.next(10);
    late.live.next(12);
    late.live.next(12);
    expect(late.fired()).toBe(1);

    const early = join();
    early.live.next(12);
    early.snapshots.next(10);
    expect(early.fired()).toBe(1);
  });

  it('judges each new snapshot by its own seq', () => {
    const feed = join();
    feed.snapshots.next(10);
    feed.live.next(12);
    feed.snapshots.next(12);
    feed.live.next(12);
    expect(feed.fired()).toBe(1);
    // A reconnect after more events: the snapshot lacks them.
    feed.live.next(15);
    expect(feed.fired()).toBe(2);
  });

  it('never fires for a snapshot whose seq the API did not say', () => {
    const feed = join();
    feed.snapshots.next(null);
    feed.live.next(100);
    expect(feed.fired()).toBe(0);
  });
});
