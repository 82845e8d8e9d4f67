import {
  type ConfigValue,
  isSecretValue,
  type RegisterServerRequest,
  type RegistryImportParams,
  type RegistryImportSource,
  type RegistryImportValueToFill,
  SERVER_LIMITS as L,
} from '@mcp-fleet/shared/contracts';

import {
  type CheckedArgument,
  type CheckedDocument,
  type CheckedInput,
  type CheckedKeyValue,
  type CheckedPackage,
  type CheckedRemote,
  DocumentProblems,
  readRegistryDocument,
} from './registry-document';

/**
 * What a `server.json` becomes (docs/configuration.md, "Registry import", has the table):
 * npm → `npx -y <identifier>@<version>`, pypi → `uvx <identifier>==<version>`,
 * oci → `docker run -i --rm <image>`, with the declared arguments and variables; a remote keeps
 * its URL and headers. A declared value the document does not give (no value, no default) is
 * never invented: it is left out and listed in `toFill`, and a required one registers the
 * server disabled until an operator sets it.
 */
export interface RegistryMapping {
  request: RegisterServerRequest;
  source: RegistryImportSource;
  toFill: RegistryImportValueToFill[];
}

export class RegistryMappingError extends Error {
  constructor(readonly problems: DocumentProblems['list']) {
    super('The server.json cannot be imported');
  }
}

const PLACEHOLDER = /\{([A-Za-z0-9_.-]+)\}/g;

interface Resolved {
  value?: string;
  /** Set when a value is missing: the declaration that lacks it. */
  missing?: { path: string; input: CheckedInput; name: string };
}

/** An input's value (or default) with its `{variables}` replaced; a `{name}` it does not declare stays as written. */
function resolve(input: CheckedInput, path: string, name: string): Resolved {
  const raw = input.value ?? input.default;
  if (raw === undefined) return { missing: { path, input, name } };
  let missing: Resolved['missing'];
  const value = raw.replace(PLACEHOLDER, (whole, key: string) => {
    const variable = input.variables[key];
    if (!variable) return whole;
    const chosen = variable.value ?? variable.default;
    if (chosen === undefined) {
      missing ??= { path: `${path}.variables.${key}`, input: variable, name: key };
      return whole;
    }
    return chosen;
  });
  return missing ? { missing } : { value };
}

function toFillOf(field: string, resolved: Required<Pick<Resolved, 'missing'>>, owner: CheckedInput): RegistryImportValueToFill {
  const { path, input, name } = resolved.missing;
  return {
    field,
    name,
    path,
    required: input.isRequired || owner.isRequired,
    secret: input.isSecret || owner.isSecret,
    description: input.description ?? owner.description ?? null,
  };
}

function argumentsOf(list: CheckedArgument[], path: string, toFill: RegistryImportValueToFill[]): string[] {
  return list.flatMap((arg, i) => {
    const label = arg.type === 'named' ? (arg.name as string) : (arg.valueHint ?? `argument ${i}`);
    const resolved = resolve(arg, `${path}[${i}]`, label);
    if (resolved.missing) {
      toFill.push(toFillOf('config.args', { missing: resolved.missing }, arg));
      return [];
    }
    return arg.type === 'named' ? [arg.name as string, resolved.value as string] : [resolved.value as string];
  });
}

