import type { CatalogTool } from '@mcp-fleet/shared/contracts';

/** One tool, resource or prompt as the list shows it, whatever its kind. */
export interface CatalogItemView {
  key: string;
  name: string;
  title: string | null;
  description: string | null;
  /** Resources: the URI and MIME type. */
  uri: string | null;
  mimeType: string | null;
  /** Tools: the input properties; prompts: the arguments. With "required" marked. */
  params: string[];
  /** Set for tools, which can be tried. */
  tool: CatalogTool | null;
  /** Set for prompts, which can be got: the name to ask for and the arguments they declare. */
  prompt: { name: string; arguments: PromptArgumentView[] } | null;
  /** Lower-cased name, title, description and URI, for the search field. */
  haystack: string;
}

/** One argument a prompt declares. Prompt arguments are strings in MCP. */
export interface PromptArgumentView {
  name: string;
  title: string | null;
  description: string | null;
  required: boolean;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function toolParams(schema: unknown): string[] {
  const properties = record(record(schema)['properties']);
  const required = record(schema)['required'];
  const needed = new Set(Array.isArray(required) ? required : []);
  return Object.entries(properties).map(([name, property]) => {
    const type = record(property)['type'];
    const typeText = typeof type === 'string' ? type : Array.isArray(type) ? type.join(' | ') : 'any';
    return `${name} (${typeText}${needed.has(name) ? ', required' : ''})`;
  });
}

/** The declared arguments of a prompt, nameless ones left out (they cannot be sent). */
export function promptArguments(args: unknown): PromptArgumentView[] {
  return (Array.isArray(args) ? args : []).flatMap((arg) => {
    const item = record(arg);
    const name = text(item['name']);
    return name === null
      ? []
      : [{ name, title: text(item['title']), description: text(item['description']), required: item['required'] === true }];
  });
}

function promptParams(args: unknown): string[] {
  return (Array.isArray(args) ? args : []).map((arg) => {
    const item = record(arg);
    return `${text(item['name']) ?? '?'}${item['required'] === true ? ' (required)' : ''}`;
  });
}

export function toCatalogItem(kind: 'tools' | 'resources' | 'prompts', raw: Record<string, unknown>, index: number): CatalogItemView {
  const name = text(raw['name']) ?? text(raw['uri']) ?? `#${index + 1}`;
  const title = text(raw['title']);
  const description = text(raw['description']);
  const uri = text(raw['uri']) ?? text(raw['uriTemplate']);
  const item: CatalogItemView = {
    key: `${name}\u0000${uri ?? ''}\u0000${index}`,
    name,
    title: title && title !== name ? title : null,
    description,
    uri: kind === 'resources' ? uri : null,
    mimeType: text(raw['mimeType']),
    params: kind === 'tools' ? toolParams(raw['inputSchema']) : kind === 'prompts' ? promptParams(raw['arguments']) : [],
    tool: kind === 'tools' && text(raw['name']) ? (raw as CatalogTool) : null,
    prompt: kind === 'prompts' && text(raw['name']) ? { name: name, arguments: promptArguments(raw['arguments']) } : null,
    haystack: '',
  };
  item.haystack = [item.name, title, description, uri].filter(Boolean).join('\n').toLowerCase();
  return item;
}
