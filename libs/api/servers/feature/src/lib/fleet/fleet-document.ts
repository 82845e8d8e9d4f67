import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse as parseYaml } from 'yaml';

import { maskSecrets } from '@mcp-fleet/api/servers/data-access';
import { DomainError, flattenValidationErrors } from '@mcp-fleet/api/shared/errors';
import { describeUnstorable, findUnstorable } from '@mcp-fleet/api/shared/security';
import {
  FLEET_API_VERSION,
  FLEET_KIND,
  FLEET_LIMITS,
  type FleetDocument,
  type FleetServer,
  type McpServer,
  SERVER_TRANSPORTS,
} from '@mcp-fleet/shared/contracts';

import { checkTransportRules } from '../domain/server-config.rules';
import { RegisterServerDto } from '../dto/register-server.dto';

/** One reason a document is refused: which server (by name, if it has one) and where. */
export interface FleetProblem {
  /** The server's name, or null when the problem is not inside one server. */
  item: string | null;
  /** JSON path into the document: `servers[2].config.url`. */
  path: string;
  messages: string[];
}

const HEADER_KEYS = new Set(['apiVersion', 'kind', 'servers']);

/**
 * A server as the document shows it: registration fields, secrets as references, and the tools
 * switched off (sorted; left out when none is).
 */
export function toFleetServer(server: McpServer, disabledTools: readonly string[] = []): FleetServer {
  return {
    name: server.name,
    description: server.description,
    type: server.type,
    transport: server.transport,
    config: maskSecrets(server.config),
    enabled: server.enabled,
    tags: server.tags,
    ...(disabledTools.length > 0 ? { disabledTools: [...disabledTools].sort() } : {}),
  };
}

/** The fleet, servers sorted by name; `disabledTools` holds each server's switched-off tools by id. */
export function toFleetDocument(servers: McpServer[], disabledTools: ReadonlyMap<string, readonly string[]> = new Map()): FleetDocument {
  const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name));
  return {
    apiVersion: FLEET_API_VERSION,
    kind: FLEET_KIND,
    servers: sorted.map((server) => toFleetServer(server, disabledTools.get(server.id))),
  };
}

/** The body of an apply: a parsed JSON object, or the text of a YAML document. */
export function readFleetBody(body: unknown): unknown {
  if (typeof body !== 'string') {
    return body;
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(body) as unknown;
  } catch (error) {
    // The parser's message quotes the text, which may hold a secret value: give only the place.
    const at = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const where = at ? ` (line ${at.line}, column ${at.col})` : '';
    throw refused([{ item: null, path: '$', messages: [`not a YAML document${where}`] }]);
  }
  // The JSON parser refuses text the database cannot store; YAML gets the same check.
  const unstorable = findUnstorable(parsed);
  if (unstorable) {
    throw refused([{ item: null, path: unstorable.field || '$', messages: [describeUnstorable(unstorable.problem)] }]);
  }
  return parsed;
}

/**
 * Checks a whole document with the same rules as a registration (the DTO and the transport rules)
 * before anything is applied, so a refused document writes nothing.
 */
export function checkFleetDocument(input: unknown): FleetDocument {
  const problems: FleetProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw refused([{ item: null, path: '$', messages: ['a fleet document is an object'] }]);
  }
  const document = input as Record<string, unknown>;
  if (document['apiVersion'] !== FLEET_API_VERSION) {
    problems.push({ item: null, path: 'apiVersion', messages: [`apiVersion must be ${FLEET_API_VERSION}`] });
  }
  if (document['kind'] !== FLEET_KIND) {
    problems.push({ item: null, path: 'kind', messages: [`kind must be ${FLEET_KIND}`] });
  }
  for (const key of Object.keys(document).filter((key) => !HEADER_KEYS.has(key))) {
    problems.push({ item: null, path: key, messages: [`property ${key} should not exist`] });
  }
  const servers = document['servers'];
  if (!Array.isArray(servers)) {
    problems.push({ item: null, path: 'servers', messages: ['servers must be an array'] });
    throw refused(problems);
  }
  const seen = new Map<string, number>();
  servers.forEach((server: unknown, index) => {
    const at = `servers[${index}]`;
    if (typeof server !== 'object' || server === null || Array.isArray(server)) {
      problems.push({ item: null, path: at, messages: ['a server is an object'] });
      return;
    }
    // The switches are the document's own field; the rest is a registration.
    const { disabledTools, ...raw } = server as Record<string, unknown>;
    const item = typeof raw['name'] === 'string' ? raw['name'] : null;
    for (const problem of checkDisabledTools(disabledTools, `${at}.disabledTools`)) {
      problems.push({ item, ...problem });
    }
    const dto = plainToInstance(RegisterServerDto, raw);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    for (const error of flattenValidationErrors(errors)) {
      problems.push({ item, path: `${at}.${error.field}`, messages: error.messages });
    }
    const config = raw['config'];
    if (SERVER_TRANSPORTS.includes(dto.transport) && typeof config === 'object' && config !== null && !Array.isArray(config)) {
      for (const error of checkTransportRules(dto.transport, config)) {
        problems.push({ item, path: `${at}.${error.field}`, messages: error.messages });
      }
    }
    if (item !== null) {
      const first = seen.get(item);
      if (first !== undefined) {
        problems.push({ item, path: `${at}.name`, messages: [`${item} is already servers[${first}]`] });
      } else {
        seen.set(item, index);
      }
    }
  });
  if (problems.length > 0) {
    throw refused(problems);
  }
  return { apiVersion: FLEET_API_VERSION, kind: FLEET_KIND, servers: servers as FleetServer[] };
}

/** `disabledTools`: absent, or a list of tool names as the switch route takes them. */
function checkDisabledTools(value: unknown, at: string): Omit<FleetProblem, 'item'>[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    return [{ path: at, messages: ['disabledTools must be an array of tool names'] }];
  }
  if (value.length > FLEET_LIMITS.maxDisabledTools) {
    return [{ path: at, messages: [`disabledTools must contain no more than ${FLEET_LIMITS.maxDisabledTools} elements`] }];
  }
  return value.flatMap((tool: unknown, index) =>
    typeof tool === 'string' && FLEET_LIMITS.toolNamePattern.test(tool)
      ? []
      : [{ path: `${at}[${index}]`, messages: ['a tool name is 1-128 characters of A-Z a-z 0-9 _ . / : -'] }],
  );
}

function refused(problems: FleetProblem[]): DomainError {
  const summary = problems
    .slice(0, 3)
    .map((problem) => `${problem.path}: ${problem.messages[0] ?? 'invalid'}`)
    .join('; ');
  return new DomainError('VALIDATION_FAILED', `Fleet document refused: ${summary}`, problems);
}
