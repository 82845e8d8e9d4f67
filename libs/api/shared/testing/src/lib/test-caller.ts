import type { CallContext } from '@mcp-fleet/api/shared/authz';

/** A signed-in admin calling over REST, for commands run directly in integration tests. */
export const testCaller: CallContext = {
  actor: { kind: 'user', id: '00000000-0000-4000-8000-00000000a11c', name: 'alice@example.com' },
  correlationId: 'test-correlation',
  ip: '127.0.0.1',
  userAgent: 'jest',
  via: 'rest',
};
