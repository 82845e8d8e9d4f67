import { parseResync, parseSubscribe } from './socket-messages';

const ID = '3f1c2a4e-0000-4000-8000-000000000001';

describe('socket message parsing', () => {
  it('accepts channels with optional server ids, de-duplicated', () => {
    expect(parseSubscribe({ events: ['new_event', 'new_event'], serverIds: [ID.toUpperCase()] })).toEqual({
      ok: true,
      value: { events: ['new_event'], serverIds: [ID] },
    });
    expect(parseSubscribe({ events: ['server_status_change'] })).toEqual({
      ok: true,
      value: { events: ['server_status_change'], serverIds: undefined },
    });
  });

  it('takes afterSeq with subscribe only', () => {
    expect(parseSubscribe({ events: ['new_event'], afterSeq: 41 }, true)).toEqual({
      ok: true,
      value: { events: ['new_event'], serverIds: undefined, afterSeq: 41 },
    });
    expect(parseSubscribe({ events: ['new_event'], afterSeq: -1 }, true).ok).toBe(false);
    expect(parseSubscribe({ events: ['new_event'], afterSeq: 41 }).ok).toBe(false);
  });

  it.each([
    [null, 'must be an object'],
    ['new_event', 'must be an object'],
    [{ events: [] }, 'events must list'],
    [{ events: ['everything'] }, 'unknown channels'],
    [{ events: ['new_event'], serverIds: ['not-a-uuid'] }, 'must be UUIDs'],
    [{ events: ['new_event'], serverIds: [] }, 'serverIds must list'],
    [{ events: ['new_event'], rooms: ['admin'] }, 'unknown fields: rooms'],
  ])('refuses %j with a reason', (body, reason) => {
    const parsed = parseSubscribe(body);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems.join('; ')).toContain(reason);
  });

  it('accepts a non-negative integer afterSeq and nothing else', () => {
    expect(parseResync({ afterSeq: 0 })).toEqual({ ok: true, value: { afterSeq: 0 } });
    for (const body of [{ afterSeq: -1 }, { afterSeq: 1.5 }, { afterSeq: '3' }, {}, [], { afterSeq: 1, more: true }]) {
      expect(parseResync(body).ok).toBe(false);
    }
  });
});
