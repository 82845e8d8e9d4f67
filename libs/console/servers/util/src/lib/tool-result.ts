/** An MCP tool result (`content`, `structuredContent`, `isError`) as parts the playground can show. */

export type ToolResultPart =
  | { kind: 'text'; text: string }
  | { kind: 'image'; src: string; mimeType: string }
  | { kind: 'json'; text: string };

export interface ToolResultView {
  isError: boolean;
  parts: ToolResultPart[];
  /** `structuredContent`, pretty-printed, when the tool sent one. */
  structured: string | null;
}

// Raster types only: an SVG could carry markup, and an img of any other type shows nothing.
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URI = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]+={0,2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `data:image/png;base64,...` from an image part, or null when it is not a safe raster image. */
export function imageSource(mimeType: unknown, data: unknown): string | null {
  if (typeof mimeType !== 'string' || typeof data !== 'string' || !IMAGE_TYPES.test(mimeType)) {
    return null;
  }
  const compact = data.replace(/\s+/g, '');
  return BASE64.test(compact) ? `data:${mimeType};base64,${compact}` : null;
}

/** One MCP content block (of a tool result or a prompt message) as a part to show. */
export function contentPart(item: unknown): ToolResultPart {
  if (isRecord(item)) {
    if (item['type'] === 'text' && typeof item['text'] === 'string') {
      const uri = DATA_URI.exec(item['text'].trim());
      const src = uri ? imageSource(uri[1], uri[2]) : null;
      return src && uri ? { kind: 'image', src, mimeType: uri[1] } : { kind: 'text', text: item['text'] };
    }
    if (item['type'] === 'image') {
      const src = imageSource(item['mimeType'], item['data']);
      if (src) {
        return { kind: 'image', src, mimeType: String(item['mimeType']) };
      }
    }
  }
  return { kind: 'json', text: pretty(item) };
}

export function toolResultView(result: unknown): ToolResultView {
  if (!isRecord(result)) {
    return { isError: false, parts: [{ kind: 'json', text: pretty(result) }], structured: null };
  }
  const content = result['content'];
  const parts = Array.isArray(content) ? content.map(contentPart) : [];
  const structured =
    'structuredContent' in result && result['structuredContent'] !== undefined ? pretty(result['structuredContent']) : null;
  if (parts.length === 0 && structured === null) {
    // Not the usual shape (an old server, a task handle): show what came, in full.
    const rest = Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'isError'));
    if (Object.keys(rest).length > 0) {
      parts.push({ kind: 'json', text: pretty(rest) });
    }
  }
  return { isError: result['isError'] === true, parts, structured };
}
