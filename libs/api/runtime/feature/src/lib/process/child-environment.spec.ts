import { childEnvironment } from './child-environment';

describe('childEnvironment', () => {
  it('passes only the allowlisted variables of the API, then the server own ones on top', () => {
    const env = childEnvironment(
      { PATH: '/usr/bin', HOME: '/home/api', DATABASE_URL: 'postgres://secret', JWT_SECRET: 'x', LANG: 'C.UTF-8' },
      { API_KEY: 'sk-1', HOME: '/srv/mcp' },
    );
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/srv/mcp', LANG: 'C.UTF-8', API_KEY: 'sk-1' });
  });
});
