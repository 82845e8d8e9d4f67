import { SeqTracker } from './seq-tracker';

describe('SeqTracker', () => {
  it('starts with nothing to resume from', () => {
    expect(new SeqTracker().resumeFrom()).toBeNull();
  });

  it('drops a seq already delivered on the same channel, as a replay overlapping live events does', () => {
    const tracker = new SeqTracker();
    expect([5, 6, 6, 4, 7].map((seq) => tracker.accept('new_event', seq))).toEqual([true, true, false, false, true]);
  });

  it('keeps channels apart: one event reaches new_event and server_status_change with the same seq', () => {
    const tracker = new SeqTracker();
    expect(tracker.accept('new_event', 9)).toBe(true);
    expect(tracker.accept('server_status_change', 9)).toBe(true);
    expect(tracker.accept('server_status_change', 9)).toBe(false);
  });

  it('resumes after the highest seq seen on any channel', () => {
    const tracker = new SeqTracker();
    tracker.accept('server_status_change', 3);
    tracker.accept('new_event', 12);
    expect(tracker.resumeFrom()).toBe(12);
  });
});
