import { isDeepStrictEqual } from 'node:util';

import type { RegistryServer } from '@mcp-fleet/api/servers/data-access';

import { toPublicServer } from './public-server';

export interface FieldChange {
  /** Dotted path: `description`, `config.args`, `config.env.API_KEY`. */
  field: string;
  before: unknown;
  after: unknown;
  /** True for secret values, which are shown as `{ secret: true }` on both sides. */
  secret?: true;
}

const DIFFED_FIELDS = ['name', 'description', 'type', 'transport', 'enabled', 'tags'] as const;
/** Config maps compared key by key, so one changed variable shows as one change. */
const CONFIG_MAPS = new Set(['env', 'headers']);

/**
 * What an update changed, field by field, computed on the stored (sealed) values so a changed
 * secret is noticed, and shown with the public (masked) values so no secret leaves the server.
 */
export function diffServers(before: RegistryServer, after: RegistryServer): FieldChange[] {
  const shownBefore = toPublicServer(before);
  const shownAfter = toPublicServer(after);
  const changes: FieldChange[] = [];
  for (const field of DIFFED_FIELDS) {
    if (!isDeepStrictEqual(before[field], after[field])) {
      changes.push({ field, before: before[field], after: after[field] });
    }
  }
  const configBefore = before.config as unknown as Record<string, unknown>;
  const configAfter = after.config as unknown as Record<string, unknown>;
  const shownConfigBefore = shownBefore.config as unknown as Record<string, unknown>;
  const shownConfigAfter = shownAfter.config as unknown as Record<string, unknown>;
  for (const key of unionKeys(configBefore, configAfter)) {
    if (CONFIG_MAPS.has(key)) {
      const mapBefore = (configBefore[key] ?? {}) as Record<string, unknown>;
      const mapAfter = (configAfter[key] ?? {}) as Record<string, unknown>;
      const shownMapBefore = (shownConfigBefore[key] ?? {}) as Record<string, unknown>;
      const shownMapAfter = (shownConfigAfter[key] ?? {}) as Record<string, unknown>;
      for (const name of unionKeys(mapBefore, mapAfter)) {
        if (!isDeepStrictEqual(mapBefore[name], mapAfter[name])) {
          const secret = isSecret(mapBefore[name]) || isSecret(mapAfter[name]);
          changes.push({
            field: `config.${key}.${name}`,
            before: shownMapBefore[name] ?? null,
            after: shownMapAfter[name] ?? null,
            ...(secret ? { secret: true as const } : {}),
          });
        }
      }
    } else if (!isDeepStrictEqual(configBefore[key], configAfter[key])) {
      changes.push({ field: `config.${key}`, before: shownConfigBefore[key] ?? null, after: shownConfigAfter[key] ?? null });
    }
  }
  return changes;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function isSecret(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { secret?: unknown }).secret === true;
}
