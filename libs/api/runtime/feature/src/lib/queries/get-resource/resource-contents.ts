import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { ResourceContentItem } from '@mcp-fleet/shared/contracts';

/**
 * The contents of a `resources/read` result, each with its size in bytes (UTF-8 of a text, the
 * decoded bytes of a base64 blob). Over `maxBytes` in total answers RESOURCE_TOO_LARGE (413)
 * instead of a body a browser or a script would choke on.
 */
export function resourceContents(result: Record<string, unknown>, maxBytes: number, serverId: string, uri: string): ResourceContentItem[] {
  const raw = Array.isArray(result['contents']) ? (result['contents'] as unknown[]) : [];
  let total = 0;
  const items = raw.filter(isObject).map((content): ResourceContentItem => {
    const item: ResourceContentItem = { ...content, uri: typeof content['uri'] === 'string' ? content['uri'] : uri, size: 0 };
    if (typeof content['text'] === 'string') {
      item.size = Buffer.byteLength(content['text'], 'utf8');
    } else if (typeof content['blob'] === 'string') {
      item.size = Buffer.byteLength(content['blob'], 'base64');
    }
    total += item.size;
    return item;
  });
  if (total > maxBytes) {
    throw new DomainError('RESOURCE_TOO_LARGE', `The resource is ${total} bytes; at most ${maxBytes} are answered`, {
      serverId,
      uri,
      size: total,
      maxBytes,
    });
  }
  return items;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
