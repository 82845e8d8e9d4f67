import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpUpstream } from '@mcp-fleet/api/runtime/data-access';
import type { CompleteResponse } from '@mcp-fleet/shared/contracts';

import { completionFailure } from '../../upstream/mcp-feature-errors';
import { GetCompletionQuery } from './get-completion.query';

/** Values a running server suggests for one argument of a prompt or a resource template. */
@QueryHandler(GetCompletionQuery)
export class GetCompletionHandler implements IQueryHandler<GetCompletionQuery> {
  constructor(private readonly upstream: McpUpstream) {}

  async execute({ serverId, request, signal }: GetCompletionQuery): Promise<CompleteResponse> {
    const begun = performance.now();
    const params: Record<string, unknown> = { ref: request.ref, argument: request.argument };
    if (request.context) {
      params['context'] = request.context;
    }
    try {
      const result = await this.upstream.request(serverId, { method: 'completion/complete', params }, { signal });
      const completion = (result['completion'] ?? { values: [] }) as CompleteResponse['completion'];
      return { completion, durationMs: Math.round(performance.now() - begun) };
    } catch (error) {
      throw completionFailure(error);
    }
  }
}
