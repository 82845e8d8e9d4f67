import { Subscriptions } from './subscriptions';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('Subscriptions', () => {
  it('limits a channel to the servers asked for, and events about no server stay out', () => {
    const subs = new Subscriptions();
    subs.subscribe(['new_event'], [A]);
    expect(subs.wants('new_event', A)).toBe(true);
    expect(subs.wants('new_event', B)).toBe(false);
    expect(subs.wants('new_event', null)).toBe(false);
    expect(subs.wants('server_status_change', A)).toBe(false);
  });

  it('widens to every server when subscribed without ids, and narrowing a whole channel is a no-op', () => {
    const subs = new Subscriptions();
    subs.subscribe(['new_event'], [A]);
    subs.subscribe(['new_event']);
    subs.unsubscribe(['new_event'], [A]);
    expect(subs.wants('new_event', B)).toBe(true);
    expect(subs.wants('new_event', null)).toBe(true);
    expect(subs.state()).toEqual({ subscriptions: { new_event: 'all' } });
  });

  it('removes servers one by one and drops the channel with the last one', () => {
    const subs = new Subscriptions();
    subs.subscribe(['new_event', 'server_status_change'], [A, B]);
    subs.unsubscribe(['new_event'], [A]);
    expect(subs.state()).toEqual({ subscriptions: { new_event: [B], server_status_change: [A, B] } });
    subs.unsubscribe(['new_event'], [B]);
    subs.unsubscribe(['server_status_change']);
    expect(subs.state()).toEqual({ subscriptions: {} });
  });

  it('keeps only channels still allowed after a permission change', () => {
    const subs = new Subscriptions();
    subs.subscribe(['new_event', 'server_status_change']);
    subs.retain((channel) => channel !== 'new_event');
    expect(subs.wants('new_event', A)).toBe(false);
    expect(subs.wants('server_status_change', A)).toBe(true);
  });
});
