import { toCatalogItem } from './catalog-item';

describe('toCatalogItem', () => {
  it('describes a tool with its parameters and keeps it callable', () => {
    const raw = {
      name: 'echo',
      title: 'Echo Tool',
      description: 'Echoes back the input string',
      inputSchema: { type: 'object', properties: { message: { type: 'string' }, n: { type: ['integer', 'null'] } }, required: ['message'] },
    };
    const item = toCatalogItem('tools', raw, 0);
    expect(item).toMatchObject({ name: 'echo', title: 'Echo Tool', params: ['message (string, required)', 'n (integer | null)'] });
    expect(item.tool).toBe(raw);
    expect(item.haystack).toContain('echoes back');
  });

  it('describes a resource by URI and MIME type', () => {
    const item = toCatalogItem('resources', { uri: 'demo://resource/1', name: 'Resource 1', mimeType: 'text/plain' }, 0);
    expect(item).toMatchObject({ name: 'Resource 1', uri: 'demo://resource/1', mimeType: 'text/plain', tool: null });
  });

  it('lists prompt arguments and falls back to a position for a nameless item', () => {
    expect(toCatalogItem('prompts', { name: 'p', arguments: [{ name: 'city', required: true }, { name: 'style' }] }, 0).params).toEqual([
      'city (required)',
      'style',
    ]);
    expect(toCatalogItem('prompts', {}, 4).name).toBe('#5');
  });

  it('keeps a named prompt gettable with its declared arguments', () => {
    const raw = {
      name: 'args-prompt',
      arguments: [{ name: 'city', description: 'Name of the city', required: true }, { name: 'state' }, {}],
    };
    expect(toCatalogItem('prompts', raw, 0).prompt).toEqual({
      name: 'args-prompt',
      arguments: [
        { name: 'city', title: null, description: 'Name of the city', required: true },
        { name: 'state', title: null, description: null, required: false },
      ],
    });
    expect(toCatalogItem('prompts', {}, 0).prompt).toBeNull();
    expect(toCatalogItem('tools', { name: 't' }, 0).prompt).toBeNull();
  });

  it('hides a title equal to the name', () => {
    expect(toCatalogItem('tools', { name: 'a', title: 'a' }, 0).title).toBeNull();
  });
});
