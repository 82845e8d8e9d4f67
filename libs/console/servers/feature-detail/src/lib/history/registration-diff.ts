import { SECRET_MASK } from '@mcp-fleet/console/servers/util';
import { type ConfigValue, isSecretValue, type McpServer, type ServerRegistration } from '@mcp-fleet/shared/contracts';

/** One line of a side-by-side diff: a path and its value on each side (null: not set there). */
export interface DiffRow {
  path: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

/** Top-level fields first, in the order the form shows them; config keys follow. */
const TOP_LEVEL = ['name', 'description', 'type', 'transport', 'enabled', 'tags'] as const;
/** Config keys whose value is a name → value map, shown one line per name. */
const MAPS = new Set(['env', 'headers']);

function text(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (isSecretValue(value as ConfigValue)) {
    return SECRET_MASK;
  }
  return JSON.stringify(value);
}

/**
 * A registration as `path → value` lines (`config.env.MODE` → `prod`), secrets as the mask:
 * the masked registration the API gives, flattened the way `changes` names its paths.
 */
export function registrationLines(registration: ServerRegistration): Map<string, string> {
  const lines = new Map<string, string>();
  for (const field of TOP_LEVEL) {
    const value = registration[field];
    if (value !== undefined && value !== null) {
      lines.set(field, Array.isArray(value) ? value.join(', ') : text(value));
    }
  }
  const config = registration.config as unknown as Record<string, unknown>;
  for (const key of Object.keys(config).sort()) {
    const value = config[key];
    if (value === undefined || value === null) {
      continue;
    }
    if (MAPS.has(key) && typeof value === 'object' && !Array.isArray(value)) {
      for (const name of Object.keys(value).sort()) {
        lines.set(`config.${key}.${name}`, text((value as Record<string, unknown>)[name]));
      }
    } else {
      lines.set(`config.${key}`, text(value));
    }
  }
  return lines;
}

/** Both registrations line by line, aligned by path; a path set on one side only counts as changed. */
export function diffRegistrations(before: ServerRegistration, after: ServerRegistration): DiffRow[] {
  const left = registrationLines(before);
  const right = registrationLines(after);
  const paths = [...left.keys()];
  for (const path of right.keys()) {
    if (!left.has(path)) {
      paths.push(path);
    }
  }
  return paths.map((path) => {
    const a = left.get(path) ?? null;
    const b = right.get(path) ?? null;
    return { path, before: a, after: b, changed: a !== b };
  });
}

/** What a server's registration is now, in the shape a revision keeps. */
export function currentRegistration(server: McpServer): ServerRegistration {
  const { name, description, type, transport, enabled, tags, config } = server;
  return { name, description, type, transport, enabled, tags, config };
}
