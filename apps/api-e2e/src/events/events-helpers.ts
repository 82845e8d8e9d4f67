import { randomUUID } from 'node:crypto';

import type { ApiClient, ApiUnderTest } from '@mcp-fleet/api/shared/testing';
import type { EventPage, FleetEvent, McpServer, Principal, Role, User } from '@mcp-fleet/shared/contracts';

export const USER_PASSWORD = 'user-password-123';

/** A query string from the defined values. */
export function qs(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return defined.length > 0 ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

/** A fresh correlation id, sent as `x-correlation-id`, to find what one request caused. */
export function correlationId(label: string): string {
  return `${label}-${randomUUID()}`;
}

export async function registerServer(
  client: ApiClient,
  name: string,
  config: Record<string, unknown> = { command: 'node', args: ['server.js'] },
  headers: Record<string, string> = {},
): Promise<McpServer> {
  const response = await client.post<McpServer>('/api/mcp/servers', { name, transport: 'stdio', config }, headers);
  if (response.status !== 201) {
    throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** PATCHes a server's description (to a new value, so a `server.updated` event follows), reading its version first. */
export async function touchServer(client: ApiClient, serverId: string, description: string): Promise<McpServer> {
  const current = await client.get<McpServer>(`/api/mcp/servers/${serverId}`);
  if (current.body.description === description) {
    throw new Error(`${serverId} already has the description ${JSON.stringify(description)}: nothing would change`);
  }
  const response = await client.patch<McpServer>(`/api/mcp/servers/${serverId}`, { version: current.body.version, description });
  if (response.status !== 200) {
    throw new Error(`Updating ${serverId} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Creates a user with a role and signs them in. */
export async function createUser(api: ApiUnderTest, email: string, role: Role): Promise<{ user: User; token: string }> {
  const created = await api.post<User>('/api/mcp/users', { email, role, password: USER_PASSWORD });
  if (created.status !== 201) {
    throw new Error(`Creating ${email} failed with ${created.status}: ${JSON.stringify(created.body)}`);
  }
  return { user: created.body, token: await api.login(email, USER_PASSWORD) };
}

/** A failed sign-in: a `security` event (`auth.login_failed`) about no server. */
export async function failLogin(api: ApiUnderTest, email: string): Promise<void> {
  const response = await api.anonymous.post('/api/auth/login', { email, password: 'wrong-password-000' });
  if (response.status !== 401) {
    throw new Error(`A wrong password for ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

export async function whoAmI(client: ApiClient): Promise<Principal> {
  return (await client.get<Principal>('/api/auth/me')).body;
}

export async function eventPage(client: ApiClient, params: Record<string, string | number | undefined>): Promise<EventPage> {
  const response = await client.get<EventPage>(`/api/mcp/events${qs(params)}`);
  if (response.status !== 200) {
    throw new Error(`GET /api/mcp/events${qs(params)} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Every event matching `params`, oldest first, read page by page with `afterSeq`. */
export async function allEvents(client: ApiClient, params: Record<string, string | number | undefined> = {}): Promise<FleetEvent[]> {
  const events: FleetEvent[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await eventPage(client, { ...params, afterSeq, limit: 1000 });
    events.push(...page.items);
    if (page.nextCursor === null) {
      return events;
    }
    afterSeq = page.nextCursor;
  }
}

export const seqs = (events: { seq: number }[]): number[] => events.map((e) => e.seq);
