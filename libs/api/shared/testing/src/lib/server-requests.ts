import type { RegisterServerRequest } from '@mcp-fleet/shared/contracts';

/** A valid stdio registration, for tests that need one and care about little else. */
export function stdioServerRequest(name: string, overrides: Partial<RegisterServerRequest> = {}): RegisterServerRequest {
  return {
    name,
    transport: 'stdio',
    config: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] },
    ...overrides,
  };
}

/** A valid streamable-http registration. */
export function remoteServerRequest(name: string, overrides: Partial<RegisterServerRequest> = {}): RegisterServerRequest {
  return {
    name,
    transport: 'streamable-http',
    config: { url: `https://${name.toLowerCase()}.mcp.example.com/mcp` },
    ...overrides,
  };
}
