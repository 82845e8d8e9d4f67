import type { ResourceContentItem } from '@mcp-fleet/shared/contracts';

import { formatBytes, isTextualMimeType, RESOURCE_TEXT_DISPLAY_LIMIT, resourcePreview } from './resource-preview';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function item(fields: Partial<ResourceContentItem>): ResourceContentItem {
  return { uri: 'demo://r', size: 0, ...fields };
}

const b64 = (text: string) => Buffer.from(text, 'utf-8').toString('base64');

describe('resourcePreview', () => {
  it('shows text as text, with its size', () => {
    const preview = resourcePreview(item({ text: 'hello', mimeType: 'text/plain', size: 5 }));
    expect(preview.body).toEqual({ kind: 'text', text: 'hello', decoded: false });
    expect(preview).toMatchObject({ mimeType: 'text/plain', size: 5, sizeLabel: '5 bytes' });
  });

  it('pretty-prints JSON, and keeps invalid JSON as text', () => {
    expect(resourcePreview(item({ text: '{"a":[1,2]}', mimeType: 'application/json' })).body).toEqual({
      kind: 'json',
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      decoded: false,
    });
    expect(resourcePreview(item({ text: '{"a"', mimeType: 'application/vnd.x+json; charset=utf-8' })).body).toMatchObject({
      kind: 'text',
      text: '{"a"',
    });
  });

  it('shows a raster image blob as a data URL', () => {
    expect(resourcePreview(item({ blob: PNG_1PX, mimeType: 'image/png', size: 70 })).body).toEqual({
      kind: 'image',
      src: `data:image/png;base64,${PNG_1PX}`,
    });
  });

  it('decodes a blob of a textual type that is valid UTF-8', () => {
    const preview = resourcePreview(item({ blob: b64('Resource 1: ünïcode'), mimeType: 'text/plain', size: 21 }));
    expect(preview.body).toEqual({ kind: 'text', text: 'Resource 1: ünïcode', decoded: true });
    expect(resourcePreview(item({ blob: b64('[1]'), mimeType: 'application/json' })).body).toMatchObject({ kind: 'json', decoded: true });
  });

  it('summarises other binary and never decodes it', () => {
    expect(resourcePreview(item({ blob: 'AAECAwQ=', mimeType: 'application/octet-stream', size: 5 })).body).toEqual({ kind: 'binary' });
    // Declared text but not UTF-8: not shown as garbage.
    expect(resourcePreview(item({ blob: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'), mimeType: 'text/plain' })).body).toEqual({
      kind: 'binary',
    });
    // SVG could carry markup: described, not rendered as an image.
    expect(resourcePreview(item({ blob: b64('<svg/>'), mimeType: 'image/svg+xml' })).body).toMatchObject({ kind: 'text', text: '<svg/>' });
    expect(resourcePreview(item({ blob: 'AAEC' })).body).toEqual({ kind: 'binary' });
  });

  it("falls back to the listed type when the content has none, the content's own type winning", () => {
    expect(resourcePreview(item({ blob: PNG_1PX }), 'image/png').body.kind).toBe('image');
    expect(resourcePreview(item({ blob: b64('x'), mimeType: 'text/plain' }), 'application/octet-stream').body.kind).toBe('text');
  });

  it('clips very long text', () => {
    const body = resourcePreview(item({ text: 'x'.repeat(RESOURCE_TEXT_DISPLAY_LIMIT + 10) })).body;
    expect(body.kind === 'text' && body.text.endsWith('(10 more characters)')).toBe(true);
  });

  it('reports a content with neither text nor blob as empty', () => {
    expect(resourcePreview(item({})).body).toEqual({ kind: 'empty' });
  });
});

describe('isTextualMimeType', () => {
  it('knows text types', () => {
    expect(['text/markdown', 'application/json', 'application/ld+json', 'image/svg+xml', 'application/yaml'].every(isTextualMimeType)).toBe(
      true,
    );
    expect(['image/png', 'application/octet-stream', 'application/pdf', null, undefined].some(isTextualMimeType)).toBe(false);
  });
});

describe('formatBytes', () => {
  it('uses bytes below 1 KB and one decimal below 10 units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});
