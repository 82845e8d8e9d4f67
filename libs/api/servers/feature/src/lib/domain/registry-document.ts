import type { FieldError, RegistryImportParams } from '@mcp-fleet/shared/contracts';
import { SERVER_LIMITS as L } from '@mcp-fleet/shared/contracts';

/**
 * Reads a `server.json` (MCP Registry schema 2025-12-11) defensively: every field the import
 * uses is checked for its type and shape, and every problem names its JSON path in the
 * document. What the fields become is `registry-mapping.ts`'s business.
 */

export type Json = Record<string, unknown>;

export interface CheckedInput {
  value?: string;
  default?: string;
  description?: string;
  isRequired: boolean;
  isSecret: boolean;
  variables: Record<string, CheckedInput>;
}

export interface CheckedArgument extends CheckedInput {
  type: 'positional' | 'named';
  name?: string;
  valueHint?: string;
}

export interface CheckedKeyValue extends CheckedInput {
  name: string;
}

export interface CheckedPackage {
  registryType: 'npm' | 'pypi' | 'oci';
  identifier: string;
  version?: string;
  runtimeArguments: CheckedArgument[];
  packageArguments: CheckedArgument[];
  environmentVariables: CheckedKeyValue[];
}

export interface CheckedRemote {
  type: 'streamable-http' | 'sse';
  url: string;
  headers: CheckedKeyValue[];
  variables: Record<string, CheckedInput>;
}

export type Selected =
  | { kind: 'package'; index: number; path: string; entry: CheckedPackage }
  | { kind: 'remote'; index: number; path: string; entry: CheckedRemote };

export interface CheckedDocument {
  /** `''`, or `server.` when the document came wrapped as the registry API serves it. */
  base: string;
  name: string;
  description: string;
  version: string;
  selected: Selected;
}

const PACKAGE_TYPES = ['npm', 'pypi', 'oci'];
const REMOTE_TYPES = ['streamable-http', 'sse'];
/** The registry's own rule for server names (reverse-DNS namespace, one slash). */
const REGISTRY_NAME = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;
/**
 * Identifiers and versions end up as arguments of npx, uvx or docker: none may start with a
 * dash (it would be read as an option) or carry whitespace or shell-looking characters.
 */
const IDENTIFIER: Record<CheckedPackage['registryType'], RegExp> = {
  npm: /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/,
  pypi: /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
  oci: /^[a-z0-9][A-Za-z0-9._/:@-]*$/,
};
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+_-]*$/;

export class DocumentProblems {
  readonly list: FieldError[] = [];
  add(path: string, message: string): void {
    this.list.push({ field: path, messages: [message] });
  }
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalString(parent: Json, key: string, path: string, problems: DocumentProblems): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.add(`${path}.${key}`, `${key} must be a string`);
    return undefined;
  }
  return value;
}

function optionalBoolean(parent: Json, key: string, path: string, problems: DocumentProblems): boolean {
  const value = parent[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    problems.add(`${path}.${key}`, `${key} must be a boolean`);
    return false;
  }
  return value;
}

function optionalArray(parent: Json, key: string, path: string, problems: DocumentProblems): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(join(path, key), `${key} must be an array`);
    return [];
  }
  return value;
}

function readVariables(parent: Json, path: string, problems: DocumentProblems, depth: number): Record<string, CheckedInput> {
  const value = parent['variables'];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    problems.add(`${path}.variables`, 'variables must be an object');
    return {};
  }
  const out: Record<string, CheckedInput> = {};
  for (const [name, input] of Object.entries(value)) {
    const at = `${path}.variables.${name}`;
    if (!isObject(input)) {
      problems.add(at, 'a variable must be an object');
      continue;
    }
    // A variable is an Input: its own `variables` are not substituted (one level, as the schema says).
    out[name] = readInput(input, at, problems, depth + 1);
  }
  return out;
}

