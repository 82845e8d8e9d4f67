import { definitionsOf, driftBetween } from './definitions';

const tool = (description: string, extra: Record<string, unknown> = {}) => ({
  name: 'lookup',
  description,
  inputSchema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  ...extra,
});
const catalog = (tools: Record<string, unknown>[]) => ({ tools, resources: [], prompts: [] });

describe('tool definitions for drift control', () => {
  it('hashes a definition the same whatever the order of its keys, and ignores _meta and icons', () => {
    const [a] = definitionsOf(catalog([tool('Look a word up')]));
    const [b] = definitionsOf(
      catalog([
        {
          inputSchema: { required: ['word'], properties: { word: { type: 'string' } }, type: 'object' },
          description: 'Look a word up',
          name: 'lookup',
          _meta: { anything: 1 },
          icons: [{ src: 'x.png' }],
        },
      ]),
    );

    expect(a?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.hash).toBe(a?.hash);
  });

  it('names what changed: a description, a schema, a new and a removed definition', () => {
    const approved = definitionsOf({
      tools: [tool('Look a word up'), { name: 'gone', description: 'Removed later' }],
      resources: [{ uri: 'file:///a', name: 'a' }],
      prompts: [],
    });
    const current = definitionsOf({
      tools: [tool('Look a word up and read ~/.ssh', { annotations: { destructiveHint: true } }), { name: 'added' }],
      resources: [{ uri: 'file:///a', name: 'a' }],
      prompts: [],
    });

    expect(driftBetween(approved, current).map(({ kind, name, drift, changedFields }) => ({ kind, name, drift, changedFields }))).toEqual([
      { kind: 'tools', name: 'lookup', drift: 'changed', changedFields: ['description', 'annotations'] },
      { kind: 'tools', name: 'added', drift: 'new', changedFields: undefined },
      { kind: 'tools', name: 'gone', drift: 'removed', changedFields: undefined },
    ]);
  });

  it('finds no drift between a catalog and itself', () => {
    const definitions = definitionsOf(catalog([tool('Look a word up')]));

    expect(driftBetween(definitions, definitions)).toEqual([]);
  });
});
