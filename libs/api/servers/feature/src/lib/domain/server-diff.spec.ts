import type { McpServer } from '@mcp-fleet/shared/contracts';

import { diffServers } from './server-diff';

const base = {
  id: 'a1',
  name: 'alpha',
  description: '',
  type: 'custom',
  transport: 'stdio',
  enabled: true,
  tags: ['x'],
  config: {
    command: 'node',
    args: ['a.js'],
    env: { PLAIN: 'one', TOKEN: { secret: true, sealed: 'sealed-1' } },
  },
} as unknown as McpServer;

describe('diffServers', () => {
  it('lists changed fields with masked secrets, one entry per changed variable', () => {
    const after = {
      ...base,
      description: 'now documented',
      config: { ...base.config, args: ['b.js'], env: { PLAIN: 'two', TOKEN: { secret: true, sealed: 'sealed-2' } } },
    } as McpServer;
    const changes = diffServers(base, after);
    expect(changes).toEqual([
      { field: 'description', before: '', after: 'now documented' },
      { field: 'config.args', before: ['a.js'], after: ['b.js'] },
      { field: 'config.env.PLAIN', before: 'one', after: 'two' },
      { field: 'config.env.TOKEN', before: { secret: true }, after: { secret: true }, secret: true },
    ]);
    expect(JSON.stringify(changes)).not.toContain('sealed-');
  });

  it('reports added and removed keys, and nothing when nothing changed', () => {
    const after = { ...base, config: { ...base.config, env: { PLAIN: 'one' }, cwd: '/srv' } } as McpServer;
    expect(diffServers(base, after)).toEqual([
      { field: 'config.cwd', before: null, after: '/srv' },
      { field: 'config.env.TOKEN', before: { secret: true }, after: null, secret: true },
    ]);
    expect(diffServers(base, { ...base })).toEqual([]);
  });
});
