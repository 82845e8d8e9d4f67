import type { DirectoryEntry } from '@mcp-fleet/api/runtime/data-access';
import { FLEET_URI_SCHEME, fleetName, type Principal, principalMayUse, splitFleetName } from '@mcp-fleet/shared/contracts';

import { RPC, RpcFailure } from './json-rpc';

/** Items per page of a fleet-endpoint list (a server's own endpoint pages as the server does). */
export const PAGE_SIZE = 500;

/** Where a request goes: the fleet (`/mcp`) or one server (`/mcp/<name>`). */
export type Endpoint = { kind: 'fleet' } | { kind: 'server'; name: string };

/** Whether a server is in a principal's view: registered, running, and within its token's scope. */
export function visible(entry: DirectoryEntry, principal: Principal): boolean {
  return entry.server.state === 'running' && principalMayUse(principal, entry.server.id);
}

type Item = Record<string, unknown>;

/** The tools a client sees from one server: switched-off ones are hidden. */
export function enabledTools(entry: DirectoryEntry, tools: readonly Item[]): Item[] {
  return entry.disabledTools.size === 0 ? [...tools] : tools.filter((tool) => !entry.disabledTools.has(String(tool['name'])));
}

/**
 * The fleet endpoint's view of the servers a principal may use: tools and prompts named
 * `<server>__<name>`, resources under their own URI unless two servers list the same one (then
 * both are `mcp-fleet://<server>/<encoded uri>`), and the way back from each name to its server.
 */
export class FleetView {
  private readonly byName = new Map<string, DirectoryEntry>();

  constructor(readonly entries: readonly DirectoryEntry[]) {
    for (const entry of entries) {
      this.byName.set(entry.server.name, entry);
    }
  }

  tools(): Item[] {
    return this.entries.flatMap((entry) =>
      enabledTools(entry, entry.catalog?.tools ?? []).map((tool) => ({
        ...tool,
        name: fleetName(entry.server.name, String(tool['name'])),
      })),
    );
  }

  prompts(): Item[] {
    return this.entries.flatMap((entry) =>
      (entry.catalog?.prompts ?? []).map((prompt) => ({ ...prompt, name: fleetName(entry.server.name, String(prompt['name'])) })),
    );
  }

  resources(): Item[] {
    const owners = this.uriOwners();
    return this.entries.flatMap((entry) =>
      (entry.catalog?.resources ?? []).map((resource) => {
        const uri = String(resource['uri']);
        return (owners.get(uri) ?? 0) > 1 ? { ...resource, uri: fleetUri(entry.server.name, uri) } : resource;
      }),
    );
  }

  /** The server and its own name behind a prefixed tool or prompt name. */
  route(prefixed: unknown, what: 'tool' | 'prompt'): { entry: DirectoryEntry; name: string } {
    const split = typeof prefixed === 'string' ? splitFleetName(prefixed, (name) => this.byName.has(name)) : null;
    const entry = split ? this.byName.get(split.serverName) : undefined;
    if (!split || !entry) {
      throw new RpcFailure(RPC.invalidParams, `Unknown ${what}: ${String(prefixed)} (fleet names are <server>__<${what}>)`);
    }
    return { entry, name: split.name };
  }

  /**
   * The server behind a resource URI: an `mcp-fleet://` URI names it; otherwise the one server
   * that lists the URI; otherwise the server whose resource template's fixed prefix matches
   * longest (templates as last listed).
   */
  routeUri(uri: unknown, templates: ReadonlyMap<string, readonly string[]>): { entry: DirectoryEntry; uri: string } {
    if (typeof uri !== 'string' || uri.length === 0) {
      throw new RpcFailure(RPC.invalidParams, 'uri is required');
    }
    const named = parseFleetUri(uri);
    if (named) {
      const entry = this.byName.get(named.serverName);
      if (entry) {
        return { entry, uri: named.uri };
      }
    }
    const listing = this.entries.filter((entry) => (entry.catalog?.resources ?? []).some((resource) => resource['uri'] === uri));
    if (listing.length === 1) {
      return { entry: listing[0], uri };
    }
    let best: { entry: DirectoryEntry; length: number } | undefined;
    for (const entry of this.entries) {
      for (const template of templates.get(entry.server.id) ?? []) {
        const prefix = template.split('{')[0];
        if (prefix.length > 0 && uri.startsWith(prefix) && (!best || prefix.length > best.length)) {
          best = { entry, length: prefix.length };
        }
      }
    }
    if (best) {
      return { entry: best.entry, uri };
    }
    throw new RpcFailure(RPC.resourceNotFound, `No server of the fleet offers ${uri}`, { uri });
  }

  private uriOwners(): Map<string, number> {
    const owners = new Map<string, number>();
    for (const entry of this.entries) {
      for (const resource of entry.catalog?.resources ?? []) {
        const uri = String(resource['uri']);
        owners.set(uri, (owners.get(uri) ?? 0) + 1);
      }
    }
    return owners;
  }
}

export function fleetUri(serverName: string, uri: string): string {
  return `${FLEET_URI_SCHEME}//${encodeURIComponent(serverName)}/${encodeURIComponent(uri)}`;
}

export function parseFleetUri(uri: string): { serverName: string; uri: string } | null {
  const prefix = `${FLEET_URI_SCHEME}//`;
  if (!uri.startsWith(prefix)) {
    return null;
  }
  const rest = uri.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) {
    return null;
  }
  try {
    return { serverName: decodeURIComponent(rest.slice(0, slash)), uri: decodeURIComponent(rest.slice(slash + 1)) };
  } catch {
    return null;
  }
}

/** One page of a list and the cursor of the next (an offset, opaque to clients). */
export function page(items: Item[], cursor: unknown): { items: Item[]; nextCursor?: string } {
  let offset = 0;
  if (cursor !== undefined) {
    const decoded = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64url').toString()) : NaN;
    if (!Number.isInteger(decoded) || decoded < 0) {
      throw new RpcFailure(RPC.invalidParams, 'Invalid cursor');
    }
    offset = decoded;
  }
  const slice = items.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE;
  return next < items.length ? { items: slice, nextCursor: Buffer.from(String(next)).toString('base64url') } : { items: slice };
}
