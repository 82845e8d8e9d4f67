import type { ServerConfig } from '@mcp-fleet/shared/contracts';

import { joinSealed, splitSealed } from './revision-secrets';

const stored = {
  command: 'node',
  env: { PLAIN: 'one', TOKEN: { secret: true, sealed: 'v1.sealed-token' } },
  headers: undefined,
  startupTimeoutMs: 1000,
} as unknown as ServerConfig;

describe('splitSealed and joinSealed', () => {
  it('keeps the sealed texts apart from a config masked as responses mask it, and joins them back', () => {
    const { masked, sealed } = splitSealed(stored);

    expect(masked.env).toEqual({ PLAIN: 'one', TOKEN: { secret: true } });
    expect(JSON.stringify(masked)).not.toContain('sealed');
    expect(sealed).toEqual({ env: { TOKEN: 'v1.sealed-token' } });
    expect(joinSealed(masked, sealed)).toEqual({ config: { ...stored }, missing: [] });
  });

  it('names a masked secret that has no sealed text', () => {
    const { masked } = splitSealed(stored);

    expect(joinSealed(masked, {}).missing).toEqual(['config.env.TOKEN']);
  });
});
