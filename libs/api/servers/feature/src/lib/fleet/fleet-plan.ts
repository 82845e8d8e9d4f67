import { isDeepStrictEqual } from 'node:util';

import { isSealed, SECRET_FIELDS } from '@mcp-fleet/api/servers/data-access';
import {
  type FleetDocument,
  type FleetPlanItem,
  type FleetServer,
  isSecretValue,
  type McpServer,
  SERVER_LIMITS,
  type ServerConfig,
} from '@mcp-fleet/shared/contracts';

import { withDefaults } from '../domain/server-config.rules';

const SECRET_MAPS = new Set<string>(SECRET_FIELDS);

/** A document server with the defaults a registration would give it. */
export function registrationOf(server: FleetServer): Required<Omit<FleetServer, 'config' | 'disabledTools'>> & { config: ServerConfig } {
  return {
    name: server.name,
    description: server.description ?? '',
    type: server.type ?? SERVER_LIMITS.defaultType,
    transport: server.transport,
    config: withDefaults(server.config),
    enabled: server.enabled ?? true,
    tags: [...new Set((server.tags ?? []).map((tag) => tag.trim().toLowerCase()))],
  };
}

/** The tools a document server switches off: each once, sorted (left out: none). */
export function disabledToolsOf(server: FleetServer): string[] {
  return [...new Set(server.disabledTools ?? [])].sort();
}

/** The changed path of a tool switched off or on: `disabledTools.<tool>`. */
export const TOOL_SWITCH_PATH = 'disabledTools.';

/**
 * What applying the document would do, server by server (matched by name). Computed on the stored
 * values, so a secret counts as changed when the document sets one, and no value is ever shown.
 * `disabled` holds the tools switched off now, by server id.
 */
export function planFleet(
  document: FleetDocument,
  stored: McpServer[],
  prune: boolean,
  disabled: ReadonlyMap<string, readonly string[]> = new Map(),
): FleetPlanItem[] {
  const byName = new Map(stored.map((server) => [server.name, server]));
  const items: FleetPlanItem[] = document.servers.map((server, index) => {
    const current = byName.get(server.name);
    const wanted = registrationOf(server);
    const refusal = missingSecret(wanted.config, current?.config, index);
    if (!current) {
      return { name: server.name, action: 'create', changedPaths: [], ...(refusal ? { refusal } : {}) };
    }
    const changedPaths = [
      ...changedPathsOf(current, wanted),
      ...switchedTools(disabled.get(current.id) ?? [], disabledToolsOf(server)).map((tool) => `${TOOL_SWITCH_PATH}${tool}`),
    ];
    return {
      name: server.name,
      serverId: current.id,
      action: changedPaths.length > 0 ? 'update' : 'unchanged',
      changedPaths,
      ...(refusal ? { refusal } : {}),
    };
  });
  if (prune) {
    const named = new Set(document.servers.map((server) => server.name));
    for (const server of [...stored].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!named.has(server.name)) {
        items.push({ name: server.name, serverId: server.id, action: 'delete', changedPaths: [] });
      }
    }
  }
  return items;
}

/** A `{ secret: true }` reference keeps a stored secret: there must be one to keep. */
function missingSecret(config: ServerConfig, current: ServerConfig | undefined, index: number): FleetPlanItem['refusal'] {
  for (const field of SECRET_FIELDS) {
    for (const [key, value] of Object.entries(config[field] ?? {})) {
      if (isSecretValue(value) && value.value === undefined && !isSealed(current?.[field]?.[key])) {
        return {
          code: 'VALIDATION_FAILED',
          path: `servers[${index}].config.${field}.${key}`,
          message: `config.${field}.${key} references a secret that is not stored; give it a value`,
        };
      }
    }
  }
  return undefined;
}

function changedPathsOf(current: McpServer, wanted: ReturnType<typeof registrationOf>): string[] {
  const paths: string[] = [];
  for (const field of ['name', 'description', 'type', 'transport', 'enabled', 'tags'] as const) {
    if (!isDeepStrictEqual(current[field], wanted[field])) {
      paths.push(field);
    }
  }
  const before = current.config as unknown as Record<string, unknown>;
  const after = wanted.config as unknown as Record<string, unknown>;
  for (const key of unionKeys(before, after)) {
    if (SECRET_MAPS.has(key)) {
      const mapBefore = (before[key] ?? {}) as Record<string, unknown>;
      const mapAfter = (after[key] ?? {}) as Record<string, unknown>;
      for (const name of unionKeys(mapBefore, mapAfter)) {
        if (!sameEntry(mapBefore[name], mapAfter[name])) {
          paths.push(`config.${key}.${name}`);
        }
      }
    } else if (!isDeepStrictEqual(before[key], after[key])) {
      paths.push(`config.${key}`);
    }
  }
  return paths;
}

/** A stored entry against a document entry: a bare reference keeps a sealed secret; a value changes it. */
function sameEntry(stored: unknown, wanted: unknown): boolean {
  if (isSecretValue(wanted as never)) {
    return (wanted as { value?: string }).value === undefined && isSealed(stored);
  }
  return !isSealed(stored) && isDeepStrictEqual(stored, wanted);
}

/** The tools whose switch differs: off now and on in the document, or the other way round; sorted. */
export function switchedTools(current: readonly string[], wanted: readonly string[]): string[] {
  const now = new Set(current);
  const next = new Set(wanted);
  return [...new Set([...now, ...next])].filter((tool) => now.has(tool) !== next.has(tool)).sort();
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
