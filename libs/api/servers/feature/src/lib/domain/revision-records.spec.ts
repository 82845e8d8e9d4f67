import { testCaller } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { revisionOf } from './revision-records';

const server = {
  id: 'a1',
  name: 'alpha',
  description: '',
  type: 'custom',
  transport: 'stdio',
  enabled: true,
  tags: ['x'],
  state: 'running',
  version: 1,
  config: { command: 'node', env: { PLAIN: 'one', TOKEN: { secret: true, sealed: 'v1.sealed-1' } } },
} as unknown as McpServer;

describe('revisionOf', () => {
  it('records a registration: every path set from null, secrets masked, sealed texts apart', () => {
    const revision = revisionOf(null, server, 'create', testCaller);

    expect(revision.registration).toEqual({
      name: 'alpha',
      description: '',
      type: 'custom',
      transport: 'stdio',
      enabled: true,
      tags: ['x'],
      config: { command: 'node', env: { PLAIN: 'one', TOKEN: { secret: true } } },
    });
    expect(revision.changes.map((change) => change.field)).toEqual([
      'name',
      'description',
      'type',
      'transport',
      'enabled',
      'tags',
      'config.command',
      'config.env.PLAIN',
      'config.env.TOKEN',
    ]);
    expect(revision.sealedSecrets).toEqual({ env: { TOKEN: 'v1.sealed-1' } });
    expect(JSON.stringify([revision.registration, revision.changes])).not.toContain('sealed');
    expect(revision).toMatchObject({ action: 'create', actor: testCaller.actor, correlationId: 'test-correlation' });
  });

  it('records an edit as the changed paths only, a replaced secret as changed without its value', () => {
    const after = {
      ...server,
      tags: ['y'],
      config: { ...server.config, env: { PLAIN: 'one', TOKEN: { secret: true, sealed: 'v1.sealed-2' } } },
    } as McpServer;

    const revision = revisionOf(server, after, 'restore', testCaller, 1);

    expect(revision.changes).toEqual([
      { field: 'tags', before: ['x'], after: ['y'] },
      { field: 'config.env.TOKEN', before: { secret: true }, after: { secret: true }, secret: true },
    ]);
    expect(revision.restoredFrom).toBe(1);
  });
});
