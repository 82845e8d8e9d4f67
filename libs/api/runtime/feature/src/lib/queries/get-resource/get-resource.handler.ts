import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { auditEntry, EventStore } from '@mcp-fleet/api/events/data-access';
import { McpUpstream } from '@mcp-fleet/api/runtime/data-access';
import { toErrorResponse } from '@mcp-fleet/api/shared/errors';
import { type ReadResourceResponse, RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

import { resourceReadFailure } from '../../upstream/mcp-feature-errors';
import { GetResourceQuery } from './get-resource.query';
import { resourceContents } from './resource-contents';

/**
 * Reads a resource of a running server, wherever it runs (McpUpstream forwards to the owner),
 * its contents redacted by the run and sized. Audited in batches like a tool call, by hand: the
 * audit interceptor records only mutating methods, and this is a GET. The row names the URI,
 * never the contents.
 */
@QueryHandler(GetResourceQuery)
export class GetResourceHandler implements IQueryHandler<GetResourceQuery> {
  constructor(
    private readonly upstream: McpUpstream,
    private readonly store: EventStore,
  ) {}

  async execute({ serverId, uri, context, signal }: GetResourceQuery): Promise<ReadResourceResponse> {
    const begun = performance.now();
    try {
      const result = await this.upstream.request(serverId, { method: 'resources/read', params: { uri } }, { signal });
      const contents = resourceContents(result, RESOURCE_READ_LIMITS.maxBytes, serverId, uri);
      const durationMs = Math.round(performance.now() - begun);
      this.audit(context, serverId, uri, null, durationMs);
      return { serverId, uri, contents, durationMs };
    } catch (error) {
      const failure = resourceReadFailure(error, uri);
      this.audit(context, serverId, uri, failure, Math.round(performance.now() - begun));
      throw failure;
    }
  }

  private audit(context: GetResourceQuery['context'], serverId: string, uri: string, error: unknown, durationMs: number): void {
    const failed = error === null ? undefined : toErrorResponse(error, context.correlationId ?? '').body;
    const outcome = failed
      ? { result: 'failure' as const, statusCode: failed.statusCode, errorCode: failed.code }
      : { result: 'success' as const, statusCode: 200, errorCode: null };
    const target = { type: 'server', id: serverId, name: uri };
    this.store.recordAudit({ ...auditEntry(context, 'server.resource_read', target, outcome), durationMs });
  }
}
