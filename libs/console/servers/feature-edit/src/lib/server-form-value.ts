import type { ToolPolicyChoice } from '@mcp-fleet/console/servers/util';
import {
  type ConfigValue,
  DEFAULT_SERVER_PROTOCOL,
  isSecretValue,
  type McpServer,
  type NumericConfigField,
  type RegisterServerRequest,
  REMOTE_TRANSPORTS,
  SERVER_CONFIG_BOUNDS,
  type ServerConfigPatch,
  type ServerProtocol,
  type ServerTransport,
  type UpdateServerRequest,
} from '@mcp-fleet/shared/contracts';

import type { ImportedServer, ImportedValue } from './mcp-servers-import';

/** One env variable or header row of the form. */
export interface ConfigRowValue {
  name: string;
  value: string;
  secret: boolean;
  /** The server holds a secret for this name; an empty value keeps it. */
  stored: boolean;
}

export const NUMERIC_FIELDS = Object.keys(SERVER_CONFIG_BOUNDS) as NumericConfigField[];

export type AdvancedValue = Record<NumericConfigField, number | null> & {
  stopExitCodes: string;
  protocol: ServerProtocol;
  /** `default`: no policy of its own, the fleet default applies. */
  toolPolicy: ToolPolicyChoice;
};

/** Everything the form holds, as plain data (both transport families, whichever is in use). */
export interface ServerFormValue {
  name: string;
  description: string;
  type: string;
  tags: string[];
  enabled: boolean;
  transport: ServerTransport;
  stdio: { command: string; args: string[]; env: ConfigRowValue[]; cwd: string };
  remote: { url: string; headers: ConfigRowValue[] };
  advanced: AdvancedValue;
}

export function isRemoteTransport(transport: ServerTransport): boolean {
  return REMOTE_TRANSPORTS.includes(transport);
}

function emptyAdvanced(): AdvancedValue {
  const numbers = Object.fromEntries(NUMERIC_FIELDS.map((field) => [field, null])) as Record<NumericConfigField, null>;
  return { ...numbers, stopExitCodes: '', protocol: DEFAULT_SERVER_PROTOCOL, toolPolicy: 'default' };
}

export function emptyFormValue(): ServerFormValue {
  return {
    name: '',
    description: '',
    type: '',
    tags: [],
    enabled: true,
    transport: 'stdio',
    stdio: { command: '', args: [], env: [], cwd: '' },
    remote: { url: '', headers: [] },
    advanced: emptyAdvanced(),
  };
}

function rowsFromConfig(map: Record<string, ConfigValue> | undefined): ConfigRowValue[] {
  return Object.entries(map ?? {}).map(([name, value]) =>
    isSecretValue(value)
      ? { name, value: '', secret: true, stored: value.value === undefined }
      : { name, value, secret: false, stored: false },
  );
}

/** The form as it starts when editing: numeric fields at their default stay empty (empty = default). */
export function formValueFromServer(server: McpServer): ServerFormValue {
  const config = server.config;
  const advanced = emptyAdvanced();
  for (const field of NUMERIC_FIELDS) {
    const value = config[field];
    advanced[field] = value === undefined || value === SERVER_CONFIG_BOUNDS[field].default ? null : value;
  }
  advanced.stopExitCodes = (config.stopExitCodes ?? []).join(', ');
  advanced.protocol = config.protocol ?? DEFAULT_SERVER_PROTOCOL;
  advanced.toolPolicy = config.toolPolicy ?? 'default';
  return {
    name: server.name,
    description: server.description,
    type: server.type,
    tags: [...server.tags],
    enabled: server.enabled,
    transport: server.transport,
    stdio: { command: config.command ?? '', args: [...(config.args ?? [])], env: rowsFromConfig(config.env), cwd: config.cwd ?? '' },
    remote: { url: config.url ?? '', headers: rowsFromConfig(config.headers) },
    advanced,
  };
}

function importedRows(values: ImportedValue[]): ConfigRowValue[] {
  return values.map((v) => ({ name: v.name, value: v.value, secret: v.secret, stored: false }));
}

/** Prefills the form from one imported server, keeping what the snippet does not say. */
export function formValueFromImport(base: ServerFormValue, server: ImportedServer): ServerFormValue {
  return {
    ...base,
    name: server.name,
    enabled: server.enabled,
    transport: server.transport,
    stdio: { command: server.command ?? '', args: [...server.args], env: importedRows(server.env), cwd: server.cwd ?? '' },
    remote: { url: server.url ?? '', headers: importedRows(server.headers) },
  };
}

/** "0, 143" → [0, 143]; null when a piece is not a whole number. */
export function parseExitCodes(text: string): number[] | null {
  const parts = text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (!parts.every((part) => /^\d+$/.test(part))) {
    return null;
  }
  return parts.map(Number);
}

/**
 * Rows as the API takes them: a secret with a new value is sent as `{ secret, value }`, a
 * stored secret left blank as `{ secret: true }` (keep it), anything else as plain text.
 */
