import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer, ResourceSubscription, ResourceSubscriptionList } from '@mcp-fleet/shared/contracts';

import { commandOk, eventsWhere, registerFixture, registerStdio, SERVER_EVERYTHING, startOk } from '../support/mcp-runtime';

const FEATURES = 'demo://resource/static/document/features.md';

/**
 * A subscription to a resource (`resources/subscribe`) turns each change the server announces
 * into a `server.resource_updated` event, and outlives the run: it is renewed at every start.
 */
describe('resource subscriptions relayed as events (server-everything over stdio)', () => {
  const api = useApi();
  let server: McpServer;
  const path = `/api/mcp/servers/`;

  /** server-everything announces updates of subscribed resources once this tool is toggled on. */
  async function updatesOn(): Promise<void> {
    const response = await api.post(`${path}${server.id}/tools/toggle-subscriber-updates/call`, { arguments: {} });
    expect(response.status).toBe(200);
  }

  async function updateEventsAfter(seq: number): Promise<{ seq: number; data: { uri: string; updates: number } }[]> {
    const events = await eventsWhere(api, { serverId: server.id, type: 'server.resource_updated' });
    return (events as unknown as { seq: number; data: { uri: string; updates: number } }[]).filter((event) => event.seq > seq);
  }

  async function lastSeq(): Promise<number> {
    const events = await eventsWhere(api, { serverId: server.id });
    return Math.max(0, ...events.map((event) => (event as unknown as { seq: number }).seq));
  }

  beforeAll(async () => {
    server = await registerStdio(api, 'everything-subscriptions', [SERVER_EVERYTHING, 'stdio']);
    await startOk(api, server.id);
  });

  it('subscribes, and a change of the resource is an event with its URI', async () => {
    const before = await lastSeq();
    const created = await api.post<ResourceSubscription>(`${path}${server.id}/resources/subscriptions`, { uri: FEATURES });
    expect(created.status).toBe(201);
    expect(created.body.uri).toBe(FEATURES);

    await updatesOn();

    const events = await eventually(async () => {
      const found = await updateEventsAfter(before);
      return found.length > 0 ? found : undefined;
    }, 'a server.resource_updated event');
    expect(events[0].data).toEqual({ uri: FEATURES, updates: 1 });
    const list = await api.get<ResourceSubscriptionList>(`${path}${server.id}/resources/subscriptions`);
    expect(list.body).toMatchObject({ serverId: server.id, supported: true, items: [{ uri: FEATURES }] });
  });

  it('renews the subscription when the server starts again', async () => {
    await commandOk(api, server.id, 'stop');
    await startOk(api, server.id);
    const before = await lastSeq();

    await updatesOn();

    const events = await eventually(async () => {
      const found = await updateEventsAfter(before);
      return found.length > 0 ? found : undefined;
    }, 'a server.resource_updated event after the restart');
    expect(events[0].data.uri).toBe(FEATURES);
  });

  it('refuses a URI that is missing or too long, and forgets a subscription on DELETE', async () => {
    const missing = await api.post<ApiError>(`${path}${server.id}/resources/subscriptions`, {});
    const tooLong = await api.post<ApiError>(`${path}${server.id}/resources/subscriptions`, { uri: `demo://${'x'.repeat(2100)}` });
    const removed = await api.delete(`${path}${server.id}/resources/subscriptions?uri=${encodeURIComponent(FEATURES)}`);
    const again = await api.delete(`${path}${server.id}/resources/subscriptions?uri=${encodeURIComponent(FEATURES)}`);
    const list = await api.get<ResourceSubscriptionList>(`${path}${server.id}/resources/subscriptions`);

    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([removed.status, again.status]).toEqual([204, 204]);
    expect(list.body.items).toEqual([]);
  });

  it('refuses a subscription a server does not offer: 409 RESOURCE_SUBSCRIBE_UNSUPPORTED, nothing stored', async () => {
    const plain = await registerFixture(api, 'no-subscriptions', 'v2-server.mjs');
    await startOk(api, plain.id);

    const refused = await api.post<ApiError>(`${path}${plain.id}/resources/subscriptions`, { uri: 'fixture://readme' });
    const list = await api.get<ResourceSubscriptionList>(`${path}${plain.id}/resources/subscriptions`);

    expect([refused.status, refused.body.code]).toEqual([409, 'RESOURCE_SUBSCRIBE_UNSUPPORTED']);
    expect(list.body).toEqual({ serverId: plain.id, supported: false, items: [] });
    await commandOk(api, plain.id, 'stop');
  });
});
