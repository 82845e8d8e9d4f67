import { createHash } from 'node:crypto';

import type { DefinitionToApprove, StoredCatalog } from '@mcp-fleet/api/runtime/data-access';
import type { CatalogKindName, DriftItem } from '@mcp-fleet/shared/contracts';

/**
 * What of a definition counts for drift: what a client (and its model) is told. A tool's name,
 * title, description, input and output schema and annotations; a resource's URI, name, title,
 * description and MIME type; a prompt's name, title, description and arguments. Other fields
 * (`_meta`, icons) may change freely.
 */
const FIELDS: Record<CatalogKindName, readonly string[]> = {
  tools: ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'],
  resources: ['uri', 'name', 'title', 'description', 'mimeType'],
  prompts: ['name', 'title', 'description', 'arguments'],
};

/** The identity of a definition in its list: the name, or a resource's URI. */
function keyOf(kind: CatalogKindName, item: Record<string, unknown>): string | undefined {
  const key = kind === 'resources' ? item['uri'] : item['name'];
  return typeof key === 'string' ? key : undefined;
}

/** The fields that count, in a fixed order. */
function definitionOf(kind: CatalogKindName, item: Record<string, unknown>): Record<string, unknown> {
  const definition: Record<string, unknown> = {};
  for (const field of FIELDS[kind]) {
    if (item[field] !== undefined) {
      definition[field] = item[field];
    }
  }
  return definition;
}

/** JSON with object keys sorted at every depth: the same definition always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Every definition of a catalog, hashed. */
export function definitionsOf(catalog: Pick<StoredCatalog, 'tools' | 'resources' | 'prompts'>): DefinitionToApprove[] {
  const kinds: CatalogKindName[] = ['tools', 'resources', 'prompts'];
  return kinds.flatMap((kind) =>
    catalog[kind].flatMap((item) => {
      const name = keyOf(kind, item);
      if (name === undefined) {
        return [];
      }
      const definition = definitionOf(kind, item);
      return [{ kind, name, definition, hash: createHash('sha256').update(canonical(definition)).digest('hex') }];
    }),
  );
}

/** How the current definitions differ from the approved ones. */
export function driftBetween(approved: readonly DefinitionToApprove[], current: readonly DefinitionToApprove[]): DriftItem[] {
  const key = (item: Pick<DefinitionToApprove, 'kind' | 'name'>) => `${item.kind}\u0000${item.name}`;
  const approvedByKey = new Map(approved.map((item) => [key(item), item]));
  const currentKeys = new Set(current.map(key));
  const items: DriftItem[] = [];
  for (const item of current) {
    const before = approvedByKey.get(key(item));
    if (!before) {
      items.push({ kind: item.kind, name: item.name, drift: 'new', current: item.definition });
    } else if (before.hash !== item.hash) {
      items.push({
        kind: item.kind,
        name: item.name,
        drift: 'changed',
        approved: before.definition,
        current: item.definition,
        changedFields: FIELDS[item.kind].filter((field) => canonical(before.definition[field]) !== canonical(item.definition[field])),
      });
    }
  }
  for (const item of approved) {
    if (!currentKeys.has(key(item))) {
      items.push({ kind: item.kind, name: item.name, drift: 'removed', approved: item.definition });
    }
  }
  return items;
}
