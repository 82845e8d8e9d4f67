import type { FastifyRequest } from 'fastify';

import { publicOrigin } from './public-url';

const request = (headers: Record<string, string | string[]>, protocol: 'http' | 'https' = 'http') =>
  ({ headers, protocol }) as unknown as FastifyRequest;

describe('publicOrigin: where clients reach the API', () => {
  it('is what the request shows without a proxy', () => {
    expect(publicOrigin(request({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
  });

  it('is what the first proxy says when there is one', () => {
    expect(
      publicOrigin(request({ host: 'api:3000', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'fleet.example.com, api' })),
    ).toBe('https://fleet.example.com');
  });

  it('falls back to localhost when nothing names a host', () => {
    expect(publicOrigin(request({}, 'https'))).toBe('https://localhost');
  });
});
