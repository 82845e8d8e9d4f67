import type { ResourceContentItem } from '@mcp-fleet/shared/contracts';

import { clipLine } from './log-buffer';
import { imageSource } from './tool-result';

/** How one content of a read resource is previewed. */
export type ResourcePreviewBody =
  /** Text (or a blob of a textual type that decodes as UTF-8), shown as is. */
  | { kind: 'text'; text: string; decoded: boolean }
  /** JSON, pretty-printed. */
  | { kind: 'json'; text: string; decoded: boolean }
  /** A raster image blob, as a data URL for an <img>. */
  | { kind: 'image'; src: string }
  /** Anything else binary: described by its size and type, never dumped. */
  | { kind: 'binary' }
  /** Neither text nor blob. */
  | { kind: 'empty' };

export interface ResourcePreview {
  uri: string;
  mimeType: string | null;
  size: number;
  sizeLabel: string;
  body: ResourcePreviewBody;
}

/** Characters of a text content rendered; the rest is counted, not shown (a 5 MB <pre> stalls the page). */
export const RESOURCE_TEXT_DISPLAY_LIMIT = 200_000;

const TEXTUAL = [
  /^text\//,
  /^application\/(json|xml|javascript|ecmascript|x-sh|sql|graphql|toml|yaml|x-yaml|x-ndjson|ld\+json)$/,
  /\+(json|xml|yaml)$/,
];
const JSON_TYPE = /^application\/(.+\+)?json$|^text\/json$/;

function baseType(mimeType: string | null): string | null {
  return mimeType ? mimeType.split(';')[0].trim().toLowerCase() : null;
}

/** A type whose bytes are meant to be read as text. */
export function isTextualMimeType(mimeType: string | null | undefined): boolean {
  const type = baseType(mimeType ?? null);
  return type !== null && TEXTUAL.some((pattern) => pattern.test(type));
}

/** 0 → "0 bytes", 1536 → "1.5 KB" (1024-based, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '—';
  }
  if (bytes < 1024) {
    return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function decodeBase64(data: string): Uint8Array | null {
  try {
    const binary = atob(data.replace(/\s+/g, ''));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** UTF-8 text of the bytes, or null when they are not valid UTF-8. */
function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function textBody(text: string, mimeType: string | null, decoded: boolean): ResourcePreviewBody {
  const type = baseType(mimeType);
  if (type !== null && JSON_TYPE.test(type)) {
    try {
      return { kind: 'json', text: clipLine(JSON.stringify(JSON.parse(text), null, 2), RESOURCE_TEXT_DISPLAY_LIMIT), decoded };
    } catch {
      // Declared JSON but not: show what came.
    }
  }
  return { kind: 'text', text: clipLine(text, RESOURCE_TEXT_DISPLAY_LIMIT), decoded };
}

/**
 * How to show one content. The content's own type wins over the one the resource was listed
 * with (`fallbackMimeType`). A blob is decoded only when its type says it is text and it is
 * valid UTF-8; an image only when it is a raster type; anything else is summarised.
 */
export function resourcePreview(item: ResourceContentItem, fallbackMimeType: string | null = null): ResourcePreview {
  const mimeType = item.mimeType || fallbackMimeType || null;
  const size = typeof item.size === 'number' ? item.size : 0;
  const head = { uri: item.uri, mimeType, size, sizeLabel: formatBytes(size) };
  if (typeof item.text === 'string') {
    return { ...head, body: textBody(item.text, mimeType, false) };
  }
  if (typeof item.blob !== 'string') {
    return { ...head, body: { kind: 'empty' } };
  }
  const src = imageSource(baseType(mimeType), item.blob);
  if (src) {
    return { ...head, body: { kind: 'image', src } };
  }
  if (isTextualMimeType(mimeType)) {
    const bytes = decodeBase64(item.blob);
    const text = bytes ? utf8(bytes) : null;
    if (text !== null) {
      return { ...head, body: textBody(text, mimeType, true) };
    }
  }
  return { ...head, body: { kind: 'binary' } };
}