export function configValueMap(rows: ConfigRowValue[]): Record<string, ConfigValue> {
  // fromEntries defines own properties, so a header named "__proto__" stays a plain key.
  return Object.fromEntries(
    rows.map((row): [string, ConfigValue] => {
      if (!row.secret) {
        return [row.name.trim(), row.value];
      }
      return [row.name.trim(), row.stored && row.value === '' ? { secret: true } : { secret: true, value: row.value }];
    }),
  );
}

type ConfigFields = Omit<ServerConfigPatch, NumericConfigField>;

/** The transport-specific config of the family in use, each field undefined when empty. */
function transportConfig(value: ServerFormValue): ConfigFields {
  if (isRemoteTransport(value.transport)) {
    const { url, headers } = value.remote;
    return { url: url.trim() || undefined, headers: headers.length > 0 ? configValueMap(headers) : undefined };
  }
  const { command, args, env, cwd } = value.stdio;
  return {
    command: command.trim() || undefined,
    args: args.length > 0 ? [...args] : undefined,
    env: env.length > 0 ? configValueMap(env) : undefined,
    cwd: cwd.trim() || undefined,
  };
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** A full registration: empty optional fields are left out so the API applies its defaults. */
export function toRegisterRequest(value: ServerFormValue): RegisterServerRequest {
  const config: ServerConfigPatch = { ...transportConfig(value) };
  for (const field of NUMERIC_FIELDS) {
    config[field] = value.advanced[field] ?? undefined;
  }
  const codes = parseExitCodes(value.advanced.stopExitCodes) ?? [];
  config.stopExitCodes = codes.length > 0 ? codes : undefined;
  // Like the numbers: the default is not sent, so the API's default stays in charge.
  config.protocol = value.advanced.protocol === DEFAULT_SERVER_PROTOCOL ? undefined : value.advanced.protocol;
  config.toolPolicy = value.advanced.toolPolicy === 'default' ? undefined : value.advanced.toolPolicy;
  return withoutUndefined({
    name: value.name.trim(),
    description: value.description.trim() || undefined,
    type: value.type.trim() || undefined,
    transport: value.transport,
    enabled: value.enabled,
    tags: value.tags.length > 0 ? [...value.tags] : undefined,
    config: withoutUndefined(config),
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what changed since the form was loaded, plus `version`. A field emptied is sent as
 * null (removed, or back to its default); switching between stdio and a remote transport
 * sends the new family whole, and the API drops the old one.
 */
export function toUpdateRequest(initial: ServerFormValue, current: ServerFormValue, version: number): UpdateServerRequest {
  const request: UpdateServerRequest = { version };
  const before = toRegisterRequest(initial);
  const after = toRegisterRequest(current);
  if (after.name !== before.name) request.name = after.name;
  if ((after.description ?? '') !== (before.description ?? '')) request.description = after.description ?? '';
  if ((after.type ?? '') !== (before.type ?? '')) request.type = after.type ?? 'custom';
  if (after.transport !== before.transport) request.transport = after.transport;
  if (after.enabled !== before.enabled) request.enabled = after.enabled;
  if (!same(after.tags ?? [], before.tags ?? [])) request.tags = after.tags ?? [];

  const familyChanged = isRemoteTransport(initial.transport) !== isRemoteTransport(current.transport);
  const config: ServerConfigPatch = {};
  const oldConfig = familyChanged ? {} : transportConfig(initial);
  for (const [key, next] of Object.entries(transportConfig(current)) as [keyof ConfigFields, unknown][]) {
    const previous = oldConfig[key];
    if (!same(next, previous) && !(next === undefined && familyChanged)) {
      (config as Record<string, unknown>)[key] = next ?? null;
    }
  }
  for (const field of NUMERIC_FIELDS) {
    const bounds = SERVER_CONFIG_BOUNDS[field];
    const next = current.advanced[field];
    if ((next ?? bounds.default) !== (initial.advanced[field] ?? bounds.default)) {
      config[field] = next;
    }
  }
  const nextCodes = after.config.stopExitCodes ?? [];
  if (!same(nextCodes, before.config.stopExitCodes ?? [])) {
    config.stopExitCodes = nextCodes.length > 0 ? nextCodes : null;
  }
  const nextProtocol = after.config.protocol ?? DEFAULT_SERVER_PROTOCOL;
  if (nextProtocol !== (before.config.protocol ?? DEFAULT_SERVER_PROTOCOL)) {
    config.protocol = nextProtocol === DEFAULT_SERVER_PROTOCOL ? null : nextProtocol;
  }
  // No policy of its own is null in an update: the server follows the fleet default again.
  const nextPolicy = after.config.toolPolicy ?? null;
  if (nextPolicy !== (before.config.toolPolicy ?? null)) {
    config.toolPolicy = nextPolicy;
  }
  if (Object.keys(config).length > 0) {
    request.config = config;
  }
  return request;
}

/** True when the update carries nothing but the version. */
export function isEmptyUpdate(request: UpdateServerRequest): boolean {
  return Object.keys(request).length === 1;
}
