import type { McpServer } from '@mcp-fleet/shared/contracts';

import { pendingPaths } from './pending-restart';

const config = {
  command: 'node',
  args: ['a.js'],
  env: { TOKEN: { secret: true, sealed: 'sealed-1' } },
  healthCheckIntervalMs: 30_000,
} as unknown as McpServer['config'];
const running = { id: 'a1', name: 'alpha', transport: 'stdio', state: 'running', config } as unknown as McpServer;

describe('pendingPaths', () => {
  it('lists the launch paths that changed since the run started, a secret by its path only', () => {
    const stored = {
      ...running,
      config: { ...config, args: ['b.js'], env: { TOKEN: { secret: true, sealed: 'sealed-2' } }, healthCheckIntervalMs: 5000 },
    } as McpServer;

    const paths = pendingPaths(stored, { transport: 'stdio', config });

    expect(paths).toEqual(['config.args', 'config.env.TOKEN']);
  });

  it('is empty when nothing launch-relevant changed, when the server is not live, or with no record', () => {
    const tuned = { ...running, config: { ...config, healthCheckIntervalMs: 5000 } };
    const stopped = { ...running, state: 'stopped', config: { ...config, args: ['b.js'] } } as McpServer;

    expect(pendingPaths(tuned, { transport: 'stdio', config })).toEqual([]);
    expect(pendingPaths(stopped, { transport: 'stdio', config })).toEqual([]);
    expect(pendingPaths(running, null)).toEqual([]);
  });
});
