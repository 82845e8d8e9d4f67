import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { FleetDirectory, McpUpstream } from '@mcp-fleet/api/runtime/data-access';
import type { GetPromptResponse } from '@mcp-fleet/shared/contracts';

import { promptGetFailure } from '../../upstream/mcp-feature-errors';
import { GetPromptQuery } from './get-prompt.query';

/**
 * A prompt of a running server with its arguments filled in, wherever the server runs. Nothing
 * is refused before it is sent (the server is the judge of its prompts); its refusal is read
 * against the catalog to tell an unknown prompt from refused arguments.
 */
@QueryHandler(GetPromptQuery)
export class GetPromptHandler implements IQueryHandler<GetPromptQuery> {
  constructor(
    private readonly upstream: McpUpstream,
    private readonly directory: FleetDirectory,
  ) {}

  async execute({ serverId, name, args, signal }: GetPromptQuery): Promise<GetPromptResponse> {
    const begun = performance.now();
    try {
      const result = await this.upstream.request(serverId, { method: 'prompts/get', params: { name, arguments: args } }, { signal });
      return { result: result as GetPromptResponse['result'], durationMs: Math.round(performance.now() - begun) };
    } catch (error) {
      throw promptGetFailure(error, name, this.listed(serverId, name));
    }
  }

  private listed(serverId: string, name: string): boolean {
    const prompts = this.directory.get(serverId)?.catalog?.prompts ?? [];
    return prompts.some((prompt) => prompt['name'] === name);
  }
}
