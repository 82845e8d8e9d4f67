import { SERVER_CONFIG_BOUNDS } from '@mcp-fleet/shared/contracts';

/** Where in the form an API field error belongs. */
export type FieldTarget =
  /** A plain control, by its path in the form group (`['stdio', 'command']`). */
  | { kind: 'control'; path: string[] }
  /** One argument row. */
  | { kind: 'arg'; index: number }
  /** The env or header row holding this name. */
  | { kind: 'row'; list: 'env' | 'headers'; name: string }
  /** A list as a whole (`config.args`, `config.env`): shown under the list. */
  | { kind: 'list'; list: 'args' | 'env' | 'headers' };

const TOP_LEVEL = new Set(['name', 'description', 'type', 'transport', 'enabled', 'tags']);
const CONFIG_CONTROLS: Record<string, string[]> = {
  command: ['stdio', 'command'],
  cwd: ['stdio', 'cwd'],
  url: ['remote', 'url'],
  stopExitCodes: ['advanced', 'stopExitCodes'],
  protocol: ['advanced', 'protocol'],
};

/**
 * Maps the dotted field paths the API reports (`name`, `tags.2`, `config.url`,
 * `config.args.0`, `config.env.API_KEY`, `config.headers.X-Team`) to the form. Null for
 * a path the form has no place for; the page then shows it above the form.
 */
export function fieldTarget(path: string): FieldTarget | null {
  const [head, ...rest] = path.split('.');
  if (TOP_LEVEL.has(head)) {
    return { kind: 'control', path: [head] };
  }
  if (head !== 'config' || rest.length === 0) {
    return null;
  }
  const [field, ...tail] = rest;
  if (field in CONFIG_CONTROLS) {
    return { kind: 'control', path: CONFIG_CONTROLS[field] };
  }
  if (field in SERVER_CONFIG_BOUNDS) {
    return { kind: 'control', path: ['advanced', field] };
  }
  if (field === 'args') {
    const index = Number(tail[0]);
    return tail.length > 0 && Number.isInteger(index) && index >= 0 ? { kind: 'arg', index } : { kind: 'list', list: 'args' };
  }
  if (field === 'env' || field === 'headers') {
    // Header names may hold dots, so the name is everything after the list's own segment.
    return tail.length > 0 ? { kind: 'row', list: field, name: tail.join('.') } : { kind: 'list', list: field };
  }
  return null;
}
