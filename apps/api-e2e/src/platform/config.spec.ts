import { runApiUntilExit } from '@mcp-fleet/api/shared/testing';

describe('configuration is validated at boot', () => {
  it.each([
    [{ PORT: 'http' }, 'PORT must be an integer'],
    [{ DATABASE_URL: 'mysql://db/fleet' }, 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL must be one of'],
    [{ ADMIN_EMAIL: 'admin@example.com' }, 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together'],
  ])('stops with exit code 1 and names the variable for %p', async (env, message) => {
    const { code, output } = await runApiUntilExit(env);

    expect(code).toBe(1);
    expect(output).toContain(message);
  });
});
