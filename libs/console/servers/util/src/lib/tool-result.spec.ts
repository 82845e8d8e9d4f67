import { imageSource, toolResultView } from './tool-result';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('toolResultView', () => {
  it('shows text parts as text', () => {
    expect(toolResultView({ content: [{ type: 'text', text: 'Echo: hi' }] })).toEqual({
      isError: false,
      parts: [{ kind: 'text', text: 'Echo: hi' }],
      structured: null,
    });
  });

  it('shows image parts as data URIs', () => {
    const view = toolResultView({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] });
    expect(view.parts).toEqual([{ kind: 'image', src: `data:image/png;base64,${PNG}`, mimeType: 'image/png' }]);
  });

  it('shows a text part holding an image data URI as an image', () => {
    const view = toolResultView({ content: [{ type: 'text', text: `data:image/png;base64,${PNG}` }] });
    expect(view.parts[0]).toMatchObject({ kind: 'image', mimeType: 'image/png' });
  });

  it('never turns SVG or malformed data into an image', () => {
    expect(imageSource('image/svg+xml', 'PHN2Zz4=')).toBeNull();
    expect(imageSource('image/png', 'not base64!')).toBeNull();
    const view = toolResultView({ content: [{ type: 'image', data: 'PHN2Zz4=', mimeType: 'image/svg+xml' }] });
    expect(view.parts[0].kind).toBe('json');
  });

  it('pretty-prints other parts and structured content as JSON', () => {
    const view = toolResultView({
      content: [{ type: 'resource', resource: { uri: 'test://1', text: 'x' } }],
      structuredContent: { sum: 3 },
    });
    expect(view.parts[0]).toEqual({
      kind: 'json',
      text: JSON.stringify({ type: 'resource', resource: { uri: 'test://1', text: 'x' } }, null, 2),
    });
    expect(view.structured).toBe('{\n  "sum": 3\n}');
  });

  it('keeps isError', () => {
    expect(toolResultView({ content: [{ type: 'text', text: 'bad input' }], isError: true }).isError).toBe(true);
  });

  it('shows an unusual result whole', () => {
    expect(toolResultView({ task: { id: 't1' } }).parts).toEqual([{ kind: 'json', text: '{\n  "task": {\n    "id": "t1"\n  }\n}' }]);
    expect(toolResultView('plain').parts).toEqual([{ kind: 'json', text: '"plain"' }]);
  });
});
