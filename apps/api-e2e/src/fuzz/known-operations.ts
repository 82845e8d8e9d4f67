/**
 * The operations of `/api/docs-json`, in document order, so each gets a jest test of its own
 * (jest needs test names before the API is up to serve the document). The cases themselves are
 * generated from the served document. An operation missing here is still fuzzed, by the spec's
 * catch-all test; add it here to give it its own test. One listed but gone from the document
 * fails its test, so this list does not drift.
 */
export const KNOWN_OPERATIONS: readonly string[] = [
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/mcp/users',
  'POST /api/mcp/users',
  'PATCH /api/mcp/users/{id}',
  'POST /api/mcp/users/{id}/reset-password',
  'GET /api/mcp/api-tokens',
  'POST /api/mcp/api-tokens',
  'DELETE /api/mcp/api-tokens/{id}',
  'GET /api/mcp/events',
  'GET /api/mcp/events/export',
  'GET /api/mcp/audit',
  'GET /health',
  'GET /ready',
  'GET /api/system-info',
  'GET /api/mcp/overview',
  'GET /api/mcp/servers',
  'POST /api/mcp/servers',
  'GET /api/mcp/servers/{id}',
  'PATCH /api/mcp/servers/{id}',
  'DELETE /api/mcp/servers/{id}',
  'POST /api/mcp/servers/bulk/start',
  'POST /api/mcp/servers/bulk/stop',
  'POST /api/mcp/servers/bulk/restart',
  'POST /api/mcp/servers/{id}/start',
  'POST /api/mcp/servers/{id}/stop',
  'POST /api/mcp/servers/{id}/restart',
  'POST /api/mcp/servers/{id}/maintenance',
  'POST /api/mcp/servers/{id}/maintenance/exit',
  'POST /api/mcp/servers/{id}/health-check',
  'GET /api/mcp/servers/{id}/metrics/history',
  'GET /api/mcp/servers/{id}/tools',
  'GET /api/mcp/servers/{id}/resources',
  'GET /api/mcp/servers/{id}/prompts',
  'POST /api/mcp/servers/{id}/tools/{tool}/call',
  'GET /api/mcp/servers/{id}/logs',
  'GET /api/mcp/instances',
  'GET /metrics',
];