function valuesOf(
  list: CheckedKeyValue[],
  path: string,
  field: 'env' | 'headers',
  toFill: RegistryImportValueToFill[],
): Record<string, ConfigValue> | undefined {
  const out: Record<string, ConfigValue> = {};
  list.forEach((entry, i) => {
    const resolved = resolve(entry, `${path}[${i}]`, entry.name);
    if (resolved.missing) {
      toFill.push(toFillOf(`config.${field}.${entry.name}`, { missing: resolved.missing }, entry));
    } else {
      out[entry.name] = entry.isSecret ? { secret: true, value: resolved.value } : (resolved.value as string);
    }
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** An OCI reference that names no tag or digest gets the package version as its tag. */
function imageOf(pkg: CheckedPackage): string {
  const lastSegment = pkg.identifier.slice(pkg.identifier.lastIndexOf('/') + 1);
  const pinned = lastSegment.includes(':') || pkg.identifier.includes('@');
  return pinned || !pkg.version ? pkg.identifier : `${pkg.identifier}:${pkg.version}`;
}

function mapPackage(pkg: CheckedPackage, path: string, toFill: RegistryImportValueToFill[]): RegisterServerRequest['config'] {
  const runtime = argumentsOf(pkg.runtimeArguments, `${path}.runtimeArguments`, toFill);
  const packageArgs = argumentsOf(pkg.packageArguments, `${path}.packageArguments`, toFill);
  const env = valuesOf(pkg.environmentVariables, `${path}.environmentVariables`, 'env', toFill);
  switch (pkg.registryType) {
    case 'npm':
      return { command: 'npx', args: ['-y', ...runtime, `${pkg.identifier}@${pkg.version}`, ...packageArgs], env };
    case 'pypi':
      return { command: 'uvx', args: [...runtime, `${pkg.identifier}==${pkg.version}`, ...packageArgs], env };
    case 'oci': {
      // docker passes a variable into the container only when told to: `-e NAME` takes its value
      // from docker's own environment, which is the server's env (set now or filled in later).
      const passEnv = pkg.environmentVariables.flatMap((entry) => ['-e', entry.name]);
      return { command: 'docker', args: ['run', '-i', '--rm', ...passEnv, ...runtime, imageOf(pkg), ...packageArgs], env };
    }
  }
}

function mapRemote(
  remote: CheckedRemote,
  path: string,
  toFill: RegistryImportValueToFill[],
  problems: DocumentProblems,
): RegisterServerRequest['config'] {
  const url = resolve({ value: remote.url, isRequired: true, isSecret: false, variables: remote.variables }, path, 'url');
  if (url.missing) {
    // A URL cannot be registered half-made: the variable must have a value or a default.
    problems.add(url.missing.path, `the URL needs {${url.missing.name}}, which has no value or default`);
  }
  return { url: url.value ?? remote.url, headers: valuesOf(remote.headers, `${path}.headers`, 'headers', toFill) };
}

/** `io.github.user/weather` → `io.github.user-weather`: the registry's name, under this fleet's name rules. */
export function serverNameOf(registryName: string): string {
  return registryName
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, L.nameMaxLength);
}

function versionTag(version: string): string[] {
  const tag = `version:${version.toLowerCase()}`;
  return L.tagPattern.test(tag) && tag.length <= L.tagMaxLength ? [tag] : [];
}

/** Maps a whole document; throws RegistryMappingError with every problem and its JSON path. */
export function mapRegistryDocument(body: unknown, choice: RegistryImportParams): RegistryMapping {
  const problems = new DocumentProblems();
  const doc: CheckedDocument | undefined = readRegistryDocument(body, choice, problems);
  if (!doc) throw new RegistryMappingError(problems.list);
  const toFill: RegistryImportValueToFill[] = [];
  const { selected } = doc;
  const config =
    selected.kind === 'package'
      ? mapPackage(selected.entry, selected.path, toFill)
      : mapRemote(selected.entry, selected.path, toFill, problems);
  if (problems.list.length > 0) throw new RegistryMappingError(problems.list);
  const request: RegisterServerRequest = {
    name: choice.name ?? serverNameOf(doc.name),
    description: doc.description,
    transport: selected.kind === 'package' ? 'stdio' : selected.entry.type,
    config: Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)),
    enabled: !toFill.some((entry) => entry.required),
    tags: ['registry', ...versionTag(doc.version)],
  };
  const source: RegistryImportSource =
    selected.kind === 'package'
      ? {
          kind: 'package',
          index: selected.index,
          registryType: selected.entry.registryType,
          identifier: selected.entry.identifier,
          version: selected.entry.version ?? null,
        }
      : { kind: 'remote', index: selected.index, type: selected.entry.type, url: request.config.url as string };
  return { request, source, toFill };
}

/** The registration as it may be shown: secret values replaced by `{ secret: true }`. */
export function maskedRegistration(request: RegisterServerRequest): RegisterServerRequest {
  const mask = (values: Record<string, ConfigValue> | null | undefined) =>
    values &&
    Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isSecretValue(value) ? { secret: true as const } : value]));
  return { ...request, config: { ...request.config, env: mask(request.config.env), headers: mask(request.config.headers) } };
}