function readInput(input: Json, path: string, problems: DocumentProblems, depth = 0): CheckedInput {
  return {
    value: optionalString(input, 'value', path, problems),
    default: optionalString(input, 'default', path, problems),
    description: optionalString(input, 'description', path, problems),
    isRequired: optionalBoolean(input, 'isRequired', path, problems),
    isSecret: optionalBoolean(input, 'isSecret', path, problems),
    variables: depth === 0 ? readVariables(input, path, problems, depth) : {},
  };
}

function readArguments(parent: Json, key: string, path: string, problems: DocumentProblems): CheckedArgument[] {
  return optionalArray(parent, key, path, problems).flatMap((item, i): CheckedArgument[] => {
    const at = `${path}.${key}[${i}]`;
    if (!isObject(item)) {
      problems.add(at, 'an argument must be an object');
      return [];
    }
    const type = item['type'];
    if (type !== 'positional' && type !== 'named') {
      problems.add(`${at}.type`, 'type must be "positional" or "named"');
      return [];
    }
    const name = optionalString(item, 'name', at, problems);
    if (type === 'named' && !name) {
      problems.add(`${at}.name`, 'a named argument needs its flag name');
      return [];
    }
    if (type === 'positional' && item['value'] === undefined && item['valueHint'] === undefined) {
      problems.add(`${at}.value`, 'a positional argument needs a value or a valueHint');
      return [];
    }
    return [{ ...readInput(item, at, problems), type, name, valueHint: optionalString(item, 'valueHint', at, problems) }];
  });
}

function readKeyValues(parent: Json, key: string, path: string, pattern: RegExp, problems: DocumentProblems): CheckedKeyValue[] {
  return optionalArray(parent, key, path, problems).flatMap((item, i): CheckedKeyValue[] => {
    const at = `${path}.${key}[${i}]`;
    if (!isObject(item)) {
      problems.add(at, 'an entry must be an object');
      return [];
    }
    const name = item['name'];
    if (typeof name !== 'string' || !pattern.test(name)) {
      problems.add(`${at}.name`, `name must be a string matching ${pattern.source}`);
      return [];
    }
    return [{ ...readInput(item, at, problems), name }];
  });
}

function readPackage(item: Json, path: string, problems: DocumentProblems): CheckedPackage | undefined {
  const registryType = item['registryType'];
  if (typeof registryType !== 'string' || !PACKAGE_TYPES.includes(registryType)) {
    problems.add(
      `${path}.registryType`,
      `registryType ${JSON.stringify(registryType)} cannot be imported; supported: ${PACKAGE_TYPES.join(', ')}`,
    );
    return undefined;
  }
  const type = registryType as CheckedPackage['registryType'];
  const transport = item['transport'];
  if (!isObject(transport) || transport['type'] !== 'stdio') {
    problems.add(`${path}.transport.type`, 'only packages with the stdio transport can be imported');
  }
  const identifier = item['identifier'];
  if (typeof identifier !== 'string' || !IDENTIFIER[type].test(identifier) || identifier.length > 512) {
    problems.add(`${path}.identifier`, `identifier must be a ${type} package name`);
  }
  const version = optionalString(item, 'version', path, problems);
  if (version === undefined && type !== 'oci') {
    problems.add(`${path}.version`, `a ${type} package needs its version`);
  } else if (version !== undefined && (!VERSION.test(version) || version === 'latest' || version.length > 255)) {
    problems.add(`${path}.version`, 'version must be one specific version (no range, not "latest")');
  }
  return {
    registryType: type,
    identifier: typeof identifier === 'string' ? identifier : '',
    version,
    runtimeArguments: readArguments(item, 'runtimeArguments', path, problems),
    packageArguments: readArguments(item, 'packageArguments', path, problems),
    environmentVariables: readKeyValues(item, 'environmentVariables', path, L.envNamePattern, problems),
  };
}

