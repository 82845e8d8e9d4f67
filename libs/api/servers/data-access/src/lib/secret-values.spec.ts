import { randomBytes } from 'node:crypto';

import { SecretBox } from '@mcp-fleet/api/shared/security';
import type { ServerConfig, ServerConfigInput } from '@mcp-fleet/shared/contracts';

import { maskSecrets, openSecrets, sealSecrets } from './secret-values';

/** The timeouts every stored config carries. */
const withDefaults = (config: ServerConfigInput): ServerConfig =>
  ({
    startupTimeoutMs: 60_000,
    requestTimeoutMs: 30_000,
    killTimeoutMs: 5000,
    retryAttempts: 3,
    healthCheckIntervalMs: 30_000,
    ...config,
  }) as ServerConfig;

describe('secret values in server config', () => {
  const box = new SecretBox(randomBytes(32));
  const serverId = '6f1c1a4e-1b8e-4c59-9d7a-3d2f5e6a7b8c';

  it('seals secrets, masks them for output and opens them for the runtime', () => {
    const input = withDefaults({ command: 'node', env: { PLAIN: 'visible', TOKEN: { secret: true, value: 'sk-live-123' } } });

    const { config, problems } = sealSecrets(input, undefined, box, serverId);

    expect(problems).toEqual([]);
    expect(JSON.stringify(config)).not.toContain('sk-live-123');
    expect(maskSecrets(withDefaults(config)).env).toEqual({ PLAIN: 'visible', TOKEN: { secret: true } });
    expect(openSecrets(withDefaults(config), box, serverId).env).toEqual({ PLAIN: 'visible', TOKEN: 'sk-live-123' });
  });

  it('keeps a stored secret when an update sends { secret: true } without a value', () => {
    const stored = withDefaults(
      sealSecrets({ url: 'https://x.example', headers: { Authorization: { secret: true, value: 'Bearer a' } } }, undefined, box, serverId)
        .config,
    );

    const { config, problems } = sealSecrets({ ...stored, headers: { Authorization: { secret: true } } }, stored, box, serverId);

    expect(problems).toEqual([]);
    expect(openSecrets(withDefaults(config), box, serverId).headers).toEqual({ Authorization: 'Bearer a' });
  });

  it('refuses to keep a secret that was never stored', () => {
    const { problems } = sealSecrets({ command: 'node', env: { MISSING: { secret: true } } }, undefined, box, serverId);

    expect(problems).toEqual([{ field: 'config.env.MISSING', messages: ['MISSING has no stored secret to keep; send its value'] }]);
  });

  it('binds a sealed value to its server: copied to another server it does not open', () => {
    const { config } = sealSecrets({ command: 'node', env: { TOKEN: { secret: true, value: 'sk' } } }, undefined, box, serverId);

    expect(() => openSecrets(withDefaults(config), box, '00000000-0000-4000-8000-000000000000')).toThrow();
  });
});
