import { DomainError } from '@mcp-fleet/api/shared/errors';

import { completionFailure, promptGetFailure, resourceReadFailure } from './mcp-feature-errors';

const SERVER = '00000000-0000-4000-8000-000000000001';
/** What McpUpstream makes of a JSON-RPC error the server answered. */
const answered = (rpcCode: number, message = 'refused', rpcData?: unknown) =>
  new DomainError('MCP_REQUEST_FAILED', message, { serverId: SERVER, rpcCode, rpcData });

describe('errors of resource reads, prompt gets and completions', () => {
  it('makes a resource miss (-32002, or -32602 on resources/read) a 404 RESOURCE_NOT_FOUND naming the URI', () => {
    expect(resourceReadFailure(answered(-32002), 'demo://a')).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      details: { serverId: SERVER, uri: 'demo://a', rpcCode: -32002 },
    });
    expect(resourceReadFailure(answered(-32602, 'Resource demo://a not found', { uri: 'demo://a' }), 'demo://a')).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      message: 'Resource demo://a not found',
    });
  });

  it('leaves a server failure, a timeout or a refusal by the runtime as it was', () => {
    const internal = answered(-32603);
    const timeout = new DomainError('MCP_REQUEST_TIMEOUT', 'slow', { serverId: SERVER });
    const notRunning = new DomainError('SERVER_NOT_RUNNING', 'stopped');
    expect(resourceReadFailure(internal, 'demo://a')).toBe(internal);
    expect(resourceReadFailure(timeout, 'demo://a')).toBe(timeout);
    expect(resourceReadFailure(notRunning, 'demo://a')).toBe(notRunning);
    expect(promptGetFailure(internal, 'p', true)).toBe(internal);
    expect(completionFailure(timeout)).toBe(timeout);
  });

  it('tells an unknown prompt (not in the catalog) from refused arguments (a listed prompt)', () => {
    expect(promptGetFailure(answered(-32602, 'Prompt nope not found'), 'nope', false)).toMatchObject({
      code: 'PROMPT_NOT_FOUND',
      details: { prompt: 'nope' },
    });
    expect(promptGetFailure(answered(-32602, 'Invalid arguments: city required'), 'args-prompt', true)).toMatchObject({
      code: 'MCP_INVALID_PARAMS',
      message: 'Invalid arguments: city required',
    });
  });

  it('makes a refused completion the caller’s to fix (400)', () => {
    expect(completionFailure(answered(-32602))).toMatchObject({ code: 'MCP_INVALID_PARAMS' });
    expect(completionFailure(answered(-32601))).toMatchObject({ code: 'MCP_REQUEST_FAILED' });
  });
});