function readRemote(item: Json, path: string, problems: DocumentProblems): CheckedRemote | undefined {
  const type = item['type'];
  if (typeof type !== 'string' || !REMOTE_TYPES.includes(type)) {
    problems.add(`${path}.type`, `type must be one of ${REMOTE_TYPES.join(', ')}`);
    return undefined;
  }
  const url = item['url'];
  if (typeof url !== 'string' || url.length === 0) {
    problems.add(`${path}.url`, 'url must be a non-empty string');
  }
  return {
    type: type as CheckedRemote['type'],
    url: typeof url === 'string' ? url : '',
    headers: readKeyValues(item, 'headers', path, L.headerNamePattern, problems),
    variables: readVariables(item, path, problems, 0),
  };
}

const supportedPackage = (item: unknown): boolean =>
  isObject(item) &&
  PACKAGE_TYPES.includes(item['registryType'] as string) &&
  isObject(item['transport']) &&
  item['transport']['type'] === 'stdio';
const supportedRemote = (item: unknown): boolean => isObject(item) && REMOTE_TYPES.includes(item['type'] as string);

function select(server: Json, base: string, choice: RegistryImportParams, problems: DocumentProblems): Selected | undefined {
  const parent = base.replace(/\.$/, '');
  const packages = optionalArray(server, 'packages', parent, problems);
  const remotes = optionalArray(server, 'remotes', parent, problems);
  let kind: 'package' | 'remote';
  let index: number;
  if (choice.package !== undefined) {
    [kind, index] = ['package', choice.package];
  } else if (choice.remote !== undefined) {
    [kind, index] = ['remote', choice.remote];
  } else {
    const firstPackage = packages.findIndex(supportedPackage);
    const firstRemote = remotes.findIndex(supportedRemote);
    if (firstPackage >= 0) {
      [kind, index] = ['package', firstPackage];
    } else if (firstRemote >= 0) {
      [kind, index] = ['remote', firstRemote];
    } else {
      // Nothing importable: name the first entry there is, so the answer points at the problem.
      [kind, index] = packages.length > 0 ? ['package', 0] : ['remote', 0];
      if (packages.length === 0 && remotes.length === 0) {
        problems.add(`${base}packages`, 'the document has neither packages nor remotes to import');
        return undefined;
      }
    }
  }
  const list = kind === 'package' ? packages : remotes;
  const path = `${base}${kind === 'package' ? 'packages' : 'remotes'}[${index}]`;
  const item = list[index];
  if (!isObject(item)) {
    problems.add(path, item === undefined ? `the document has no ${kind} at index ${index}` : `a ${kind} must be an object`);
    return undefined;
  }
  if (kind === 'package') {
    const entry = readPackage(item, path, problems);
    return entry && { kind, index, path, entry };
  }
  const entry = readRemote(item, path, problems);
  return entry && { kind, index, path, entry };
}

/** Checks the document and picks the package or remote to import; the problems carry JSON paths. */
export function readRegistryDocument(body: unknown, choice: RegistryImportParams, problems: DocumentProblems): CheckedDocument | undefined {
  if (!isObject(body)) {
    problems.add('$', 'the document must be a server.json object');
    return undefined;
  }
  // The registry API serves `{ server: {...}, _meta }`; the published file is the inner object.
  const wrapped = body['name'] === undefined && isObject(body['server']);
  const server = wrapped ? (body['server'] as Json) : body;
  const base = wrapped ? 'server.' : '';
  const name = server['name'];
  if (typeof name !== 'string' || !REGISTRY_NAME.test(name) || name.length > 200) {
    problems.add(`${base}name`, 'name must be a registry server name such as io.github.user/weather');
  }
  const description = server['description'];
  if (typeof description !== 'string' || description.length === 0) {
    problems.add(`${base}description`, 'description must be a non-empty string');
  }
  const version = server['version'];
  if (typeof version !== 'string' || version.length === 0 || version.length > 255) {
    problems.add(`${base}version`, 'version must be a non-empty string');
  }
  const selected = select(server, base, choice, problems);
  if (!selected || problems.list.length > 0) return undefined;
  return { base, name: name as string, description: description as string, version: version as string, selected };
}
