import { type FleetDocument, type FleetServer, type McpServer, SERVER_CONFIG_BOUNDS } from '@mcp-fleet/shared/contracts';

import { planFleet } from './fleet-plan';

const defaults = Object.fromEntries(Object.entries(SERVER_CONFIG_BOUNDS).map(([field, bounds]) => [field, bounds.default]));

const stored = {
  id: 'a1',
  name: 'alpha',
  description: '',
  type: 'custom',
  transport: 'stdio',
  enabled: true,
  tags: ['x'],
  version: 1,
  config: { command: 'node', args: ['a.js'], env: { PLAIN: 'one', TOKEN: { secret: true, sealed: 'sealed-1' } }, ...defaults },
} as unknown as McpServer;

/** alpha as stored, as a document says it. */
const server: FleetServer = {
  name: 'alpha',
  transport: 'stdio',
  tags: ['x'],
  config: { command: 'node', args: ['a.js'], env: { PLAIN: 'one', TOKEN: { secret: true } } },
};

const documentOf = (servers: FleetDocument['servers']): FleetDocument => ({ apiVersion: 'mcp-fleet/v1', kind: 'Fleet', servers });

describe('planFleet', () => {
  it('plans a server that says what is stored, defaults left out and secret kept by reference, as unchanged', () => {
    const plan = planFleet(
      documentOf([
        {
          name: 'alpha',
          transport: 'stdio',
          tags: ['X '],
          config: { command: 'node', args: ['a.js'], env: { PLAIN: 'one', TOKEN: { secret: true } } },
        },
      ]),
      [stored],
      false,
    );
    expect(plan).toEqual([{ name: 'alpha', serverId: 'a1', action: 'unchanged', changedPaths: [] }]);
  });

  it('lists a secret set by value as a changed path, a removed field, and deletes only when pruning', () => {
    const document = documentOf([
      { name: 'alpha', transport: 'stdio', config: { command: 'node', env: { PLAIN: 'one', TOKEN: { secret: true, value: 'new' } } } },
      { name: 'beta', transport: 'sse', config: { url: 'https://example.com/sse' } },
    ]);
    const gamma = { ...stored, id: 'g1', name: 'gamma' };

    expect(planFleet(document, [stored, gamma], false)).toEqual([
      { name: 'alpha', serverId: 'a1', action: 'update', changedPaths: ['tags', 'config.args', 'config.env.TOKEN'] },
      { name: 'beta', action: 'create', changedPaths: [] },
    ]);
    expect(planFleet(document, [stored, gamma], true).map((item) => [item.name, item.action])).toEqual([
      ['alpha', 'update'],
      ['beta', 'create'],
      ['gamma', 'delete'],
    ]);
  });

  it('plans the same tools switched off, in any order and repeated, as unchanged', () => {
    const disabled = new Map([['a1', ['fetch', 'search']]]);

    const plan = planFleet(documentOf([{ ...server, disabledTools: ['search', 'fetch', 'search'] }]), [stored], false, disabled);

    expect(plan).toEqual([{ name: 'alpha', serverId: 'a1', action: 'unchanged', changedPaths: [] }]);
  });

  it('lists each tool switched off or back on as a disabledTools path; a create is a create', () => {
    const disabled = new Map([['a1', ['fetch', 'search']]]);

    const plan = planFleet(
      documentOf([
        { ...server, disabledTools: ['write', 'search'] },
        { name: 'beta', transport: 'sse', config: { url: 'https://example.com/sse' }, disabledTools: ['delete'] },
      ]),
      [stored],
      false,
      disabled,
    );
    const left = planFleet(documentOf([server]), [stored], false, disabled);

    expect(plan).toEqual([
      { name: 'alpha', serverId: 'a1', action: 'update', changedPaths: ['disabledTools.fetch', 'disabledTools.write'] },
      { name: 'beta', action: 'create', changedPaths: [] },
    ]);
    expect(left[0]).toMatchObject({ action: 'update', changedPaths: ['disabledTools.fetch', 'disabledTools.search'] });
  });

  it('refuses only the item whose secret reference has nothing stored behind it, with its path', () => {
    const plan = planFleet(
      documentOf([
        { name: 'alpha', transport: 'stdio', tags: ['x'], config: { command: 'node', args: ['a.js'], env: { PLAIN: { secret: true } } } },
        { name: 'beta', transport: 'stdio', config: { command: 'node', env: { KEY: { secret: true } } } },
      ]),
      [stored],
      false,
    );
    expect(plan.map((item) => item.refusal?.path)).toEqual(['servers[0].config.env.PLAIN', 'servers[1].config.env.KEY']);
  });
});
