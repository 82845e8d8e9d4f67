import { ADMIN, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import {
  type CreateApiTokenResponse,
  EVENT_SEQ_HEADER,
  type FleetEvent,
  type McpServer,
  type SubscribeRequest,
  type SubscriptionState,
} from '@mcp-fleet/shared/contracts';

import { type FleetSocket, loose, nextMessage, useSockets } from '../support/fleet-socket';
import { signJwt } from '../support/jwt';
import { createUser, eventPage, failLogin, registerServer, seqs, touchServer } from './events-helpers';

describe('Socket.IO at /api/mcp/ws', () => {
  // Many failed sign-ins come from one address here; the per-address lock is not under test.
  const api = useApi({ LOGIN_MAX_FAILURES_PER_IP: '10000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000' });
  const sockets = useSockets(() => api.url);
  let adminToken: string;
  let alpha: McpServer;
  let bravo: McpServer;

  beforeAll(async () => {
    adminToken = await api.login(ADMIN.email, ADMIN.password);
    alpha = await registerServer(api, 'socket-alpha');
    bravo = await registerServer(api, 'socket-bravo');
  });

  const subscribe = (socket: FleetSocket, request: SubscribeRequest): Promise<SubscriptionState> => {
    const confirmed = nextMessage(socket, 'subscription_confirmed');
    socket.emit('subscribe', request);
    return confirmed;
  };
  const unsubscribe = (socket: FleetSocket, request: SubscribeRequest): Promise<SubscriptionState> => {
    const confirmed = nextMessage(socket, 'unsubscription_confirmed');
    socket.emit('unsubscribe', request);
    return confirmed;
  };
  /** Every new_event the socket receives from now on. */
  const record = (socket: FleetSocket): FleetEvent[] => {
    const events: FleetEvent[] = [];
    socket.on('new_event', (event) => events.push(event));
    return events;
  };
  /**
   * Resolves once everything the server sent this socket so far has arrived: the server answers
   * in order on one connection, so an answer to a harmless request comes after all of it.
   */
  const barrier = async (socket: FleetSocket): Promise<void> => {
    await unsubscribe(socket, { events: ['bulk_operation_progress'] });
  };
  const maxSeq = async (): Promise<number> =>
    Number((await api.sql<{ max: string | null }>('SELECT max(seq)::text AS max FROM events'))[0].max ?? 0);
  /** The newest stored event about a server: what a PATCH just produced. */
  const newestFor = async (serverId: string): Promise<FleetEvent> => (await eventPage(api, { serverId, limit: 1 })).items[0];
  const storedSeqs = async (afterSeq: number, where = 'true', params: unknown[] = []): Promise<number[]> =>
    (await api.sql<{ seq: string }>(`SELECT seq FROM events WHERE seq > $1 AND (${where}) ORDER BY seq`, [afterSeq, ...params])).map(
      (row) => Number(row.seq),
    );
  const receivedSeq = (events: FleetEvent[], seq: number) => () => events.some((e) => e.seq === seq);

  describe('handshake', () => {
    it.each([
      ['no token', undefined],
      ['a garbage token', 'garbage'],
      ['a token signed with another key', signJwt({ sub: '00000000-0000-4000-8000-000000000000', exp: 4_102_444_800 }, 'not-the-key')],
      ['a well-formed API token that does not exist', `mcpf_${'A'.repeat(43)}`],
    ])('is refused with %s (UNAUTHENTICATED)', async (_, token) => {
      const refusal = await sockets.refusal(token);

      expect(refusal.message).toBe('UNAUTHENTICATED');
      expect(refusal.data?.code).toBe('UNAUTHENTICATED');
    });

    it('is accepted with an API token, which then receives the events it subscribed to', async () => {
      const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
        name: 'dashboard',
        permissions: ['mcp:view_servers', 'mcp:view_events'],
      });
      const socket = await sockets.connect(created.body.token);

      const limited = await subscribe(socket, { events: ['new_event'], serverIds: [alpha.id] });
      const widened = await subscribe(socket, { events: ['server_status_change'] });
      const arrived = nextMessage(socket, 'new_event');
      await touchServer(api, alpha.id, 'seen by a token');

      expect(limited.subscriptions).toEqual({ new_event: [alpha.id] });
      expect(widened.subscriptions).toEqual({ new_event: [alpha.id], server_status_change: 'all' });
      expect(await arrived).toEqual(await newestFor(alpha.id));
    });
  });

  describe('subscriptions', () => {
    it('deliver a server-limited subscriber only its servers, and an unlimited one everything, as stored', async () => {
      const onlyAlpha = await sockets.connect(adminToken);
      const everything = await sockets.connect(adminToken);
      const alphaEvents = record(onlyAlpha);
      const allEvents = record(everything);
      await subscribe(onlyAlpha, { events: ['new_event'], serverIds: [alpha.id] });
      await subscribe(everything, { events: ['new_event'] });
      const start = await maxSeq();

      await touchServer(api, bravo.id, 'bravo only');
      await failLogin(api, 'nobody@example.com');
      await touchServer(api, alpha.id, 'alpha, last');
      const last = await newestFor(alpha.id);
      await eventually(receivedSeq(alphaEvents, last.seq), 'the last event on the alpha-only socket');
      await eventually(receivedSeq(allEvents, last.seq), 'the last event on the unlimited socket');

      const history = (await eventPage(api, { afterSeq: start })).items;
      expect(history.map((e) => [e.type, e.serverId])).toEqual([
        ['server.updated', bravo.id],
        ['auth.login_failed', null],
        ['server.updated', alpha.id],
      ]);
      expect(allEvents).toEqual(history);
      expect(alphaEvents).toEqual(history.filter((e) => e.serverId === alpha.id));
    });

    it('tell the seq they are live from, and every read the seq it includes, so a page joins the two without a gap', async () => {
      await touchServer(api, bravo.id, 'before the snapshot');
      const head = await maxSeq();
      // Once the event has gone out to sockets, a list read says it includes it.
      await eventually(
        async () => Number((await api.get('/api/mcp/servers?pageSize=1')).headers.get(EVENT_SEQ_HEADER)) === head,
        'a list read at the newest event',
      );
      const socket = await sockets.connect(adminToken);
      const events = record(socket);
      const state = await subscribe(socket, { events: ['new_event'] });

      await touchServer(api, bravo.id, 'after the subscription');
      const next = await newestFor(bravo.id);
      await eventually(receivedSeq(events, next.seq), 'the next event on the socket');
      // Every page's snapshot says it: the list, one server, its drift, its history, the events.
      const reads = [
        '/api/mcp/servers?pageSize=1',
        `/api/mcp/servers/${bravo.id}`,
        `/api/mcp/servers/${bravo.id}/drift`,
        `/api/mcp/servers/${bravo.id}/revisions`,
        '/api/mcp/events?limit=1',
      ];
      const later: Record<string, boolean> = {};
      for (const path of reads) {
        later[path] = Number((await api.get(path)).headers.get(EVENT_SEQ_HEADER)) >= next.seq;
      }

      expect(state.seq).toBe(head);
      expect(seqs(events)).toEqual([next.seq]);
      expect(later).toEqual(Object.fromEntries(reads.map((path) => [path, true])));
    });

    it('stop after unsubscribe, while others keep receiving', async () => {
      const leaver = await sockets.connect(adminToken);
      const stayer = await sockets.connect(adminToken);
      await subscribe(leaver, { events: ['new_event'] });
      await subscribe(stayer, { events: ['new_event'] });

      const state = await unsubscribe(leaver, { events: ['new_event'] });
      const leaverEvents = record(leaver);
      const stayerEvents = record(stayer);
      await touchServer(api, alpha.id, 'after the unsubscribe');
      const last = await newestFor(alpha.id);
      await eventually(receivedSeq(stayerEvents, last.seq), 'the event on the socket still subscribed');
      await barrier(leaver);

      expect(state.subscriptions).toEqual({});
      expect(seqs(stayerEvents)).toEqual([last.seq]);
      expect(leaverEvents).toEqual([]);
    });

    it('drop only the servers named in an unsubscribe', async () => {
      const socket = await sockets.connect(adminToken);
      const events = record(socket);
      await subscribe(socket, { events: ['new_event'], serverIds: [alpha.id, bravo.id] });

      const state = await unsubscribe(socket, { events: ['new_event'], serverIds: [alpha.id] });
      await touchServer(api, alpha.id, 'no longer followed');
      await touchServer(api, bravo.id, 'still followed');
      const last = await newestFor(bravo.id);
      await eventually(receivedSeq(events, last.seq), 'the bravo event');

      expect(state.subscriptions).toEqual({ new_event: [bravo.id] });
      expect(events.map((e) => e.serverId)).toEqual([bravo.id]);
    });

    it('never send a viewer security events, which an admin receives', async () => {
      const viewer = await createUser(api, 'socket-viewer@example.com', 'viewer');
      const asViewer = await sockets.connect(viewer.token);
      const asAdmin = await sockets.connect(adminToken);
      const viewerEvents = record(asViewer);
      const adminEvents = record(asAdmin);
      await subscribe(asViewer, { events: ['new_event'] });
      await subscribe(asAdmin, { events: ['new_event'] });

      await failLogin(api, 'socket-intruder@example.com');
      await touchServer(api, alpha.id, 'after the intruder');
      const last = await newestFor(alpha.id);
      await eventually(receivedSeq(viewerEvents, last.seq), 'the config event on the viewer socket');
      await eventually(receivedSeq(adminEvents, last.seq), 'the config event on the admin socket');

      expect(adminEvents.map((e) => e.type)).toEqual(['auth.login_failed', 'server.updated']);
      expect(adminEvents[0].message).toContain('socket-intruder@example.com');
      expect(viewerEvents.map((e) => e.type)).toEqual(['server.updated']);
    });

    it('refuse new_event to a token without mcp:view_events, which stays connected for what it may see', async () => {
      const created = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
        name: 'servers-only',
        permissions: ['mcp:view_servers'],
      });
      const socket = await sockets.connect(created.body.token);
      const events = record(socket);

      const refused = nextMessage(socket, 'exception');
      socket.emit('subscribe', { events: ['new_event'] });
      const exception = await refused;
      const allowed = await subscribe(socket, { events: ['server_status_change'] });
      await touchServer(api, alpha.id, 'not for this token');
      await barrier(socket);

      expect(exception).toMatchObject({ event: 'subscribe', code: 'FORBIDDEN' });
      expect(socket.connected).toBe(true);
      expect(allowed.subscriptions).toEqual({ server_status_change: 'all' });
      expect(events).toEqual([]);
    });
  });

  describe('malformed messages', () => {
    it.each<[string, string, unknown]>([
      ['subscribe with a string', 'subscribe', 'garbage'],
      ['subscribe to an unknown channel', 'subscribe', { events: ['everything'] }],
      ['subscribe to no channel', 'subscribe', { events: [] }],
      ['subscribe with server ids that are not UUIDs', 'subscribe', { events: ['new_event'], serverIds: ['alpha'] }],
      ['subscribe with unknown fields', 'subscribe', { events: ['new_event'], room: 'admins' }],
      ['unsubscribe with a number', 'unsubscribe', 42],
      ['resync after -1', 'resync', { afterSeq: -1 }],
      ['resync after a fraction', 'resync', { afterSeq: 1.5 }],
      ['resync after a string', 'resync', { afterSeq: '10' }],
      ['resync with nothing', 'resync', null],
    ])('get VALIDATION_FAILED for %s, the socket stays usable and others are not disturbed', async (_, event, payload) => {
      const offender = await sockets.connect(adminToken);
      const bystander = await sockets.connect(adminToken);
      const offenderEvents = record(offender);
      const bystanderEvents = record(bystander);
      await subscribe(bystander, { events: ['new_event'] });

      const refused = nextMessage(offender, 'exception');
      loose(offender).emit(event, payload);
      const exception = await refused;
      await subscribe(offender, { events: ['new_event'] });
      await touchServer(api, alpha.id, `after ${event} ${JSON.stringify(payload)}`);
      const last = await newestFor(alpha.id);
      await eventually(receivedSeq(offenderEvents, last.seq), 'the event on the offending socket');
      await eventually(receivedSeq(bystanderEvents, last.seq), 'the event on the other socket');

      expect(exception).toMatchObject({ event, code: 'VALIDATION_FAILED' });
      expect(offender.connected).toBe(true);
      expect(seqs(offenderEvents)).toEqual([last.seq]);
      expect(seqs(bystanderEvents)).toEqual([last.seq]);
    });
  });

  describe('resync', () => {
    it('replays nothing when nothing was missed', async () => {
      const socket = await sockets.connect(adminToken);
      const events = record(socket);
      await subscribe(socket, { events: ['new_event'] });
      const latest = await maxSeq();

      const completed = nextMessage(socket, 'resync_complete');
      socket.emit('resync', { afterSeq: latest });

      expect(await completed).toEqual({ afterSeq: latest, lastSeq: latest, replayed: 0, truncated: false });
      expect(events).toEqual([]);
    });

    it('never sends an event twice when it arrived live between subscribe and a separate resync', async () => {
      const first = await sockets.connect(adminToken);
      const seen = record(first);
      await subscribe(first, { events: ['new_event'], serverIds: [alpha.id] });
      await touchServer(api, alpha.id, 'seen before the drop');
      const lastSeen = (await newestFor(alpha.id)).seq;
      await eventually(receivedSeq(seen, lastSeen), 'the event before the drop');
      first.disconnect();
      await touchServer(api, alpha.id, 'missed while away 1');
      await touchServer(api, alpha.id, 'missed while away 2');

      // Back: subscribed, an event arrives live, and only then does the resync request go out.
      const second = await sockets.connect(adminToken);
      const received = record(second);
      await subscribe(second, { events: ['new_event'], serverIds: [alpha.id] });
      await touchServer(api, alpha.id, 'live before the resync');
      const live = (await newestFor(alpha.id)).seq;
      await eventually(receivedSeq(received, live), 'the live event');
      const completed = nextMessage(second, 'resync_complete');
      second.emit('resync', { afterSeq: lastSeen });
      await completed;
      await barrier(second);
      const expected = await storedSeqs(lastSeen, 'server_id = $2', [alpha.id]);

      expect(expected).toHaveLength(3);
      expect([...seqs(received)].sort((a, b) => a - b)).toEqual(expected);
      expect(seqs(received)).toHaveLength(new Set(seqs(received)).size);
      // Documented: the live event came first; the missed older ones follow it.
      expect(seqs(received)[0]).toBe(live);
    });

    it('replays in strict seq order when the resync rides on the subscribe (afterSeq)', async () => {
      const first = await sockets.connect(adminToken);
      const seen = record(first);
      await subscribe(first, { events: ['new_event'], serverIds: [alpha.id] });
      await touchServer(api, alpha.id, 'seen before the drop (atomic)');
      const lastSeen = (await newestFor(alpha.id)).seq;
      await eventually(receivedSeq(seen, lastSeen), 'the event before the drop');
      first.disconnect();
      await touchServer(api, alpha.id, 'missed while away (atomic) 1');
      await touchServer(api, alpha.id, 'missed while away (atomic) 2');

      const second = await sockets.connect(adminToken);
      const received = record(second);
      const completed = nextMessage(second, 'resync_complete');
      await subscribe(second, { events: ['new_event'], serverIds: [alpha.id], afterSeq: lastSeen });
      await touchServer(api, alpha.id, 'live right after the subscribe');
      const result = await completed;
      const live = (await newestFor(alpha.id)).seq;
      await eventually(receivedSeq(received, live), 'the live event');
      const expected = await storedSeqs(lastSeen, 'server_id = $2', [alpha.id]);

      expect(expected).toHaveLength(3);
      expect(result).toMatchObject({ afterSeq: lastSeen, truncated: false });
      expect(seqs(received)).toEqual(expected);
    });

    /**
     * A client follows the feed, drops off, events happen while it is away, and it comes back
     * (new socket, subscribe, resync from the last seq it saw) while events keep coming. What it
     * received in the end must be exactly the stored events for its subscription: no gap, no
     * duplicate, in seq order.
     */
    async function reconnectWithoutLoss(
      token: string,
      request: SubscribeRequest,
      where: string,
      params: unknown[],
      how: 'subscribe with afterSeq' | 'subscribe, then resync' = 'subscribe with afterSeq',
    ): Promise<void> {
      const received: number[] = [];
      const start = await maxSeq();
      let round = 0;
      // Three writers at once: alpha, bravo, and failed sign-ins (security events about no server).
      const produce = async (times: number) => {
        const from = round;
        round += times;
        const writer = async (write: (i: number) => Promise<unknown>) => {
          for (let i = from; i < from + times; i++) {
            await write(i);
          }
        };
        await Promise.all([
          writer((i) => touchServer(api, alpha.id, `alpha ${i}`)),
          writer((i) => touchServer(api, bravo.id, `bravo ${i}`)),
          writer((i) => failLogin(api, `resync-${i % 50}@example.com`)),
        ]);
      };

      const first = await sockets.connect(token);
      first.on('new_event', (event) => received.push(event.seq));
      await subscribe(first, request);
      await produce(3);
      const seenBefore = await storedSeqs(start, where, params);
      await eventually(() => received.length >= seenBefore.length, 'the events before the disconnect');
      first.disconnect();
      const lastSeen = received[received.length - 1];

      await produce(5);
      const missed = (await storedSeqs(lastSeen, where, params)).length;
      const concurrent = produce(25);
      const second = await sockets.connect(token);
      second.on('new_event', (event) => received.push(event.seq));
      const completed = nextMessage(second, 'resync_complete');
      if (how === 'subscribe with afterSeq') {
        await subscribe(second, { ...request, afterSeq: lastSeen });
      } else {
        await subscribe(second, request);
        second.emit('resync', { afterSeq: lastSeen });
      }
      const result = await completed;
      await concurrent;
      await touchServer(api, alpha.id, 'the tail');
      const expected = await storedSeqs(start, where, params);
      const tail = expected[expected.length - 1];
      await eventually(() => received.includes(tail), 'the last stored event on the reconnected socket');

      expect(seenBefore.length).toBeGreaterThan(0);
      expect(missed).toBeGreaterThan(0);
      expect(result).toMatchObject({ afterSeq: lastSeen, truncated: false });
      if (how === 'subscribe with afterSeq') {
        expect(result.replayed).toBeGreaterThanOrEqual(missed);
        expect(received).toEqual(expected);
      } else {
        // Live events may overtake the replayed older ones; none twice, none missing.
        expect(received).toHaveLength(new Set(received).size);
        expect([...received].sort((a, b) => a - b)).toEqual(expected);
      }
    }

    it('lets a server-limited admin client reconnect and miss nothing, while events keep coming', async () => {
      await reconnectWithoutLoss(adminToken, { events: ['new_event'], serverIds: [alpha.id] }, 'server_id = $2', [alpha.id]);
    });

    it('lets a viewer following everything reconnect and miss nothing it may see, while events keep coming', async () => {
      const viewer = await createUser(api, 'resync-viewer@example.com', 'viewer');
      await reconnectWithoutLoss(viewer.token, { events: ['new_event'] }, `category <> ALL($2::text[])`, [['security', 'audit']]);
    });

    it('lets an admin following everything reconnect and miss nothing, while events keep coming', async () => {
      await reconnectWithoutLoss(adminToken, { events: ['new_event'] }, 'true', []);
    });

    it('never doubles or loses an event when the client subscribes first and resyncs separately', async () => {
      await reconnectWithoutLoss(adminToken, { events: ['new_event'] }, 'true', [], 'subscribe, then resync');
    });
  });
});
