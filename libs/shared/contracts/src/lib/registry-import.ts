import type { McpServer, RegisterServerRequest } from './server';

/**
 * The MCP Registry's `server.json` (schema 2025-12-11), as far as an import reads it. The API
 * checks every field it uses; these types describe the document, they do not vouch for it.
 */
export interface RegistryInput {
  description?: string;
  isRequired?: boolean;
  isSecret?: boolean;
  format?: 'string' | 'number' | 'boolean' | 'filepath';
  value?: string;
  default?: string;
  placeholder?: string;
  choices?: string[];
  variables?: Record<string, RegistryInput>;
}

export interface RegistryArgument extends RegistryInput {
  type: 'positional' | 'named';
  /** named: the flag, dashes included (`--port`). */
  name?: string;
  /** positional: a label for the value; not part of the command line. */
  valueHint?: string;
  isRepeated?: boolean;
}

export interface RegistryKeyValueInput extends RegistryInput {
  name: string;
}

export interface RegistryPackage {
  registryType: string;
  registryBaseUrl?: string;
  identifier: string;
  version?: string;
  runtimeHint?: string;
  transport: { type: string; url?: string; headers?: RegistryKeyValueInput[] };
  runtimeArguments?: RegistryArgument[];
  packageArguments?: RegistryArgument[];
  environmentVariables?: RegistryKeyValueInput[];
}

export interface RegistryRemote {
  type: string;
  url: string;
  headers?: RegistryKeyValueInput[];
  variables?: Record<string, RegistryInput>;
}

export interface RegistryServerJson {
  $schema?: string;
  name: string;
  description: string;
  version: string;
  title?: string;
  websiteUrl?: string;
  packages?: RegistryPackage[];
  remotes?: RegistryRemote[];
}

/** The package registries whose packages an import turns into a stdio command. */
export const REGISTRY_IMPORT_PACKAGE_TYPES = ['npm', 'pypi', 'oci'] as const;
export type RegistryImportPackageType = (typeof REGISTRY_IMPORT_PACKAGE_TYPES)[number];

/** `POST /api/mcp/servers/import/registry[/preview]` query: which entry to import, under which name. */
export interface RegistryImportParams {
  /** Index in `packages` to import. */
  package?: number;
  /** Index in `remotes` to import (only without `package`). */
  remote?: number;
  /** Register under this name instead of the one derived from the document's name. */
  name?: string;
}

/** Which entry of the document the registration was made from. */
export type RegistryImportSource =
  | { kind: 'package'; index: number; registryType: string; identifier: string; version: string | null }
  | { kind: 'remote'; index: number; type: string; url: string };

/**
 * A value the document declares but does not give (no value, no default): the operator sets it
 * (a `PATCH` of `field`) before the server can work. A required one keeps the server disabled.
 */
export interface RegistryImportValueToFill {
  /** Where it goes: `config.env.API_KEY`, `config.headers.Authorization` or `config.args`. */
  field: string;
  /** The variable, header or argument name (`--port`, a positional's `valueHint`). */
  name: string;
  /** JSON path of its declaration in the document (`packages[0].environmentVariables[1]`). */
  path: string;
  required: boolean;
  secret: boolean;
  description: string | null;
}

export interface RegistryImportResponse {
  /** The registration made from the document, secrets masked (what was, or would be, registered). */
  registration: RegisterServerRequest;
  source: RegistryImportSource;
  /** Every declared value the document leaves open; empty when the server is complete. */
  toFill: RegistryImportValueToFill[];
  /** The registered server; null for a preview. */
  server: McpServer | null;
}

/**
 * Tells a `server.json` from other documents (a Claude-style `mcpServers` file) by its shape.
 * Only the recognition lives here; what a document becomes is decided by the API alone.
 */
export function isRegistryServerJson(document: unknown): boolean {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return false;
  const doc = document as Record<string, unknown>;
  if ('mcpServers' in doc) return false;
  const server = typeof doc['server'] === 'object' && doc['server'] !== null ? (doc['server'] as Record<string, unknown>) : doc;
  return (
    (typeof server['$schema'] === 'string' && server['$schema'].includes('server.schema.json')) ||
    Array.isArray(server['packages']) ||
    Array.isArray(server['remotes'])
  );
}
